import type { Vec2 } from '../geometry/Vec2.ts';
import { closestOnSegment } from '../geometry/Vec2.ts';
import { bounds, pointInPolygon } from '../geometry/polygon.ts';
import type { WallSegment } from '../store/StoreLayout.ts';
import { MinHeap } from './MinHeap.ts';

/** What the grid is built from: where one may walk and what blocks. */
export interface NavGridSpec {
  /** Polygons whose cells are walkable (the store outline, aprons outside the doors). */
  readonly regions: readonly (readonly Vec2[])[];
  /** Convex polygons that block (shelves, counters, rooms). */
  readonly obstacles: readonly (readonly Vec2[])[];
  /** Wall segments that block, with their thickness. */
  readonly walls: readonly WallSegment[];
  /** Cell edge, metres. */
  readonly cellM: number;
  /** How far a walker's centre keeps from anything that blocks, metres (its radius plus a margin). */
  readonly clearanceM: number;
}

const SQRT2 = Math.SQRT2;
const DIRS: readonly (readonly [number, number, number])[] = [
  [1, 0, 1], [-1, 0, 1], [0, 1, 1], [0, -1, 1],
  [1, 1, SQRT2], [1, -1, SQRT2], [-1, 1, SQRT2], [-1, -1, SQRT2],
];
const PATH_CACHE_MAX = 50_000;
/** Starts within one square of this size share a cached path, metres. */
const COARSE_M = 0.4;
/** Weight on the A* heuristic: slightly longer paths, far fewer cells expanded; string-pulling straightens them. */
const HEURISTIC_WEIGHT = 2;

/**
 * An occupancy grid over the floor with A* paths smoothed by line of sight.
 * Paths are cached by (start cell, goal cell): shoppers walk between the same access points again and again.
 */
export class NavGrid {
  readonly cellM: number;
  readonly cols: number;
  readonly rows: number;
  readonly originX: number;
  readonly originY: number;
  /** 1 where a walker's centre may be. */
  readonly walkable: Uint8Array;
  private readonly cache = new Map<number, readonly Vec2[] | null>();
  private readonly gScore: Float64Array;
  private readonly came: Int32Array;
  private readonly stamp: Uint32Array;
  private search = 0;
  private readonly heap = new MinHeap();

  constructor(spec: NavGridSpec) {
    const all = spec.regions.flat();
    const { min, max } = bounds(all);
    this.cellM = spec.cellM;
    this.originX = min[0];
    this.originY = min[1];
    this.cols = Math.ceil((max[0] - min[0]) / spec.cellM);
    this.rows = Math.ceil((max[1] - min[1]) / spec.cellM);
    const n = this.cols * this.rows;
    this.walkable = new Uint8Array(n);
    this.gScore = new Float64Array(n);
    this.came = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    for (const region of spec.regions) this.fillRegion(region);
    for (const poly of spec.obstacles) this.blockPolygon(poly, spec.clearanceM);
    for (const w of spec.walls) this.blockWall(w, spec.clearanceM);
  }

