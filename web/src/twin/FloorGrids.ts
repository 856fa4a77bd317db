import { occupancyGrid } from '../../../bench/score/occupancy.ts';
import type { Vec2 } from '../../../sim/geometry/Vec2.ts';
import type { FloorGridShape } from '../../../sim/render/HeatmapLayer.ts';
import type { CoverageGrid } from '../../../sim/sensors/camera/coverage.ts';
import type { ShopperActivity } from '../../../sim/truth/Truth.ts';

/** The heatmap layers the app can draw. */
export type HeatmapKind = 'occupancy' | 'dwell' | 'coverage' | 'errors';

/** Activities that count as dwelling (standing rather than passing through). */
const DWELLING: ReadonlySet<ShopperActivity> = new Set(['browsing', 'reaching', 'waiting', 'ordering', 'queueing', 'scanning', 'trying-on']);

/**
 * Running floor grids of a live run, on the same cells as the bench's occupancy score (0.5 m over
 * the outline's bounding box, row 0 in the south): occupancy and dwell in person-seconds per m²,
 * engine errors as counts per cell, camera coverage as cameras seeing the cell (set once).
 */
export class FloorGrids {
  readonly shape: FloorGridShape;
  readonly occupancy: Float64Array;
  readonly dwell: Float64Array;
  readonly errors: Float64Array;
  /** Cameras that see a standing person here (whole counts 1, head only 0.5); zero until set. */
  readonly coverage: Float64Array;
  /** The same per camera, by id: 1 where that camera sees a standing person whole, 0.5 head only. */
  readonly coverageByCamera = new Map<string, Float64Array>();
  /** Per camera, by id: the shares of the floor cells it sees a standing person on whole, and at least by head (the report's `coverage.perCamera`). */
  readonly coverageShares = new Map<string, { readonly wholeShare: number; readonly headShare: number }>();

  constructor(outline: readonly Vec2[]) {
    const g = occupancyGrid(outline);
    this.shape = { originM: g.originM, cellM: g.cellM, cols: g.cols, rows: g.rows };
    const n = g.cols * g.rows;
    this.occupancy = new Float64Array(n);
    this.dwell = new Float64Array(n);
    this.errors = new Float64Array(n);
    this.coverage = new Float64Array(n);
  }

  /** The cell index of a floor point, or -1 outside the grid. */
  cellOf(x: number, y: number): number {
    const { originM, cellM, cols, rows } = this.shape;
    const c = Math.floor((x - originM[0]) / cellM);
    const r = Math.floor((y - originM[1]) / cellM);
    return c >= 0 && c < cols && r >= 0 && r < rows ? r * cols + c : -1;
  }

  /** Adds one shopper standing `dtS` seconds at a point doing an activity. */
  addPresence(x: number, y: number, activity: ShopperActivity, dtS: number): void {
    const i = this.cellOf(x, y);
    if (i < 0) return;
    const perM2 = dtS / (this.shape.cellM * this.shape.cellM);
    this.occupancy[i]! += perM2;
    if (DWELLING.has(activity)) this.dwell[i]! += perM2;
  }

  /** Counts one engine error (a miss, a false track or a wrong binding) at a point. */
  addError(x: number, y: number): void {
    const i = this.cellOf(x, y);
    if (i >= 0) this.errors[i]! += 1;
  }

  /**
   * Fills the coverage layers from a camera coverage grid (sim/sensors/camera/coverage.ts): per cell,
   * cameras that see a standing person whole, plus half of those that see only head and shoulders;
   * and each camera's own layer. Cells are matched by centre, so grids with other origins line up.
   */
  setCoverage(c: CoverageGrid): void {
    const { originM, cellM, cols, rows } = this.shape;
    this.coverageByCamera.clear();
    this.coverageShares.clear();
    const own = c.perCamera.map((p) => {
      const layer = new Float64Array(cols * rows);
      this.coverageByCamera.set(p.camera, layer);
      return { sees: p.sees, layer };
    });
    let floorCells = 0;
    for (let k = 0; k < c.inside.length; k++) floorCells += c.inside[k] === 1 ? 1 : 0;
    const share = (n: number) => (floorCells === 0 ? 0 : n / floorCells);
    for (const p of c.perCamera) this.coverageShares.set(p.camera, { wholeShare: share(p.wholeCells), headShare: share(p.wholeCells + p.headOnlyCells) });
    for (let r = 0; r < rows; r++) {
      for (let col = 0; col < cols; col++) {
        const x = originM[0] + (col + 0.5) * cellM;
        const y = originM[1] + (r + 0.5) * cellM;
        const cc = Math.floor((x - c.originX) / c.cellM);
        const cr = Math.floor((y - c.originY) / c.cellM);
        const k = cc >= 0 && cc < c.cols && cr >= 0 && cr < c.rows ? cr * c.cols + cc : -1;
        const i = r * cols + col;
        const floor = k >= 0 && c.inside[k] === 1;
        this.coverage[i] = floor ? c.whole[k]! + 0.5 * c.headOnly[k]! : 0;
        for (const o of own) o.layer[i] = floor ? 0.5 * o.sees[k]! : 0;
      }
    }
  }

  /**
   * The values of a layer and their maximum (for the colour scale). With a camera id, the
   * coverage layer is that camera's own (where it alone sees a standing person); other layers
   * and unknown ids ignore it.
   */
  layer(kind: HeatmapKind, cameraId: string | null = null): { values: Float64Array; max: number } {
    const values = (kind === 'coverage' && cameraId !== null ? this.coverageByCamera.get(cameraId) : undefined) ?? this[kind];
    let max = 0;
    for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
    return { values, max };
  }
}
