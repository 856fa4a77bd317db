import { ArrivalProcess } from './crowd/ArrivalProcess.ts';
import { Spawner } from './crowd/Spawner.ts';
import type { Vec2 } from './geometry/Vec2.ts';
import { PhysicsWorld } from './physics/PhysicsWorld.ts';
import { Rng } from './rng/Rng.ts';
import type { Scenario } from './scenario/Scenario.ts';
import type { BehaviourContext } from './shoppers/behaviour.ts';
import { arrived, updateShopper } from './shoppers/behaviour.ts';
import { DoorQueue } from './shoppers/DoorQueue.ts';
import type { Phase, Shopper, Visit } from './shoppers/Shopper.ts';
import { STEER, capSpeed, repel, seek } from './shoppers/steer.ts';
import { Stock } from './stock/Stock.ts';
import type { Store, StoreDoor } from './store/Store.ts';
import { buildStore } from './store/Store.ts';
import type { ReceiptLine, ShopperPose, TruthEvent } from './truth/Truth.ts';

/** Options of a run that override the scenario. */
export interface WorldOptions {
  /** Arrival window in seconds, instead of crowd.durationS. */
  readonly durationS?: number;
}

/** Tunables of the world loop. */
const WORLD = {
  /** Spatial hash cell for neighbour queries, metres (>= the steering's neighbour range). */
  hashCellM: STEER.neighbourRangeM,
  /** A walker that moved less than this in `stuckS` re-plans its path, metres. */
  stuckMoveM: 0.3,
  stuckS: 4,
  /** After this many re-plans towards one goal a walker gives up on it. */
  maxReplans: 5,
  /** A walker that stays this close to its goal for closeEnoughS has arrived (the spot may be taken), metres. */
  closeEnoughM: 0.6,
  closeEnoughS: 3,
  /** Slot buckets for exposure queries, metres. */
  slotCellM: 2,
} as const;

const OUTSIDE: ReadonlySet<Phase> = new Set(['queue', 'tailgate', 'gone']);

/**
 * The digital twin: a store, its stock and its shoppers, advanced in fixed steps.
 * Deterministic: the same scenario and seed give the same states and events, step by step.
 * Reads no clock and no global randomness; every random draw comes from a named stream.
 */
export class World {
  readonly scenario: Scenario;
  readonly store: Store;
  readonly dtS: number;
  /** End of arrivals, seconds. */
  readonly arrivalsEndS: number;
  /** Hard end of the run, seconds: arrivals end plus the drain time. */
  readonly endS: number;
  tick = 0;
  private readonly physics: PhysicsWorld;
  private readonly stockState: Stock;
  private readonly shoppers: Shopper[] = [];
  private readonly byId = new Map<number, Shopper>();
  private readonly pending: TruthEvent[] = [];
  private stepEvents: TruthEvent[] = [];
  private readonly arrivals: ArrivalProcess;
  private readonly arrivalTimes: number[] = [];
  private readonly spawner: Spawner;
  private readonly entryQueues = new Map<string, DoorQueue>();
  private readonly exitQueues = new Map<string, DoorQueue>();
  private readonly counterQueues: DoorQueue[];
  private readonly slotBuckets = new Map<number, number[]>();
  private readonly ctx: BehaviourContext;
  // Neighbour hash, reused every tick.
  private readonly hashCols: number;
  private readonly hashRows: number;
  private readonly hashHead: Int32Array;
  private hashNext = new Int32Array(64);
  private readonly vel = new Float64Array(2);
  private readonly scratch: Shopper[] = [];
  private prevX = new Float64Array(64);
  private prevY = new Float64Array(64);