  /** Index of the cell holding p, or -1 outside the grid. */
  cellOf(p: Vec2): number {
    const c = Math.floor((p[0] - this.originX) / this.cellM);
    const r = Math.floor((p[1] - this.originY) / this.cellM);
    if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) return -1;
    return r * this.cols + c;
  }

  /** Centre of a cell. */
  center(cell: number): Vec2 {
    const c = cell % this.cols;
    const r = (cell - c) / this.cols;
    return [this.originX + (c + 0.5) * this.cellM, this.originY + (r + 0.5) * this.cellM];
  }

  /** Whether a walker's centre may stand at p. */
  isWalkable(p: Vec2): boolean {
    const cell = this.cellOf(p);
    return cell >= 0 && this.walkable[cell] === 1;
  }

  /** The walkable cell nearest to p within `maxM`, or -1. */
  nearestWalkable(p: Vec2, maxM = 1.5): number {
    const start = this.cellOf(p);
    if (start >= 0 && this.walkable[start] === 1) return start;
    const c0 = Math.floor((p[0] - this.originX) / this.cellM);
    const r0 = Math.floor((p[1] - this.originY) / this.cellM);
    const rings = Math.ceil(maxM / this.cellM);
    let best = -1;
    let bestD = Infinity;
    for (let ring = 1; ring <= rings && best < 0; ring++) {
      for (let dr = -ring; dr <= ring; dr++) {
        for (let dc = -ring; dc <= ring; dc++) {
          if (Math.max(Math.abs(dr), Math.abs(dc)) !== ring) continue;
          const c = c0 + dc;
          const r = r0 + dr;
          if (c < 0 || r < 0 || c >= this.cols || r >= this.rows) continue;
          const cell = r * this.cols + c;
          if (this.walkable[cell] !== 1) continue;
          const [x, y] = this.center(cell);
          const d = (x - p[0]) ** 2 + (y - p[1]) ** 2;
          if (d < bestD) {
            bestD = d;
            best = cell;
          }
        }
      }
    }
    return best;
  }

  /** 1 for every cell reachable from `from` (8-connected, no corner cutting). */
  reachableFrom(from: number): Uint8Array {
    const seen = new Uint8Array(this.walkable.length);
    if (from < 0 || this.walkable[from] !== 1) return seen;
    const queue = [from];
    seen[from] = 1;
    while (queue.length > 0) {
      const cell = queue.pop()!;
      this.forNeighbours(cell, (next) => {
        if (seen[next] === 0) {
          seen[next] = 1;
          queue.push(next);
        }
      });
    }
    return seen;
  }

  /**
   * Waypoints from `from` to `to` (the start excluded, the goal included), or null when none exists.
   * Both ends snap to the nearest walkable cell.
   */
  findPath(from: Vec2, to: Vec2): readonly Vec2[] | null {
    const start = this.nearestWalkable(from);
    const goal = this.nearestWalkable(to);
    if (start < 0 || goal < 0) return null;
    const end = this.isWalkable(to) ? to : this.center(goal);
    // Most moves in a shop are along one aisle: no search needed when the goal is in plain sight.
    if (this.isWalkable(from) && this.lineOfSight(from, end)) return [end];
    // Starts within one coarse cell share a path: the first waypoint stays in sight of all of them.
    const key = this.coarseKey(from) * this.walkable.length + goal;
    let cells = this.cache.get(key);
    if (cells === undefined) {
      cells = this.aStar(start, goal);
      if (this.cache.size >= PATH_CACHE_MAX) this.cache.clear();
      this.cache.set(key, cells);
    }
    if (cells === null) return null;
    const path = cells.slice();
    path[path.length - 1] = end;
    return path;
  }

  private coarseKey(p: Vec2): number {
    const c = Math.floor((p[0] - this.originX) / COARSE_M);
    const r = Math.floor((p[1] - this.originY) / COARSE_M);
    return r * Math.ceil((this.cols * this.cellM) / COARSE_M + 1) + c;
  }

  /** Whether a walker can go straight from a to b without leaving walkable cells. */
  lineOfSight(a: Vec2, b: Vec2): boolean {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const steps = Math.ceil(Math.hypot(dx, dy) / (this.cellM * 0.5));
    for (let i = 0; i <= steps; i++) {
      const t = steps === 0 ? 0 : i / steps;
      const cell = this.cellOf([a[0] + dx * t, a[1] + dy * t]);
      if (cell < 0 || this.walkable[cell] !== 1) return false;
    }
    return true;
  }

  private aStar(start: number, goal: number): readonly Vec2[] | null {
    this.search++;
    const { stamp, gScore: g, came, walkable, cols, rows } = this;
    const search = this.search;
    const heap = this.heap;
    heap.clear();
    const gc = goal % cols;
    const gr = (goal - gc) / cols;
    const h = (c: number, r: number): number => {
      const ax = Math.abs(c - gc);
      const ay = Math.abs(r - gr);
      return HEURISTIC_WEIGHT * (Math.max(ax, ay) + (SQRT2 - 1) * Math.min(ax, ay));
    };
    stamp[start] = search;
    g[start] = 0;
    came[start] = -1;
    heap.push(start, 0);
    while (heap.size > 0) {
      const cell = heap.pop();
      if (cell === goal) return this.smooth(this.unwind(goal));
      const base = g[cell]!;
      const c = cell % cols;
      const r = (cell - c) / cols;
      for (let k = 0; k < 8; k++) {
        const dir = DIRS[k]!;
        const nc = c + dir[0];
        const nr = r + dir[1];
        if (nc < 0 || nr < 0 || nc >= cols || nr >= rows) continue;
        const next = nr * cols + nc;
        if (walkable[next] !== 1) continue;
        if (k >= 4 && (walkable[r * cols + nc] !== 1 || walkable[nr * cols + c] !== 1)) continue;
        const tentative = base + dir[2];
        if (stamp[next] !== search || tentative < g[next]! - 1e-12) {
          stamp[next] = search;
          g[next] = tentative;
          came[next] = cell;
          heap.push(next, tentative + h(nc, nr));
        }
      }
    }
    return null;
  }

  private unwind(goal: number): Vec2[] {
    const out: Vec2[] = [];
    for (let cell = goal; cell >= 0; cell = this.came[cell]!) out.push(this.center(cell));
    return out.reverse();
  }

  /** String-pulls a cell path: keeps a waypoint only where the straight line would leave the walkable area. */
  private smooth(points: Vec2[]): readonly Vec2[] {
    if (points.length <= 2) return points.slice(1);
    const out: Vec2[] = [];
    let anchor = points[0]!;
    for (let i = 1; i < points.length - 1; i++) {
      if (!this.lineOfSight(anchor, points[i + 1]!)) {
        anchor = points[i]!;
        out.push(anchor);
      }
    }
    out.push(points[points.length - 1]!);
    return out;
  }

  private forNeighbours(cell: number, visit: (next: number, cost: number) => void): void {
    const c = cell % this.cols;
    const r = (cell - c) / this.cols;
    for (const [dc, dr, cost] of DIRS) {
      const nc = c + dc;
      const nr = r + dr;
      if (nc < 0 || nr < 0 || nc >= this.cols || nr >= this.rows) continue;
      const next = nr * this.cols + nc;
      if (this.walkable[next] !== 1) continue;
      // No cutting corners: a diagonal step needs both side cells free.
      if (dc !== 0 && dr !== 0 && (this.walkable[r * this.cols + nc] !== 1 || this.walkable[nr * this.cols + c] !== 1)) continue;
      visit(next, cost);
    }
  }

  private fillRegion(poly: readonly Vec2[]): void {
    this.forCellsNear(poly, 0, (cell, p) => {
      if (pointInPolygon(p, poly)) this.walkable[cell] = 1;
    });
  }

  private blockPolygon(poly: readonly Vec2[], clearanceM: number): void {
    this.forCellsNear(poly, clearanceM, (cell, p) => {
      if (pointInPolygon(p, poly) || distanceToEdges(p, poly) < clearanceM) this.walkable[cell] = 0;
    });
  }

  private blockWall(w: WallSegment, clearanceM: number): void {
    const reach = clearanceM + w.thicknessM / 2;
    this.forCellsNear([w.from, w.to], reach, (cell, p) => {
      const q = closestOnSegment(p, w.from, w.to);
      if (Math.hypot(p[0] - q[0], p[1] - q[1]) < reach) this.walkable[cell] = 0;
    });
  }

  private forCellsNear(points: readonly Vec2[], marginM: number, visit: (cell: number, center: Vec2) => void): void {
    const { min, max } = bounds(points);
    const c0 = Math.max(0, Math.floor((min[0] - marginM - this.originX) / this.cellM));
    const r0 = Math.max(0, Math.floor((min[1] - marginM - this.originY) / this.cellM));
    const c1 = Math.min(this.cols - 1, Math.floor((max[0] + marginM - this.originX) / this.cellM));
    const r1 = Math.min(this.rows - 1, Math.floor((max[1] + marginM - this.originY) / this.cellM));
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.cols + c;
        visit(cell, this.center(cell));
      }
    }
  }
}

function distanceToEdges(p: Vec2, poly: readonly Vec2[]): number {
  let best = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const q = closestOnSegment(p, poly[i]!, poly[(i + 1) % poly.length]!);
    best = Math.min(best, Math.hypot(p[0] - q[0], p[1] - q[1]));
  }
  return best;
}
