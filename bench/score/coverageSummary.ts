import type { CoverageGrid } from '../../sim/sensors/camera/coverage.ts';
import type { OccupancyGrid } from './occupancy.ts';

/** How much of the floor the cameras see, from the camera coverage map (geometry only, no noise). */
export interface CoverageSummary {
  readonly cameras: number;
  readonly cellM: number;
  /** Floor area scored: cells whose centre lies inside the outline, m². */
  readonly floorM2: number;
  /** Share of floor cells where >= 1 (>= 2) cameras see a standing person whole, feet to head. */
  readonly wholeBodyAtLeast1: number;
  readonly wholeBodyAtLeast2: number;
  /** Share of floor cells where >= 1 (>= 2) cameras see at least the head and shoulders. */
  readonly headAtLeast1: number;
  readonly headAtLeast2: number;
  /** Share of floor cells no camera sees at all (not even the head): blind spots. */
  readonly blindShare: number;
  /** Each camera on its own, in scenario order; both shares 0 for a camera that sees no floor. */
  readonly perCamera: readonly CameraCoverage[];
}

/** One camera's share of the floor, on its own (not the union with the others). */
export interface CameraCoverage {
  readonly camera: string;
  /** Share of floor cells where this camera sees a standing person whole, feet to head. */
  readonly wholeBodyShare: number;
  /** Share of floor cells where this camera sees at least the head and shoulders (whole-body cells included). */
  readonly headShare: number;
}

/** Shares of the floor seen by at least one and two cameras, whole body and head, and by each camera. Pure. */
export function coverageSummary(g: CoverageGrid): CoverageSummary {
  let floor = 0;
  let w1 = 0;
  let w2 = 0;
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < g.inside.length; i++) {
    if (g.inside[i] !== 1) continue;
    floor++;
    const whole = g.whole[i]!;
    const head = whole + g.headOnly[i]!;
    if (whole >= 1) w1++;
    if (whole >= 2) w2++;
    if (head >= 1) h1++;
    if (head >= 2) h2++;
  }
  const share = (n: number) => (floor === 0 ? 0 : n / floor);
  return {
    cameras: g.cameras.length,
    cellM: g.cellM,
    floorM2: floor * g.cellM * g.cellM,
    wholeBodyAtLeast1: share(w1),
    wholeBodyAtLeast2: share(w2),
    headAtLeast1: share(h1),
    headAtLeast2: share(h2),
    blindShare: share(floor - h1),
    perCamera: g.perCamera.map((p) => ({ camera: p.camera, wholeBodyShare: share(p.wholeCells), headShare: share(p.wholeCells + p.headOnlyCells) })),
  };
}

/** A coverage layer as a heatmap grid (cameras per cell; 0 outside the outline) and the floor's blind cells. */
export function coverageLayer(g: CoverageGrid, layer: 'whole' | 'headOnly'): { grid: OccupancyGrid; blind: Uint8Array } {
  const values = new Float64Array(g.cols * g.rows);
  const blind = new Uint8Array(g.cols * g.rows);
  const src = g[layer];
  for (let i = 0; i < values.length; i++) {
    if (g.inside[i] !== 1) continue;
    values[i] = src[i]!;
    if (g.whole[i]! + g.headOnly[i]! === 0) blind[i] = 1;
  }
  return { grid: { originM: [g.originX, g.originY], cellM: g.cellM, cols: g.cols, rows: g.rows, personSPerM2: values }, blind };
}