  constructor(scenario: Scenario, options: WorldOptions = {}) {
    this.scenario = scenario;
    this.store = buildStore(scenario);
    this.dtS = scenario.dtS;
    this.arrivalsEndS = options.durationS ?? scenario.crowd.durationS;
    this.endS = this.arrivalsEndS + scenario.crowd.drainS;
    this.physics = new PhysicsWorld(this.store);
    this.stockState = new Stock(this.store.slots, (sku) => scenario.catalog.byId.get(sku)!.weightG);
    const seed = scenario.seed;
    const c = scenario.crowd;
    this.arrivals = new ArrivalProcess(c.openAt, c.arrivals, this.arrivalsEndS, new Rng(seed, 'arrivals'));
    const nav = this.store.nav;
    for (const e of this.store.entries) {
      if (e.kind !== 'open') this.entryQueues.set(e.id, new DoorQueue(e.id, doorPoint(e, -0.4), neg(e.inward), nav));
    }
    for (const e of this.store.exits) {
      if (e.kind !== 'walkthrough') this.exitQueues.set(e.id, new DoorQueue(e.id, doorPoint(e, 0.4), e.inward, nav));
    }
    this.counterQueues = this.store.counters.map((k) => new DoorQueue(k.id, k.access.standAt, neg(k.access.facing), nav));
    this.store.slots.forEach((s, i) => {
      const key = this.slotKey(s.access.standAt[0], s.access.standAt[1]);
      const list = this.slotBuckets.get(key) ?? [];
      list.push(i);
      this.slotBuckets.set(key, list);
    });
    this.hashCols = Math.ceil((nav.cols * nav.cellM) / WORLD.hashCellM) + 1;
    this.hashRows = Math.ceil((nav.rows * nav.cellM) / WORLD.hashCellM) + 1;
    this.hashHead = new Int32Array(this.hashCols * this.hashRows);
    this.ctx = this.makeContext();
    this.spawner = new Spawner(scenario, this.store, this.entryQueues, {
      emit: (e) => this.emit(e),
      admit: (s) => this.admitBody(s),
      walkTo: (s, goal) => this.ctx.walkTo(s, goal),
    });
    if (c.initial) this.spawner.placeInitial(c.initial, this.shoppers);
  }

  /** Simulated seconds since the start (exact multiple of dtS, rounded to the microsecond). */
  get t(): number {
    return Math.round(this.tick * this.dtS * 1e6) / 1e6;
  }

  /** Whether the run is over: arrivals done and everybody gone, or the hard end reached. */
  get done(): boolean {
    return this.t >= this.endS - 1e-9 || (this.t >= this.arrivalsEndS && this.arrivals.exhausted && this.arrivalTimes.length === 0 && this.shoppers.length === 0);
  }

  /** Shoppers past the entry and not yet out. */
  get inStoreCount(): number {
    let n = 0;
    for (const s of this.shoppers) if (!OUTSIDE.has(s.phase) && s.phase !== 'leave') n++;
    return n;
  }

  /** Number of shoppers present (inside or queueing outside). */
  get presentCount(): number {
    return this.shoppers.length;
  }

  /** The shoppers present now, inside or queueing outside (read-only: cameras read their bodies). */
  get present(): readonly Shopper[] {
    return this.shoppers;
  }

  /** Events of the latest step only (sensors read these). */
  get lastStepEvents(): readonly TruthEvent[] {
    return this.stepEvents;
  }

  /** Truth events since the last call, in order. */
  takeEvents(): TruthEvent[] {
    return this.pending.splice(0, this.pending.length);
  }

  /** Units of every SKU on the shelves. */
  stockBySku(): Map<string, number> {
    return this.stockState.bySku();
  }

  /** Grams resting in a slot (by slot index), from its contents. */
  slotGrams(index: number): number {
    return this.stockState.grams(index);
  }

  /** Every slot's contents (for logs). */
  stockSnapshot(): ReturnType<Stock['snapshot']> {
    return this.stockState.snapshot();
  }

  /** Units carried by shoppers present, by SKU. */
  carriedBySku(): Map<string, number> {
    const out = new Map<string, number>();
    for (const s of this.shoppers) for (const c of s.carried) out.set(c.sku, (out.get(c.sku) ?? 0) + 1);
    return out;
  }

