import type { Vec2 } from '../geometry/Vec2.ts';
import type { Scenario } from '../scenario/Scenario.ts';
import type { Stock } from '../stock/Stock.ts';
import type { Store, StoreDoor, StoreSlot } from '../store/Store.ts';
import type { TruthEvent } from '../truth/Truth.ts';
import type { DoorQueue } from './DoorQueue.ts';
import type { Shopper, Task } from './Shopper.ts';

/** Tunables of shopper behaviour that the scenario does not set, each with why. */
export const BEHAVIOUR = {
  /** Time to key in an order at a counter, seconds. */
  orderS: { mean: 9, sd: 3, min: 4, max: 20 },
  /** Time in a fitting room, seconds. */
  tryOnS: { mean: 120, sd: 45, min: 40, max: 300 },
  /** Chance a tried-on item goes back to its rail. */
  tryOnRejectProb: 0.5,
  /** Time spent looking at an item before putting it back, seconds. */
  reconsiderS: { mean: 2.5, sd: 1, min: 1, max: 6 },
  /** A group member hands an item to the account holder when within this distance, metres. */
  handoverRangeM: 3,
  /** Most unplanned items one visit adds on impulse. */
  maxImpulses: 3,
  /** Slots count as passed (exposure) within this distance of where one stands to reach them, metres. */
  exposureRangeM: 1.5,
  /** A leaver this far past the exit has left the scene, metres. */
  goneBeyondM: 1.5,
  /** Exposure is checked every this many ticks (staggered by shopper id). */
  exposureEveryTicks: 5,
} as const;

/** What behaviour may read and do in the world. The World implements it. */
export interface BehaviourContext {
  readonly tS: number;
  readonly scenario: Scenario;
  readonly store: Store;
  readonly stock: Stock;
  readonly entryQueues: ReadonlyMap<string, DoorQueue>;
  readonly exitQueues: ReadonlyMap<string, DoorQueue>;
  readonly counterQueues: readonly DoorQueue[];
  emit(e: TruthEvent): void;
  /** Plans a path from the shopper's position to `goal` and sets it walking. */
  walkTo(s: Shopper, goal: Vec2): void;
  /** Calls visit(slotIndex) for slots whose stand point is within range of (x, y). */
  slotsNear(x: number, y: number, rangeM: number, visit: (slot: number) => void): void;
  /** Removes a shopper who has left. */
  remove(s: Shopper): void;
}

/** Whether a shopper has reached the end of its path. */
export function arrived(s: Shopper): boolean {
  return s.pathIndex >= s.path.length;
}

/** Advances one shopper's state machine by one tick. */
export function updateShopper(ctx: BehaviourContext, s: Shopper): void {
  switch (s.phase) {
    case 'queue': return queueAtEntry(ctx, s);
    case 'tailgate': return tailgate(ctx, s);
    case 'scan': return scanAtEntry(ctx, s);
    case 'enter':
      if (arrived(s)) {
        s.phase = 'shop';
        s.step = 0;
      }
      return;
    case 'shop': return shop(ctx, s);
    case 'exit-queue': return queueAtExit(ctx, s);
    case 'exit-pass': return passExit(ctx, s);
    case 'leave': {
      // Once through the door and clear of it, a leaver is gone (a crowd need not all reach one point).
      const door = s.door!;
      if (s.exited && (arrived(s) || Math.hypot(s.x - door.position[0], s.y - door.position[1]) > BEHAVIOUR.goneBeyondM)) ctx.remove(s);
      // Not through yet but the walk ended (a jam made the walker give up, or it stopped short): walk
      // on. Leaving the world unseen would take a shopper out of the store with no exit in the truth.
      else if (arrived(s)) ctx.walkTo(s, door.outside);
      return;
    }
    case 'gone': return;
  }
}

function holdSpot(ctx: BehaviourContext, s: Shopper, q: DoorQueue): void {
  const spot = q.spot(q.indexOf(s));
  if (s.goal === null || Math.hypot(spot[0] - s.goal[0], spot[1] - s.goal[1]) > 0.05) {
    // Queues stand on open floor: walk straight to the spot.
    s.goal = spot;
    s.path = [spot];
    s.pathIndex = 0;
    s.nearSinceS = -1;
  }
  s.activity = 'queueing';
  void ctx;
}

function queueAtEntry(ctx: BehaviourContext, s: Shopper): void {
  const q = ctx.entryQueues.get(s.door!.id)!;
  if (q.occupant === s) {
    s.phase = 'scan';
    s.step = 0;
    s.goal = q.standAt;
    s.path = [q.standAt];
    s.pathIndex = 0;
    s.activity = 'walking';
    return;
  }
  holdSpot(ctx, s, q);
}

