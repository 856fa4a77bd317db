import { describe, expect, it } from 'vitest';
import type { Vec2 } from '../geometry/Vec2.ts';
import { distance } from '../geometry/Vec2.ts';
import type { WallSegment } from '../store/StoreLayout.ts';
import { NavGrid } from './NavGrid.ts';

const CELL_M = 0.1;
const CLEARANCE_M = 0.25;
const room: Vec2[] = [[0, 0], [10, 0], [10, 10], [0, 10]];
/** A 2 m wide block rising from the south wall to y = 8: the way from west to east goes round its north end. */
const block: Vec2[] = [[4, 0], [6, 0], [6, 8], [4, 8]];
/** Four walls closing a 2 m square around (8.5, 8.5), clear of the block. */
const closedBox: WallSegment[] = [
  { from: [7.5, 7.5], to: [9.5, 7.5], thicknessM: 0.1 },
  { from: [9.5, 7.5], to: [9.5, 9.5], thicknessM: 0.1 },
  { from: [9.5, 9.5], to: [7.5, 9.5], thicknessM: 0.1 },
  { from: [7.5, 9.5], to: [7.5, 7.5], thicknessM: 0.1 },
];

function grid(walls: WallSegment[] = []): NavGrid {
  return new NavGrid({ regions: [room], obstacles: [block], walls, cellM: CELL_M, clearanceM: CLEARANCE_M });
}

function pathLength(from: Vec2, path: readonly Vec2[]): number {
  let len = 0;
  let at = from;
  for (const p of path) {
    len += distance(at, p);
    at = p;
  }
  return len;
}

describe('NavGrid', () => {
  it('keeps the clearance around obstacles walkable-free', () => {
    const nav = grid();
    expect(nav.cols).toBe(100);
    expect(nav.rows).toBe(100);
    expect(nav.isWalkable([3, 4])).toBe(true);
    expect(nav.isWalkable([3.85, 4])).toBe(false); // 0.15 m from the block, inside the clearance
    expect(nav.isWalkable([5, 4])).toBe(false); // inside the block
    expect(nav.isWalkable([5, 8.4])).toBe(true); // 0.4 m north of it
    expect(nav.isWalkable([11, 5])).toBe(false); // outside the room
  });

  it('finds a path around an obstacle that never enters it or its clearance', () => {
    const nav = grid();
    const from: Vec2 = [2, 2];
    const to: Vec2 = [8, 2];
    const path = nav.findPath(from, to);
    expect(path).not.toBeNull();
    expect(path![path!.length - 1]).toEqual(to);
    // Every leg is straight and walkable, sampled every 5 cm.
    let at = from;
    for (const p of path!) {
      expect(nav.lineOfSight(at, p)).toBe(true);
      const steps = Math.ceil(distance(at, p) / 0.05);
      for (let k = 0; k <= steps; k++) {
        const q: Vec2 = [at[0] + ((p[0] - at[0]) * k) / steps, at[1] + ((p[1] - at[1]) * k) / steps];
        expect(nav.isWalkable(q)).toBe(true);
      }
      at = p;
    }
    // It goes over the top of the block (y >= 8.25) and is close to the taut string round its corners.
    expect(Math.max(...path!.map((p) => p[1]))).toBeGreaterThanOrEqual(8 + CLEARANCE_M - 1e-9);
    const taut = distance(from, [4 - CLEARANCE_M, 8 + CLEARANCE_M]) + 2 + 2 * CLEARANCE_M + distance([6 + CLEARANCE_M, 8 + CLEARANCE_M], to);
    const len = pathLength(from, path!);
    expect(len).toBeGreaterThanOrEqual(taut - 0.05);
    expect(len).toBeLessThan(taut + 0.6);
    // Smoothing keeps few waypoints: a corner or two on each side of the block, and the goal.
    expect(path!.length).toBeLessThanOrEqual(6);
  });

  it('goes straight when nothing is in the way', () => {
    const path = grid().findPath([1, 1], [3, 9]);
    expect(path).toEqual([[3, 9]]);
  });

  it('returns the same path again from its cache', () => {
    const nav = grid();
    const a = nav.findPath([2, 2], [8, 2]);
    const b = nav.findPath([2, 2], [8, 2]);
    expect(b).toEqual(a);
  });

  it('returns null for a goal inside a closed box, though the box has floor inside', () => {
    const nav = grid(closedBox);
    expect(nav.isWalkable([8.5, 8.5])).toBe(true);
    expect(nav.findPath([2, 2], [8.5, 8.5])).toBeNull();
    const outside = nav.reachableFrom(nav.nearestWalkable([2, 2]));
    expect(outside[nav.cellOf([8.5, 8.5])]).toBe(0);
    expect(outside[nav.cellOf([8, 2])]).toBe(1);
  });

  it('lineOfSight: open floor yes; through the block, its clearance or out of the room no', () => {
    const nav = grid();
    expect(nav.lineOfSight([1, 1], [3, 9])).toBe(true);
    expect(nav.lineOfSight([2, 9], [8, 9])).toBe(true);
    expect(nav.lineOfSight([2, 2], [8, 2])).toBe(false);
    expect(nav.lineOfSight([2, 8.15], [8, 8.15])).toBe(false); // grazes the block's clearance
    expect(nav.lineOfSight([9, 5], [11, 5])).toBe(false);
    expect(nav.lineOfSight([2, 2], [2, 2])).toBe(true);
  });

  it('nearestWalkable snaps a point inside an obstacle to the free floor beside it, within the limit', () => {
    const nav = grid();
    const cell = nav.nearestWalkable([4.1, 4], 0.5);
    expect(cell).toBeGreaterThanOrEqual(0);
    const [x] = nav.center(cell);
    expect(x).toBeLessThan(4 - CLEARANCE_M + 0.001);
    expect(x).toBeGreaterThan(3.5);
    expect(nav.nearestWalkable([5, 4], 0.5)).toBe(-1); // the block's middle is 1.25 m from free floor
  });
});