  /** Every shopper present now, by id. */
  poses(): ShopperPose[] {
    const t = this.t;
    return this.shoppers.map((s) => {
      const h = s.hands(t);
      return { id: s.id, position: [s.x, s.y], headingRad: s.headingRad, activity: s.activity, leftHand: h.left, rightHand: h.right };
    });
  }

  /** Advances the world by one fixed step of dtS seconds. */
  step(): void {
    this.tick++;
    this.stepEvents = [];
    const t = this.t;
    (this.ctx as { tS: number }).tS = t;
    this.arrivals.take(Math.min(t, this.arrivalsEndS), this.arrivalTimes);
    while (this.arrivalTimes.length > 0) this.spawner.arrive(this.arrivalTimes.shift()!);
    this.serveQueues();
    // Behaviour may remove shoppers who leave: walk a copy, kept in a reused array.
    const each = this.scratch;
    each.length = 0;
    for (const s of this.shoppers) each.push(s);
    for (const s of each) updateShopper(this.ctx, s);
    this.steer();
    this.physics.step();
    this.afterPhysics();
  }

  private makeContext(): BehaviourContext {
    return {
      tS: 0,
      scenario: this.scenario,
      store: this.store,
      stock: this.stockState,
      entryQueues: this.entryQueues,
      exitQueues: this.exitQueues,
      counterQueues: this.counterQueues,
      emit: (e) => this.emit(e),
      walkTo: (s, goal) => {
        s.goal = goal;
        s.path = this.store.nav.findPath([s.x, s.y], goal) ?? [goal];
        s.pathIndex = 0;
        s.nearSinceS = -1;
        s.watchX = s.x;
        s.watchY = s.y;
        s.watchS = this.t;
      },
      slotsNear: (x, y, rangeM, visit) => {
        const cx = Math.floor(x / WORLD.slotCellM);
        const cy = Math.floor(y / WORLD.slotCellM);
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const list = this.slotBuckets.get(bucketKey(cx + dx, cy + dy));
            if (!list) continue;
            for (const i of list) {
              const p = this.store.slots[i]!.access.standAt;
              if (Math.hypot(p[0] - x, p[1] - y) <= rangeM) visit(i);
            }
          }
        }
      },
      remove: (s) => this.remove(s),
    };
  }

  private emit(e: TruthEvent): void {
    this.pending.push(e);
    this.stepEvents.push(e);
  }

  private slotKey(x: number, y: number): number {
    return bucketKey(Math.floor(x / WORLD.slotCellM), Math.floor(y / WORLD.slotCellM));
  }

  private serveQueues(): void {
    const max = this.scenario.crowd.maxInStore;
    let inside = this.inStoreCount;
    for (const q of this.entryQueues.values()) {
      if (q.occupant === null && q.waiting.length > 0 && inside < max) {
        q.admit();
        inside++;
      }
    }
    for (const q of this.exitQueues.values()) if (q.occupant === null && q.waiting.length > 0) q.admit();
    for (const q of this.counterQueues) if (q.occupant === null && q.waiting.length > 0) q.admit();
  }

  private admitBody(s: Shopper): void {
    this.shoppers.push(s);
    this.byId.set(s.id, s);
    s.body = this.physics.addWalker(s.id, [s.x, s.y], s.spawn.radiusM);
  }

  private remove(s: Shopper): void {
    s.phase = 'gone';
    this.physics.removeWalker(s.id);
    this.byId.delete(s.id);
    const i = this.shoppers.indexOf(s);
    if (i >= 0) this.shoppers.splice(i, 1);
  }

  /** Preferred velocities with social repulsion, handed to the bodies. */
  private steer(): void {
    const n = this.shoppers.length;
    if (this.hashNext.length < n) {
      this.hashNext = new Int32Array(n * 2);
      this.prevX = new Float64Array(n * 2);
      this.prevY = new Float64Array(n * 2);
    }
    const head = this.hashHead;
    const next = this.hashNext;
    head.fill(-1);
    for (let i = 0; i < n; i++) {
      const s = this.shoppers[i]!;
      const cell = this.hashCell(s.x, s.y);
      next[i] = head[cell]!;
      head[cell] = i;
      this.prevX[i] = s.x;
      this.prevY[i] = s.y;
    }
    const v = this.vel;
    for (let i = 0; i < n; i++) {
      const s = this.shoppers[i]!;
      if (arrived(s)) {
        PhysicsWorld.setVelocity(s.body!, 0, 0, this.dtS);
        continue;
      }
      const target = s.path[s.pathIndex]!;
      const final = s.pathIndex === s.path.length - 1;
      seek(s.x, s.y, target[0], target[1], s.spawn.speedMps, final, v);
      const sp = Math.hypot(v[0]!, v[1]!);
      const dirX = sp > 1e-9 ? v[0]! / sp : Math.cos(s.headingRad);
      const dirY = sp > 1e-9 ? v[1]! / sp : Math.sin(s.headingRad);
      const gx = Math.floor((s.x - this.store.nav.originX) / WORLD.hashCellM);
      const gy = Math.floor((s.y - this.store.nav.originY) / WORLD.hashCellM);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const cx = gx + dx;
          const cy = gy + dy;
          if (cx < 0 || cy < 0 || cx >= this.hashCols || cy >= this.hashRows) continue;
          for (let j = head[cy * this.hashCols + cx]!; j >= 0; j = next[j]!) {
            if (j === i) continue;
            const o = this.shoppers[j]!;
            repel(s.x, s.y, s.spawn.radiusM, dirX, dirY, o.x, o.y, o.spawn.radiusM, v);
          }
        }
      }
      capSpeed(v, s.spawn.speedMps * STEER.maxOverspeed);
      PhysicsWorld.setVelocity(s.body!, v[0]!, v[1]!, this.dtS);
    }
  }

  private hashCell(x: number, y: number): number {
    const cx = Math.min(this.hashCols - 1, Math.max(0, Math.floor((x - this.store.nav.originX) / WORLD.hashCellM)));
    const cy = Math.min(this.hashRows - 1, Math.max(0, Math.floor((y - this.store.nav.originY) / WORLD.hashCellM)));
    return cy * this.hashCols + cx;
  }

  /** Reads positions back, advances waypoints, watches progress and detects door crossings. */
  private afterPhysics(): void {
    const t = this.t;
    const shoppers = this.shoppers;
    for (let i = 0; i < shoppers.length; i++) {
      const s = shoppers[i]!;
      const px = this.prevX[i]!;
      const py = this.prevY[i]!;
      s.x = PhysicsWorld.x(s.body!);
      s.y = PhysicsWorld.y(s.body!);
      const mx = s.x - px;
      const my = s.y - py;
      if (Math.hypot(mx, my) > 0.15 * this.dtS && s.reach === null) s.headingRad = Math.atan2(my, mx);
      if (!arrived(s)) this.advanceWaypoint(s, t);
      this.detectCrossings(s, px, py, t);
    }
  }

  private advanceWaypoint(s: Shopper, t: number): void {
    const target = s.path[s.pathIndex]!;
    const final = s.pathIndex === s.path.length - 1;
    const d = Math.hypot(target[0] - s.x, target[1] - s.y);
    if (d < (final ? STEER.arriveRadiusM : STEER.passRadiusM)) {
      s.pathIndex++;
      if (arrived(s)) s.replans = 0;
      return;
    }
    if (final && d < WORLD.closeEnoughM) {
      // Someone else may stand on the very spot: after a while close by, this is close enough.
      if (s.nearSinceS < 0) s.nearSinceS = t;
      else if (t - s.nearSinceS > WORLD.closeEnoughS) {
        s.pathIndex = s.path.length;
        s.replans = 0;
        return;
      }
    }
    if (s.phase === 'queue' || s.phase === 'tailgate' || s.phase === 'exit-queue') return;
    if (Math.hypot(s.x - s.watchX, s.y - s.watchY) > WORLD.stuckMoveM) {
      s.watchX = s.x;
      s.watchY = s.y;
      s.watchS = t;
    } else if (t - s.watchS > WORLD.stuckS) {
      s.replans++;
      if (s.replans > WORLD.maxReplans) {
        // Blocked for good (a jam in a dead end): give up on this goal and let behaviour move on.
        s.pathIndex = s.path.length;
        s.replans = 0;
        return;
      }
      this.ctx.walkTo(s, s.goal ?? target);
    }
  }

  private detectCrossings(s: Shopper, px: number, py: number, t: number): void {
    const door = s.door;
    if (door === null) return;
    const [ix, iy] = door.inward;
    const before = (px - door.position[0]) * ix + (py - door.position[1]) * iy;
    const after = (s.x - door.position[0]) * ix + (s.y - door.position[1]) * iy;
    const lateral = Math.abs(-(s.x - door.position[0]) * iy + (s.y - door.position[1]) * ix);
    if (lateral > door.widthM / 2 + 0.3) return;
    if (before < 0 && after >= 0 && !s.entered && this.store.entries.includes(door)) {
      s.entered = true;
      this.entryQueues.get(door.id)?.release(s);
      this.emit({ kind: 'entered', t, shopper: s.id, door: door.id, scanned: s.scanned });
    } else if (before > 0 && after <= 0 && !s.exited && this.store.exits.includes(door)) {
      s.exited = true;
      this.exitQueues.get(door.id)?.release(s);
      this.emit({ kind: 'exited', t, shopper: s.id, door: door.id });
      this.checkOut(s, t);
    }
  }

  /** A member left: what they carry goes on the visit; when the last member is out, the visit's true receipt. */
  private checkOut(s: Shopper, t: number): void {
    const v = s.visit;
    v.out.push(...s.carried.splice(0));
    v.membersOut++;
    if (v.membersOut < v.members.length) return;
    const qty = new Map<string, number>();
    for (const item of v.out) qty.set(item.sku, (qty.get(item.sku) ?? 0) + 1);
    const lines: ReceiptLine[] = [...qty].sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([sku, n]) => ({ sku, qty: n, unitCents: this.scenario.catalog.byId.get(sku)!.priceCents }));
    const totalCents = lines.reduce((sum, l) => sum + l.qty * l.unitCents, 0);
    for (const item of v.out) this.bought.set(item.sku, (this.bought.get(item.sku) ?? 0) + 1);
    this.emit({ kind: 'receipt', t, visitId: v.id, accountId: v.accountId, shoppers: v.members.map((m) => m.id), lines, totalCents });
  }

  /** Units that left the store on receipts, by SKU. */
  readonly bought = new Map<string, number>();

  /** Units carried out of the store so far (including by members of visits not yet complete), by SKU. */
  outBySku(): Map<string, number> {
    const out = new Map(this.bought);
    const open = new Set<Visit>();
    for (const s of this.shoppers) if (s.visit.membersOut > 0 && s.visit.membersOut < s.visit.members.length) open.add(s.visit);
    for (const v of open) for (const item of v.out) out.set(item.sku, (out.get(item.sku) ?? 0) + 1);
    return out;
  }
}

function doorPoint(d: StoreDoor, alongInwardM: number): Vec2 {
  return [d.position[0] + d.inward[0] * alongInwardM, d.position[1] + d.inward[1] * alongInwardM];
}

function neg(v: Vec2): Vec2 {
  return [-v[0], -v[1]];
}

function bucketKey(cx: number, cy: number): number {
  return (cx + 4096) * 8192 + (cy + 4096);
}
