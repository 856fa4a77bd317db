import { bounds, pointInPolygon } from '../../geometry/polygon.ts';
import type { Scenario } from '../../scenario/Scenario.ts';
import type { Store } from '../../store/Store.ts';
import { buildStore } from '../../store/Store.ts';
import { CameraModel } from './CameraModel.ts';
import { BODY } from './BodyModel.ts';
import { OcclusionGrid } from './OcclusionGrid.ts';

/** Defaults of the coverage map. */
export const COVERAGE = {
  /** Cell edge, metres: the occupancy heatmap's 0.5 m, so the two overlay. */
  cellM: 0.5,
  /** Stature of the standing person tested: the adult mean the crowd is drawn around. */
  personHeightM: 1.7,
  /** Head and shoulders: the top of the body that must show to count as "head" seen, metres. */
  headAndShouldersM: 0.3,
  /** The feet count as seen when at most this much of the body bottom is hidden, metres. */
  feetSlackM: 0.1,
} as const;

/** Per floor cell, how many cameras see a standing person there. */
export interface CoverageGrid {
  /** South-west corner of cell (0, 0), metres. */
  readonly originX: number;
  readonly originY: number;
  readonly cellM: number;
  readonly cols: number;
  readonly rows: number;
  /** Cameras seeing the whole body (feet to head, inside the frame, past every fixture); index row * cols + col, row 0 south. */
  readonly whole: Uint8Array;
  /** Cameras seeing the head and shoulders but not the whole body. */
  readonly headOnly: Uint8Array;
  /** 1 where the cell centre lies inside the store outline. */
  readonly inside: Uint8Array;
  /** Camera ids, in scenario order. */
  readonly cameras: readonly string[];
  /** Per camera, in scenario order: the floor cells (centre inside the outline) it sees, on its own (not the union). */
  readonly perCamera: readonly CameraCells[];
}

/** One camera's own view of the floor, in cells whose centre lies inside the outline. */
export interface CameraCells {
  readonly camera: string;
  /** Floor cells where this camera sees a standing person whole, feet to head. */
  readonly wholeCells: number;
  /** Floor cells where this camera sees the head and shoulders but not the whole body. */
  readonly headOnlyCells: number;
  /** Per cell of the grid (row * cols + col, outside the outline too): 2 whole body, 1 head and shoulders only, 0 not seen. */
  readonly sees: Uint8Array;
}

/**
 * Camera coverage of a store's floor: for each cell of the outline's bounding box, how many of
 * the scenario's cameras see a person standing at its centre whole, and how many only their head
 * and shoulders; and per camera, how many floor cells it sees on its own (a camera outside the
 * store or facing the ceiling sees none). Pure: the same scenario gives the same grid. Geometry
 * only (no detection noise).
 */
export function cameraCoverage(
  scenario: Scenario,
  store: Store = buildStore(scenario),
  options: { readonly cellM?: number; readonly personHeightM?: number } = {},
): CoverageGrid {
  const cellM = options.cellM ?? COVERAGE.cellM;
  const h = options.personHeightM ?? COVERAGE.personHeightM;
  const { min, max } = bounds(store.outline);
  const cols = Math.max(1, Math.ceil((max[0] - min[0]) / cellM - 1e-9));
  const rows = Math.max(1, Math.ceil((max[1] - min[1]) / cellM - 1e-9));
  const grid = { originX: min[0], originY: min[1], cols, rows, cellM };
  const whole = new Uint8Array(cols * rows);
  const headOnly = new Uint8Array(cols * rows);
  const inside = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) inside[r * cols + c] = pointInPolygon([min[0] + (c + 0.5) * cellM, min[1] + (r + 0.5) * cellM], store.outline) ? 1 : 0;
  }
  const px = new Float64Array(2);
  const inFrame = (m: CameraModel, x: number, y: number, z: number) =>
    m.project(x, y, z, px) >= BODY.nearM && px[0]! >= 0 && px[1]! >= 0 && px[0]! <= m.widthPx && px[1]! <= m.heightPx;
  const perCamera: CameraCells[] = [];
  for (const decl of scenario.sensors.cameras) {
    const m = CameraModel.fromDecl(decl, scenario.dtS);
    let wholeCells = 0;
    let headOnlyCells = 0;
    const sees = new Uint8Array(cols * rows);
    const occ = new OcclusionGrid(grid, m.positionM, { fixtures: store.fixtures, walls: store.walls });
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        const x = min[0] + (c + 0.5) * cellM;
        const y = min[1] + (r + 0.5) * cellM;
        const minZ = occ.minVisibleZ[i]!;
        const head = inFrame(m, x, y, h) && inFrame(m, x, y, h - COVERAGE.headAndShouldersM) && minZ <= h - COVERAGE.headAndShouldersM;
        if (!head) continue;
        if (minZ <= COVERAGE.feetSlackM && inFrame(m, x, y, 0)) {
          whole[i] = whole[i]! + 1;
          wholeCells += inside[i]!;
          sees[i] = 2;
        } else {
          headOnly[i] = headOnly[i]! + 1;
          headOnlyCells += inside[i]!;
          sees[i] = 1;
        }
      }
    }
    perCamera.push({ camera: decl.id, wholeCells, headOnlyCells, sees });
  }
  return { ...grid, whole, headOnly, inside, cameras: scenario.sensors.cameras.map((d) => d.id), perCamera };
}
