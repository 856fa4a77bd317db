import type { Vec2 } from '../../geometry/Vec2.ts';
import type { Store } from '../../store/Store.ts';

/** Floor cell of a camera's fixture-occlusion map, metres: finer than a body, coarse enough to build in tens of ms. */
export const OCCLUSION_CELL_M = 0.2;

/** What blocks a camera's view: fixture boxes (footprint x [0, height]) and full-height walls. */
export interface Occluders {
  readonly fixtures: readonly { readonly corners: readonly Vec2[]; readonly heightM: number }[];
  readonly walls: readonly { readonly from: Vec2; readonly to: Vec2 }[];
}

/** The floor area a grid covers. */
export interface GridBounds {
  readonly originX: number;
  readonly originY: number;
  readonly cols: number;
  readonly rows: number;
  readonly cellM: number;
}

/** The grid over a store's walkable area (outline plus door aprons: queues are outside). */
export function storeGridBounds(store: Store, cellM = OCCLUSION_CELL_M): GridBounds {
  const nav = store.nav;
  const w = nav.cols * nav.cellM;
  const h = nav.rows * nav.cellM;
  return { originX: nav.originX, originY: nav.originY, cols: Math.ceil(w / cellM), rows: Math.ceil(h / cellM), cellM };
}

/**
 * For one camera, per floor cell: the lowest height at which a point standing in that cell is
 * seen past every fixture, metres (+Infinity behind a wall). A body point at height z over the
 * cell is visible iff z >= minVisibleZ. Exact for points below the camera (the ray then falls
 * monotonically from camera to point, so it passes a fixture lowest where it enters its footprint
 * nearest the point); a point inside a fixture's footprint (a hand in a shelf's open face) is not
 * hidden by that fixture.
 */
export class OcclusionGrid {
  readonly minVisibleZ: Float32Array;

  constructor(readonly bounds: GridBounds, camera: readonly [number, number, number], occluders: Occluders) {
    const { originX, originY, cols, rows, cellM } = bounds;
    this.minVisibleZ = new Float32Array(cols * rows);
    const [cx, cy, cz] = camera;
    const fx = occluders.fixtures.map((f) => {
      let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
      for (const [x, y] of f.corners) {
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      }
      return { corners: f.corners, h: f.heightM, x0, y0, x1, y1 };
    });
    for (let r = 0; r < rows; r++) {
      const py = originY + (r + 0.5) * cellM;
      for (let c = 0; c < cols; c++) {
        const px = originX + (c + 0.5) * cellM;
        let minZ = 0;
        for (const w of occluders.walls) {
          if (segmentsCross(px, py, cx, cy, w.from[0], w.from[1], w.to[0], w.to[1])) {
            minZ = Infinity;
            break;
          }
        }
        if (minZ !== Infinity) {
          for (const f of fx) {
            if (Math.max(px, cx) < f.x0 || Math.min(px, cx) > f.x1 || Math.max(py, cy) < f.y0 || Math.min(py, cy) > f.y1) continue;
            const s0 = clipEntry(px, py, cx, cy, f.corners);
            if (s0 <= 0 || s0 >= 1) continue; // misses it, or the point is inside it
            // Ray height at s0 is z + (cz - z) s0; blocked while that is below the fixture top.
            const z = (f.h - cz * s0) / (1 - s0);
            if (z > minZ) minZ = z;
          }
        }
        this.minVisibleZ[r * cols + c] = minZ;
      }
    }
  }

  /** The lowest visible height at floor point (x, y), metres; +Infinity outside the grid. */
  minZAt(x: number, y: number): number {
    const b = this.bounds;
    const c = Math.floor((x - b.originX) / b.cellM);
    const r = Math.floor((y - b.originY) / b.cellM);
    if (c < 0 || r < 0 || c >= b.cols || r >= b.rows) return Infinity;
    return this.minVisibleZ[r * b.cols + c]!;
  }
}

/**
 * Where the segment from P (s = 0) to Q (s = 1) first enters a convex polygon (Cyrus–Beck):
 * the entry parameter, 0 when P is inside, or -1 when the segment misses it.
 */
export function clipEntry(px: number, py: number, qx: number, qy: number, corners: readonly Vec2[]): number {
  const dx = qx - px;
  const dy = qy - py;
  let sIn = 0;
  let sOut = 1;
  const n = corners.length;
  // Orientation-free: outward normals from the polygon's winding.
  let area = 0;
  for (let i = 0; i < n; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % n]!;
    area += a[0] * b[1] - b[0] * a[1];
  }
  const sign = area > 0 ? 1 : -1;
  for (let i = 0; i < n; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % n]!;
    // Outward normal of edge a->b for a counter-clockwise polygon: (ey, -ex).
    const nx = sign * (b[1] - a[1]);
    const ny = sign * -(b[0] - a[0]);
    const num = nx * (px - a[0]) + ny * (py - a[1]); // > 0: P outside this edge
    const den = nx * dx + ny * dy;
    if (Math.abs(den) < 1e-15) {
      if (num > 0) return -1;
      continue;
    }
    const s = -num / den;
    if (den < 0) {
      if (s > sIn) sIn = s;
    } else if (s < sOut) sOut = s;
    if (sIn > sOut) return -1;
  }
  return sIn;
}

function segmentsCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  const d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}
