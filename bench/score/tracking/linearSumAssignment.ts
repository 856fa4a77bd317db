/**
 * Minimum-cost assignment on a rectangular matrix, written to choose exactly what SciPy's
 * `linear_sum_assignment` chooses (TrackEval calls it), ties included: the shortest augmenting path
 * method of Crouse (2016), rows added one at a time, a tall matrix solved transposed, columns
 * scanned from the last to the first, and among equally short paths the one ending at a free column.
 * Matching SciPy's choice matters: on tied scores a different optimal assignment changes HOTA's
 * per-alpha counts and CLEAR's ID switches, so "any optimum" would not reproduce TrackEval.
 */

/** The matched pairs, sorted by row: `rows[k]` is assigned `cols[k]`. min(nr, nc) pairs. */
export interface Assignment {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
}

/** Grows on demand and is reused, so a scoring loop over thousands of frames does not allocate per call. */
class Scratch {
  cost = new Float64Array(0);
  /** The matrix being solved: `cost`, or the caller's own when it needs no copy. */
  view: Float64Array<ArrayBufferLike> = new Float64Array(0);
  u = new Float64Array(0);
  v = new Float64Array(0);
  shortest = new Float64Array(0);
  path = new Int32Array(0);
  col4row = new Int32Array(0);
  row4col = new Int32Array(0);
  remaining = new Int32Array(0);
  /** m-1, m-2 ... 0 for the largest m seen: its tail starts `remaining` in SciPy's reverse order with one copy. */
  descending = new Int32Array(0);
  /** The path length found by the last augmentingPath call. */
  minVal = 0;
  /** After augmentingPath: the columns it reached are remaining[numRemaining .. m). */
  numRemaining = 0;

  ensure(nr: number, nc: number): void {
    if (this.cost.length < nr * nc) this.cost = new Float64Array(nr * nc);
    if (this.u.length < nr) {
      this.u = new Float64Array(nr);
      this.col4row = new Int32Array(nr);
    }
    if (this.v.length < nc) {
      this.v = new Float64Array(nc);
      this.shortest = new Float64Array(nc);
      this.path = new Int32Array(nc);
      this.row4col = new Int32Array(nc);
      this.remaining = new Int32Array(nc);
      this.descending = new Int32Array(nc);
      for (let k = 0; k < nc; k++) this.descending[k] = nc - 1 - k;
    }
  }
}

const scratch = new Scratch();

/**
 * Solves min sum cost[r][c] over a full matching of the smaller side. `cost` is row-major
 * `nr x nc`; `maximize` negates it (SciPy's `maximize=True`). Entries must be finite or +Infinity.
 * Throws 'bench: ...' on NaN, -Infinity, a wrong length, or an infeasible matrix.
 */
