import type { Vec2 } from '../geometry/Vec2.ts';
import type { WalkerBody } from '../physics/PhysicsWorld.ts';
import type { Rng } from '../rng/Rng.ts';
import type { Profile } from '../scenario/Scenario.ts';
import type { StoreDoor, StoreSlot } from '../store/Store.ts';
import type { Vec3 } from '../store/StoreLayout.ts';
import type { ShopperActivity, ShopperSpawn } from '../truth/Truth.ts';

/** One thing a shopper means to do, in order. */
export type Task =
  | { readonly kind: 'pick'; readonly slot: StoreSlot; readonly sku: string; readonly qty: number; readonly planned: boolean }
  | { readonly kind: 'put'; readonly slot: StoreSlot; readonly sku: string; readonly intended: StoreSlot }
  | { readonly kind: 'counter'; readonly counter: number }
  | { readonly kind: 'fitting'; readonly room: number };

/** An item in a shopper's hands or basket, and where it came from. */
export interface CarriedItem {
  readonly sku: string;
  readonly from: StoreSlot;
  readonly concealed: boolean;
}

/** A visit: one account's trip, shared by the members of a group. */
export interface Visit {
  readonly id: number;
  readonly accountId: string | null;
  readonly members: Shopper[];
  /** Items carried out through the exit by members who already left. */
  readonly out: CarriedItem[];
  membersOut: number;
}

/** Where a shopper is in the visit. */
export type Phase =
  | 'queue' // outside, waiting for the entry gate
  | 'tailgate' // outside, keeping close behind someone to slip through
  | 'scan' // at the entry gate
  | 'enter' // walking through the entry
  | 'shop' // inside, working through tasks
  | 'exit-queue' // waiting at an exit gate
  | 'exit-pass' // at an exit gate
  | 'leave' // walking out through the exit to outside
  | 'gone';

/** A reach into a slot: the hand goes out, acts at the midpoint, comes back. */
export interface Reach {
  readonly to: Vec3;
  readonly startS: number;
  readonly durS: number;
  acted: boolean;
}

/** A shopper's state. Behaviour (behaviour.ts) moves it along; the World owns the body. */
export class Shopper {
  x: number;
  y: number;
  headingRad = 0;
  phase: Phase;
  activity: ShopperActivity = 'walking';
  readonly tasks: Task[] = [];
  /** Seconds left in a timed activity (browsing, scanning, ordering, waiting, trying on). */
  timerS = 0;
  /** Sub-step of the current task (0 = walking to it). */
  step = 0;
  /** Units still to take or put in the current task. */
  left = 0;
  path: readonly Vec2[] = [];
  pathIndex = 0;
  goal: Vec2 | null = null;
  reach: Reach | null = null;
  readonly carried: CarriedItem[] = [];
  readonly exposed = new Set<number>();
  impulses = 0;
  door: StoreDoor | null = null;
  /** For a tailgater, the shopper they follow in. */
  follow: Shopper | null = null;
  /** Progress watch: where the shopper was when it last made progress, and when. */
  watchX: number;
  watchY: number;
  watchS = 0;
  replans = 0;
  /** When the shopper came within reach of its final waypoint (-1: not yet). */
  nearSinceS = -1;
  concealLeft: boolean;
  swapLeft: boolean;
  /** The physics body, once the shopper is in the world. */
  body: WalkerBody | null = null;
  /** Whether a reader scanned this shopper at the entry; crossed the entry inwards; crossed an exit outwards. */
  scanned = false;
  entered = false;
  exited = false;

  constructor(
    readonly spawn: ShopperSpawn,
    readonly visit: Visit,
    readonly profile: Profile,
    readonly rng: Rng,
    at: Vec2,
    phase: Phase,
  ) {
    this.x = at[0];
    this.y = at[1];
    this.watchX = at[0];
    this.watchY = at[1];
    this.phase = phase;
    this.concealLeft = spawn.adversarial.conceal;
    this.swapLeft = spawn.adversarial.swap;
  }

  get id(): number {
    return this.spawn.id;
  }

  /** Shoulder height, metres (anthropometric ratio of stature). */
  get shoulderZ(): number {
    return 0.82 * this.spawn.appearance.heightM;
  }

  /** Hand positions now: hanging at the sides, or the right hand on its way into a slot. */
  hands(tS: number): { left: Vec3; right: Vec3 } {
    const c = Math.cos(this.headingRad);
    const s = Math.sin(this.headingRad);
    // Right of the heading is (s, -c); hands hang 0.22 m out at 0.44 of stature.
    const side = 0.22 * this.spawn.appearance.build;
    const z = 0.44 * this.spawn.appearance.heightM;
    const left: Vec3 = [this.x - s * side, this.y + c * side, z];
    let right: Vec3 = [this.x + s * side, this.y - c * side, z];
    if (this.reach) {
      const u = Math.min(1, Math.max(0, (tS - this.reach.startS) / this.reach.durS));
      const k = u < 0.5 ? u * 2 : (1 - u) * 2; // out, then back
      const to = this.reach.to;
      right = [right[0] + (to[0] - right[0]) * k, right[1] + (to[1] - right[1]) * k, right[2] + (to[2] - right[2]) * k];
    }
    return { left, right };
  }
}