function tailgate(ctx: BehaviourContext, s: Shopper): void {
  const lead = s.follow;
  if (lead === null || lead.phase === 'enter' || lead.phase === 'shop' || lead.phase === 'gone') {
    // The gate is open behind the person in front: slip through without scanning.
    enterThrough(ctx, s, s.door!);
    return;
  }
  const behind: Vec2 = [lead.x - Math.cos(lead.headingRad) * 0.55, lead.y - Math.sin(lead.headingRad) * 0.55];
  s.goal = behind;
  s.path = [behind];
  s.pathIndex = 0;
  s.activity = 'following';
}

function scanAtEntry(ctx: BehaviourContext, s: Shopper): void {
  const door = s.door!;
  if (s.step === 0) {
    if (!arrived(s)) return;
    s.step = 1;
    s.activity = 'scanning';
    const entry = ctx.scenario.store.entries.find((e) => e.id === door.id)!;
    s.timerS = s.rng.clippedNormal(entry.scanS);
    const method = door.kind === 'face' ? 'face' : 'qr';
    // A group member passes on the account holder's code or face, shown again at the reader.
    const holder = s.visit.members[0]!;
    s.scanned = true;
    ctx.emit({ kind: 'scan', t: ctx.tS, shopper: s.id, at: door.id, method, accountId: s.visit.accountId, faceKey: holder.spawn.faceKey });
    return;
  }
  s.timerS -= ctx.scenario.dtS;
  if (s.timerS <= 0) enterThrough(ctx, s, door);
}

function enterThrough(ctx: BehaviourContext, s: Shopper, door: StoreDoor): void {
  s.phase = 'enter';
  s.step = 0;
  s.activity = 'walking';
  const [ix, iy] = door.inward;
  ctx.walkTo(s, [door.inside[0] + ix * 0.6, door.inside[1] + iy * 0.6]);
}

function shop(ctx: BehaviourContext, s: Shopper): void {
  const task = s.tasks[0];
  if (task === undefined) return headForExit(ctx, s);
  switch (task.kind) {
    case 'pick':
    case 'put':
      return slotTask(ctx, s, task);
    case 'counter':
      return counterTask(ctx, s, task.counter);
    case 'fitting':
      return fittingTask(ctx, s, task.room);
  }
}

function nextTask(s: Shopper): void {
  s.tasks.shift();
  s.step = 0;
  s.reach = null;
  s.activity = 'walking';
}

function faceTowards(s: Shopper, facing: Vec2): void {
  s.headingRad = Math.atan2(facing[1], facing[0]);
}

function slotTask(ctx: BehaviourContext, s: Shopper, task: Extract<Task, { kind: 'pick' | 'put' }>): void {
  const dt = ctx.scenario.dtS;
  const slot = task.slot;
  switch (s.step) {
    case 0: // set off
      s.step = 1;
      s.activity = 'walking';
      ctx.walkTo(s, slot.access.standAt);
      return;
    case 1: // walking, noticing what we pass
      if (!arrived(s)) return noticeSlots(ctx, s);
      faceTowards(s, slot.access.facing);
      s.left = task.kind === 'pick' ? task.qty : 1;
      if (task.kind === 'pick' && s.rng.chance(s.profile.browseProb)) {
        s.activity = 'browsing';
        s.timerS = s.rng.clippedNormal(s.profile.dwellS);
      } else {
        s.timerS = 0;
      }
      s.step = 2;
      return;
    case 2: // browsing, then reach
      s.timerS -= dt;
      if (s.timerS > 0) return;
      if (task.kind === 'pick' && ctx.stock.count(slot.index, task.sku) === 0) return nextTask(s); // sold out
      s.reach = { to: slot.access.reachTo, startS: ctx.tS, durS: s.rng.clippedNormal(s.profile.reachS), acted: false };
      s.activity = 'reaching';
      s.step = 3;
      return;
    case 3: { // reaching: act at the midpoint, finish, repeat or move on
      const reach = s.reach!;
      const u = (ctx.tS - reach.startS) / reach.durS;
      if (u >= 0.5 && !reach.acted) {
        reach.acted = true;
        if (task.kind === 'pick') take(ctx, s, slot, task.sku, task.planned);
        else putBack(ctx, s, task);
      }
      if (u < 1) return;
      s.reach = null;
      s.left--;
      if (s.left > 0) {
        s.step = 2;
        return;
      }
      if (task.kind === 'pick') afterPick(ctx, s, task);
      nextTask(s);
      return;
    }
  }
}

function take(ctx: BehaviourContext, s: Shopper, slot: StoreSlot, sku: string, planned: boolean): void {
  if (!ctx.stock.take(slot.index, sku)) return;
  const concealed = s.concealLeft;
  s.concealLeft = false;
  s.carried.push({ sku, from: slot, concealed });
  ctx.emit({ kind: 'take', t: ctx.tS, shopper: s.id, slot: slot.id, sku, planned, concealed });
  handOver(ctx, s);
}