export function linearSumAssignment(cost: ArrayLike<number>, nr: number, nc: number, maximize = false): Assignment {
  if (cost.length !== nr * nc) throw new Error(`bench: linearSumAssignment: cost has ${cost.length} entries, expected ${nr} x ${nc}`);
  if (nr === 0 || nc === 0) return { rows: new Int32Array(0), cols: new Int32Array(0) };
  const transpose = nc < nr;
  const n = transpose ? nc : nr; // rows of the matrix solved
  const m = transpose ? nr : nc; // its columns, m >= n
  scratch.ensure(n, m);
  const direct = !transpose && !maximize && cost instanceof Float64Array;
  const c = scratch.cost;
  const sign = maximize ? -1 : 1;
  if (direct) {
    for (let k = 0; k < cost.length; k++) {
      const x = cost[k]!;
      if (Number.isNaN(x) || x === -Infinity) throw new Error(`bench: linearSumAssignment: entry [${Math.floor(k / nc)}][${k % nc}] is ${x}`);
    }
    scratch.view = cost;
  } else {
    scratch.view = c;
  }
  for (let i = 0; i < (direct ? 0 : nr); i++) {
    for (let j = 0; j < nc; j++) {
      const x = sign * cost[i * nc + j]!;
      if (Number.isNaN(x) || x === -Infinity) throw new Error(`bench: linearSumAssignment: entry [${i}][${j}] is ${cost[i * nc + j]}`);
      if (transpose) c[j * nr + i] = x;
      else c[i * nc + j] = x;
    }
  }
  const { u, v, col4row, row4col, path } = scratch;
  u.fill(0, 0, n);
  v.fill(0, 0, m);
  col4row.fill(-1, 0, n);
  row4col.fill(-1, 0, m);
  path.fill(-1, 0, m);

  for (let cur = 0; cur < n; cur++) {
    const sink = augmentingPath(n, m, cur);
    if (sink < 0) throw new Error('bench: linearSumAssignment: the cost matrix is infeasible');
    const minVal = scratch.minVal;
    const { shortest, remaining } = scratch;
    u[cur]! += minVal;
    // Only the rows and columns the search reached change (SciPy loops over all and tests its
    // SR/SC flags; the same additions, without the O(n + m) passes per row). A reached column
    // other than the sink is held by a reached row, row4col[j], whose col4row is j.
    for (let k = scratch.numRemaining; k < m; k++) {
      const j = remaining[k]!;
      if (j !== sink) u[row4col[j]!]! += minVal - shortest[j]!;
      v[j]! -= minVal - shortest[j]!;
    }
    // Flip the path: each row on it takes the column before it.
    let j = sink;
    for (;;) {
      const i = path[j]!;
      row4col[j] = i;
      const prev = col4row[i]!;
      col4row[i] = j;
      j = prev;
      if (i === cur) break;
    }
  }

  const rows = new Int32Array(n);
  const cols = new Int32Array(n);
  if (!transpose) {
    for (let i = 0; i < n; i++) {
      rows[i] = i;
      cols[i] = col4row[i]!;
    }
  } else {
    // Solved rows are original columns; report by original row, ascending (SciPy argsorts).
    let k = 0;
    for (let j = 0; j < m; j++) {
      if (row4col[j]! >= 0) {
        rows[k] = j;
        cols[k] = row4col[j]!;
        k++;
      }
    }
  }
  return { rows, cols };
}



/** Dijkstra-like search for the shortest augmenting path from row `start`; returns the free column reached, or -1. */
function augmentingPath(n: number, m: number, start: number): number {
  const { view: cost, u, v, path, row4col, shortest, remaining } = scratch;
  let minVal = 0;
  let numRemaining = m;
  // Reverse order, as SciPy: a constant matrix then yields the identity.
  remaining.set(scratch.descending.subarray(scratch.descending.length - m));
  let i = start;
  let sink = -1;
  // The first row's scan sees every column with shortest still +Infinity: it writes shortest
  // directly (an infinite r leaves it +Infinity, as the fill did) instead of a fill first.
  let first = true;
  while (sink === -1) {
    let index = -1;
    let lowest = Infinity;
    const base = i * m;
    const ui = u[i]!;
    for (let it = 0; it < numRemaining; it++) {
      const j = remaining[it]!;
      const r = minVal + cost[base + j]! - ui - v[j]!;
      if (first) {
        shortest[j] = Infinity;
      }
      if (r < shortest[j]!) {
        path[j] = i;
        shortest[j] = r;
      }
      const s = shortest[j]!;
      if (s < lowest || (s === lowest && row4col[j] === -1)) {
        lowest = s;
        index = it;
      }
    }
    first = false;
    minVal = lowest;
    if (minVal === Infinity || index < 0) return -1;
    const j = remaining[index]!;
    if (row4col[j] === -1) sink = j;
    else i = row4col[j]!;
    remaining[index] = remaining[--numRemaining]!;
    remaining[numRemaining] = j;
  }
  scratch.minVal = minVal;
  scratch.numRemaining = numRemaining;
  return sink;
}
