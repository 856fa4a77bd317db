import palette from '../../assets/appearance.json' with { type: 'json' };
import type { Vec2 } from '../geometry/Vec2.ts';
import { Rng } from '../rng/Rng.ts';
import type { Profile, Scenario } from '../scenario/Scenario.ts';
import type { DoorQueue } from '../shoppers/DoorQueue.ts';
import type { Phase, Visit } from '../shoppers/Shopper.ts';
import { Shopper } from '../shoppers/Shopper.ts';
import type { Store, StoreDoor } from '../store/Store.ts';
import type { ShopperSpawn, TruthEvent } from '../truth/Truth.ts';
import { drawAppearance, planTasks } from './planVisit.ts';

/** What the spawner may do to the world it fills. */
export interface SpawnSink {
  emit(e: TruthEvent): void;
  /** Gives a new shopper a body and a place among those present. */
  admit(s: Shopper): void;
  walkTo(s: Shopper, goal: Vec2): void;
}

/**
 * Turns arrivals into shoppers: who comes (profile, group, account, adversarial intent),
 * what they look like and mean to buy, and where they appear. Ids come from its own counters.
 */
export class Spawner {
  private readonly rng: Rng;
  private readonly slotWeights: number[];
  private nextShopperId = 0;
  private nextVisitId = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly store: Store,
    private readonly entryQueues: ReadonlyMap<string, DoorQueue>,
    private readonly sink: SpawnSink,
  ) {
    this.rng = new Rng(scenario.seed, 'visits');
    this.slotWeights = store.slots.map((s) => s.facings);
  }

  /** One arrival: a visit of one shopper, or a group, perhaps with a tailgater behind. */
  arrive(atS: number): void {
    const r = this.rng;
    const c = this.scenario.crowd;
    const entry = this.store.entries[r.int(0, this.store.entries.length - 1)]!;
    const queue = this.entryQueues.get(entry.id);
    if (queue && queue.waiting.length >= c.balkAtQueue) {
      this.sink.emit({ kind: 'balked', t: Math.round(atS * 1e6) / 1e6, door: entry.id, queueLength: queue.waiting.length });
      return;
    }
    const size = r.chance(c.groups.share) ? r.int(c.groups.sizeMin, c.groups.sizeMax) : 1;
    const accountId = this.drawAccount(r, entry.kind === 'face');
    const visit: Visit = { id: this.nextVisitId++, accountId, members: [], out: [], membersOut: 0 };
    const profile = c.profiles[r.weighted(c.profiles.map((p) => p.weight))]!;
    const tailgate = size === 1 && entry.kind !== 'open' && r.chance(c.adversarial.tailgateProb);
    const conceal = r.chance(c.adversarial.concealProb);
    const swap = r.chance(c.adversarial.swapProb);
    for (let m = 0; m < size; m++) {
      this.addShopper(visit, profile, entry, atS, { tailgate: false, conceal: conceal && m === 0, swap: swap && m === 0 }, size > 1);
    }
    if (tailgate) {
      const sneak: Visit = { id: this.nextVisitId++, accountId: null, members: [], out: [], membersOut: 0 };
      const lead = visit.members[0]!;
      const s = this.addShopper(sneak, profile, entry, atS, { tailgate: true, conceal: false, swap: false }, false);
      s.follow = lead;
    }
  }

  private drawAccount(r: Rng, mustBeEnrolled: boolean): string {
    const c = this.scenario.crowd.accounts;
    let id = `acct-${r.int(0, c.population - 1)}`;
    for (let tries = 0; mustBeEnrolled && !this.enrolled(id) && tries < 200; tries++) id = `acct-${r.int(0, c.population - 1)}`;
    return id;
  }

  /** Whether an account opted in to face pay; fixed per account and seed. */
  enrolled(accountId: string): boolean {
    return new Rng(this.scenario.seed, `account:${accountId}`).chance(this.scenario.crowd.accounts.faceEnrolledShare);
  }

  private addShopper(visit: Visit, profile: Profile, entry: StoreDoor, atS: number, adversarial: ShopperSpawn['adversarial'], grouped: boolean): Shopper {
    const id = this.nextShopperId++;
    const rng = new Rng(this.scenario.seed, `shopper:${id}`);
    const { appearance, radiusM } = drawAppearance(rng, palette);
    const { tasks, list } = planTasks(rng, profile, this.store, this.slotWeights, entry.inside);
    const holder = visit.members.length === 0 && !adversarial.tailgate;
    const spawn: ShopperSpawn = {
      id,
      visitId: visit.id,
      accountId: visit.accountId,
      groupId: grouped ? visit.id : null,
      profile: profile.name,
      speedMps: Math.round(rng.clippedNormal(profile.speedMps) * 1000) / 1000,
      radiusM,
      appearance,
      list,
      adversarial,
      faceEnrolled: holder && visit.accountId !== null && this.enrolled(visit.accountId),
      faceKey: holder && visit.accountId !== null ? visit.accountId : `person-${id}`,
    };
    // Arrivals appear outside the door, spread a little so a group does not start stacked.
    const [ix, iy] = entry.inward;
    const lateral = rng.between(-0.6, 0.6);
    const at: Vec2 = [entry.outside[0] - iy * lateral - ix * visit.members.length * 0.5, entry.outside[1] + ix * lateral - iy * visit.members.length * 0.5];
    const phase: Phase = adversarial.tailgate ? 'tailgate' : entry.kind === 'open' ? 'enter' : 'queue';
    const s = new Shopper(spawn, visit, profile, rng, at, phase);
    s.tasks.push(...tasks);
    s.door = entry;
    visit.members.push(s);
    this.sink.admit(s);
    this.sink.emit({ kind: 'spawn', t: Math.round(atS * 1e6) / 1e6, shopper: spawn });
    if (phase === 'queue') this.entryQueues.get(entry.id)!.join(s);
    if (phase === 'enter') this.sink.walkTo(s, entry.inside);
    return s;
  }

  /** Shoppers already inside at t = 0 (RiMEA set-ups): placed in the box, heading for the exit. */
  placeInitial(init: NonNullable<Scenario['crowd']['initial']>, present: readonly Shopper[]): void {
    const r = new Rng(this.scenario.seed, 'initial');
    const c = this.scenario.crowd;
    const profile = c.profiles.find((p) => p.name === init.profile) ?? c.profiles[0]!;
    for (let i = 0; i < init.count; i++) {
      const visit: Visit = { id: this.nextVisitId++, accountId: this.drawAccount(r, false), members: [], out: [], membersOut: 0 };
      const id = this.nextShopperId++;
      const rng = new Rng(this.scenario.seed, `shopper:${id}`);
      const { appearance, radiusM } = drawAppearance(rng, palette);
      const spawn: ShopperSpawn = {
        id, visitId: visit.id, accountId: visit.accountId, groupId: null, profile: profile.name,
        speedMps: Math.round(rng.clippedNormal(profile.speedMps) * 1000) / 1000, radiusM, appearance, list: [],
        adversarial: { tailgate: false, conceal: false, swap: false }, faceEnrolled: false, faceKey: visit.accountId!,
      };
      // Rejection-sample a free spot so no two bodies start overlapping.
      let at: Vec2 = [init.min[0], init.min[1]];
      for (let tries = 0; tries < 200; tries++) {
        at = [r.between(init.min[0], init.max[0]), r.between(init.min[1], init.max[1])];
        if (init.min[0] === init.max[0] && init.min[1] === init.max[1]) break;
        const free = present.every((o) => Math.hypot(o.x - at[0], o.y - at[1]) > o.spawn.radiusM + radiusM + 0.02);
        if (free && this.store.nav.isWalkable(at)) break;
      }
      const s = new Shopper(spawn, visit, profile, rng, at, 'shop');
      visit.members.push(s);
      this.sink.admit(s);
      this.sink.emit({ kind: 'spawn', t: 0, shopper: spawn });
    }
  }
}
