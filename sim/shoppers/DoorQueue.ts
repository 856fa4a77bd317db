import type { Vec2 } from '../geometry/Vec2.ts';
import type { Shopper } from './Shopper.ts';

/** Spacing of people standing in a queue, metres. */
const QUEUE_SPACING_M = 0.65;

/**
 * A gate or counter that serves one person at a time, with a first-come queue behind its service point.
 * `back` is the unit direction the queue extends in, away from the service point.
 */
export class DoorQueue {
  readonly waiting: Shopper[] = [];
  occupant: Shopper | null = null;

  constructor(
    readonly id: string,
    readonly standAt: Vec2,
    private readonly back: Vec2,
    private readonly nav: { isWalkable(p: Vec2): boolean },
  ) {}

  /** Where the i-th person in the queue waits; a long queue bends sideways where it would leave the floor. */
  spot(i: number): Vec2 {
    const [bx, by] = this.back;
    const along = QUEUE_SPACING_M * (i + 1);
    for (let d = along; d > 0; d -= QUEUE_SPACING_M) {
      const side = along - d;
      const q: Vec2 = [this.standAt[0] + bx * d - by * side, this.standAt[1] + by * d + bx * side];
      if (this.nav.isWalkable(q)) return q;
    }
    return [this.standAt[0] + bx * along, this.standAt[1] + by * along];
  }

  /** Joins the back of the queue. */
  join(s: Shopper): void {
    this.waiting.push(s);
  }

  /** Position of s in the queue, or -1. */
  indexOf(s: Shopper): number {
    return this.waiting.indexOf(s);
  }

  /** Takes the first in line as the occupant. */
  admit(): Shopper | null {
    const s = this.waiting.shift() ?? null;
    this.occupant = s;
    return s;
  }

  /** Frees the service point if s holds it. */
  release(s: Shopper): void {
    if (this.occupant === s) this.occupant = null;
  }
}