/** A group member passes what they just took to the account holder when close enough. */
function handOver(ctx: BehaviourContext, s: Shopper): void {
  const holder = s.visit.members[0]!;
  if (holder === s || holder.phase !== 'shop') return;
  if (Math.hypot(holder.x - s.x, holder.y - s.y) > BEHAVIOUR.handoverRangeM) return;
  if (!s.rng.chance(ctx.scenario.crowd.groups.handoverProb)) return;
  const item = s.carried.pop()!;
  holder.carried.push(item);
  ctx.emit({ kind: 'handover', t: ctx.tS, from: s.id, to: holder.id, sku: item.sku });
}

function putBack(ctx: BehaviourContext, s: Shopper, task: Extract<Task, { kind: 'put' }>): void {
  const i = s.carried.findIndex((c) => c.sku === task.sku);
  if (i < 0) return; // handed over meanwhile
  s.carried.splice(i, 1);
  ctx.stock.put(task.slot.index, task.sku);
  ctx.emit({ kind: 'put-back', t: ctx.tS, shopper: s.id, slot: task.slot.id, sku: task.sku, intendedSlot: task.intended.id });
}

/** After taking: sometimes reconsider and put one back (perhaps in the wrong slot); a swapper plants one elsewhere. */
function afterPick(ctx: BehaviourContext, s: Shopper, task: Extract<Task, { kind: 'pick' }>): void {
  const holding = s.carried.some((c) => c.sku === task.sku);
  if (!holding) return;
  if (s.swapLeft) {
    s.swapLeft = false;
    const other = neighbourSlot(ctx.store, task.slot, s, true);
    if (other) {
      s.tasks.splice(1, 0,
        { kind: 'put', slot: other, sku: task.sku, intended: task.slot },
        { kind: 'pick', slot: other, sku: other.sku.id, qty: 1, planned: false });
      return;
    }
  }
  if (s.rng.chance(s.profile.putBackProb)) {
    const wrong = s.rng.chance(s.profile.wrongSlotProb) ? neighbourSlot(ctx.store, task.slot, s, false) : null;
    s.tasks.splice(1, 0, { kind: 'put', slot: wrong ?? task.slot, sku: task.sku, intended: task.slot });
    s.activity = 'browsing';
  }
}

/** Another slot on the same shelf face; `anySku` false restricts to slots next to this one. */
function neighbourSlot(store: Store, slot: StoreSlot, s: Shopper, anySku: boolean): StoreSlot | null {
  const here = store.slots.filter((o) => o.shelfId === slot.shelfId && o !== slot && o.sku.id !== slot.sku.id);
  const near = anySku ? here : here.filter((o) => Math.hypot(o.access.standAt[0] - slot.access.standAt[0], o.access.standAt[1] - slot.access.standAt[1]) < 1.3);
  return near.length === 0 ? null : s.rng.pick(near);
}

/** Impulse buying: each slot passed close by gets one chance to be added to the trip. */
function noticeSlots(ctx: BehaviourContext, s: Shopper): void {
  if (s.impulses >= BEHAVIOUR.maxImpulses || s.profile.impulsePerExposure <= 0) return;
  // Walking 0.7 m between looks still sweeps every slot within the 1.5 m exposure range.
  if ((s.id + Math.round(ctx.tS / ctx.scenario.dtS)) % BEHAVIOUR.exposureEveryTicks !== 0) return;
  ctx.slotsNear(s.x, s.y, BEHAVIOUR.exposureRangeM, (i) => {
    if (s.exposed.has(i) || s.impulses >= BEHAVIOUR.maxImpulses) return;
    s.exposed.add(i);
    if (!s.rng.chance(s.profile.impulsePerExposure)) return;
    const slot = ctx.store.slots[i]!;
    if (ctx.stock.count(i, slot.sku.id) === 0 || s.tasks.some((t) => t.kind === 'pick' && t.sku === slot.sku.id)) return;
    s.impulses++;
    // Detour now: the current task restarts after the impulse pick.
    s.step = 0;
    s.tasks.unshift({ kind: 'pick', slot, sku: slot.sku.id, qty: 1, planned: false });
  });
}

