import type { OcclusionGrid } from './OcclusionGrid.ts';

/** Centimetres per step of a SightGrid cell, and the top value (at or above it: never seen). */
export const SIGHT_GRID = {
  /** 1 cm: a hundredth of a shelf's height, below a keypoint's noise. */
  stepM: 0.01,
  /** Uint8: 2.55 m, above every stature and reach (shelves top out near 2 m). */
  top: 255,
} as const;

/**
 * A camera's OcclusionGrid packed for the per-frame kernel: the lowest visible height per floor
 * cell in whole centimetres, rounded up (so a point is never seen that the exact grid hides),
 * 255 for 2.55 m and above or behind a wall. A quarter of the grid's bytes, so the grids of all
 * cameras stay in cache between the twin's steps; the kernel reads one per body in view.
 */
export class SightGrid {
  readonly cm: Uint8Array;
  private readonly originX: number;
  private readonly originY: number;
  private readonly perM: number;
  private readonly cols: number;
  private readonly rows: number;

  constructor(grid: OcclusionGrid) {
    const b = grid.bounds;
    this.originX = b.originX;
    this.originY = b.originY;
    this.perM = 1 / b.cellM;
    this.cols = b.cols;
    this.rows = b.rows;
    const z = grid.minVisibleZ;
    this.cm = new Uint8Array(z.length);
    for (let i = 0; i < z.length; i++) {
      const q = Math.ceil(z[i]! / SIGHT_GRID.stepM - 1e-9);
      this.cm[i] = q >= SIGHT_GRID.top ? SIGHT_GRID.top : q > 0 ? q : 0;
    }
  }

  /** The lowest visible height at floor point (x, y), metres (rounded up to the cm); +Infinity outside the grid or at the top value. */
  minZAt(x: number, y: number): number {
    const c = Math.floor((x - this.originX) * this.perM);
    const r = Math.floor((y - this.originY) * this.perM);
    if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) return Infinity;
    const q = this.cm[r * this.cols + c]!;
    return q === SIGHT_GRID.top ? Infinity : q * SIGHT_GRID.stepM;
  }
}