function counterTask(ctx: BehaviourContext, s: Shopper, counter: number): void {
  const q = ctx.counterQueues[counter]!;
  const c = ctx.store.counters[counter]!;
  const dt = ctx.scenario.dtS;
  switch (s.step) {
    case 0:
      q.join(s);
      s.step = 1;
      return;
    case 1:
      if (q.occupant !== s) return holdSpot(ctx, s, q);
      s.activity = 'walking';
      ctx.walkTo(s, c.access.standAt);
      s.step = 2;
      return;
    case 2: {
      if (!arrived(s)) return;
      faceTowards(s, c.access.facing);
      s.activity = 'ordering';
      s.timerS = s.rng.clippedNormal(BEHAVIOUR.orderS);
      const menu = ctx.scenario.store.counters[counter]!.menu;
      const item = s.rng.pick(menu);
      const price = ctx.scenario.catalog.byId.get(item.sku)!.priceCents;
      s.left = Math.round(item.prepS * 10) / 10;
      ctx.emit({ kind: 'scan', t: ctx.tS, shopper: s.id, at: c.id, method: 'face', accountId: s.visit.accountId, faceKey: s.spawn.faceKey });
      ctx.emit({ kind: 'order', t: ctx.tS, shopper: s.id, counter: c.id, lines: [{ sku: item.sku, qty: 1 }], totalCents: price });
      s.step = 3;
      return;
    }
    case 3:
      s.timerS -= dt;
      if (s.timerS > 0) return;
      q.release(s);
      // Step aside to wait for the drink, out of the queue's way.
      ctx.walkTo(s, [c.access.standAt[0] - c.access.facing[0] * 1.2 + c.access.facing[1] * s.rng.between(1, 2),
        c.access.standAt[1] - c.access.facing[1] * 1.2 - c.access.facing[0] * s.rng.between(1, 2)]);
      s.activity = 'walking';
      s.timerS = s.left;
      s.step = 4;
      return;
    case 4:
      if (arrived(s)) s.activity = 'waiting';
      s.timerS -= dt;
      if (s.timerS <= 0) nextTask(s);
      return;
  }
}

function fittingTask(ctx: BehaviourContext, s: Shopper, room: number): void {
  const r = ctx.store.fittingRooms[room]!;
  switch (s.step) {
    case 0:
      ctx.walkTo(s, r.access.standAt);
      s.step = 1;
      return;
    case 1:
      if (!arrived(s)) return;
      faceTowards(s, r.access.facing);
      s.activity = 'trying-on';
      s.timerS = s.rng.clippedNormal(BEHAVIOUR.tryOnS);
      ctx.emit({ kind: 'scan', t: ctx.tS, shopper: s.id, at: r.id, method: 'face', accountId: s.visit.accountId, faceKey: s.spawn.faceKey });
      ctx.emit({ kind: 'tried-on', t: ctx.tS, shopper: s.id, room: r.id });
      s.step = 2;
      return;
    case 2: {
      s.timerS -= ctx.scenario.dtS;
      if (s.timerS > 0) return;
      const item = s.carried.find((c) => c.from.sku.category === 'fashion');
      nextTask(s);
      if (item && s.rng.chance(BEHAVIOUR.tryOnRejectProb)) s.tasks.unshift({ kind: 'put', slot: item.from, sku: item.sku, intended: item.from });
      return;
    }
  }
}

function headForExit(ctx: BehaviourContext, s: Shopper): void {
  let best = ctx.store.exits[0]!;
  for (const e of ctx.store.exits) {
    if (Math.hypot(e.inside[0] - s.x, e.inside[1] - s.y) < Math.hypot(best.inside[0] - s.x, best.inside[1] - s.y)) best = e;
  }
  s.door = best;
  s.activity = 'leaving';
  const q = ctx.exitQueues.get(best.id);
  if (q) {
    q.join(s);
    s.phase = 'exit-queue';
    s.step = 0;
    ctx.walkTo(s, q.spot(q.indexOf(s)));
    return;
  }
  s.phase = 'leave';
  ctx.walkTo(s, best.outside);
}

function queueAtExit(ctx: BehaviourContext, s: Shopper): void {
  const q = ctx.exitQueues.get(s.door!.id)!;
  if (q.occupant !== s) {
    if (arrived(s) || s.step === 1) {
      s.step = 1;
      holdSpot(ctx, s, q);
    }
    return;
  }
  s.phase = 'exit-pass';
  s.step = 0;
  s.activity = 'leaving';
  s.goal = q.standAt;
  s.path = [q.standAt];
  s.pathIndex = 0;
}

function passExit(ctx: BehaviourContext, s: Shopper): void {
  const door = s.door!;
  if (s.step === 0) {
    if (!arrived(s)) return;
    const exit = ctx.scenario.store.exits.find((e) => e.id === door.id)!;
    s.timerS = s.rng.clippedNormal(exit.passS);
    if (door.kind === 'face') {
      ctx.emit({ kind: 'scan', t: ctx.tS, shopper: s.id, at: door.id, method: 'face', accountId: s.visit.accountId, faceKey: s.spawn.faceKey });
    }
    s.step = 1;
    return;
  }
  s.timerS -= ctx.scenario.dtS;
  if (s.timerS > 0) return;
  s.phase = 'leave';
  ctx.walkTo(s, door.outside);
}
