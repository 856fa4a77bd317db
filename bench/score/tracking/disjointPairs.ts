import { linearSumAssignment } from './linearSumAssignment.ts';

/**
 * A shortcut past the Hungarian for the common frame where candidate pairs do not compete.
 *
 * In a cost matrix whose only negative entries ("candidates") share no row and no column, every
 * minimum-cost assignment contains every candidate: each lowers the cost and none blocks another.
 * The metric kernels (HOTA, CLEAR, the floor match) use only the candidate pairs of the assignment
 * (the others cost 0 and are dropped), so those pairs, in row order as linearSumAssignment returns
 * them, give exactly the results the full solver gives. On a store floor most people are metres
 * apart, and most frames are like that.
 */

/** The candidate pairs, sorted by row: `rows[k]` with `cols[k]`, k < count. Reused between calls. */
export interface DisjointPairs {
  rows: Int32Array;
  cols: Int32Array;
  count: number;
}

const colSeen = { mark: new Int32Array(0), stamp: 0 };
const out: DisjointPairs = { rows: new Int32Array(0), cols: new Int32Array(0), count: 0 };

/**
 * The negative entries of a row-major `nr x nc` cost matrix when no two share a row or a column
 * (the shared result object is overwritten by the next call); null when two compete, and the full
 * solver must choose.
 */
export function disjointPairs(cost: ArrayLike<number>, nr: number, nc: number): DisjointPairs | null {
  if (colSeen.mark.length < nc) colSeen.mark = new Int32Array(Math.max(nc, 2 * colSeen.mark.length));
  if (out.rows.length < nr) {
    out.rows = new Int32Array(Math.max(nr, 2 * out.rows.length));
    out.cols = new Int32Array(out.rows.length);
  }
  // A fresh stamp per call marks the columns taken without clearing the array.
  const stamp = ++colSeen.stamp;
  if (stamp === 0x7fffffff) {
    colSeen.mark.fill(0);
    colSeen.stamp = 1;
  }
  const mark = colSeen.mark;
  const s = colSeen.stamp;
  let count = 0;
  for (let i = 0; i < nr; i++) {
    let found = -1;
    const base = i * nc;
    for (let j = 0; j < nc; j++) {
      const x = cost[base + j]!;
      // NaN goes to the full solver, which names it.
      if (x !== x) return null;
      if (!(x < 0)) continue;
      if (found >= 0 || mark[j] === s) return null;
      found = j;
      mark[j] = s;
    }
    if (found >= 0) {
      out.rows[count] = i;
      out.cols[count] = found;
      count++;
    }
  }
  out.count = count;
  return out;
}

/**
 * The assignment's pairs for a kernel that uses only negative-cost pairs: the disjoint candidates
 * when they do not compete, else linearSumAssignment's full assignment (its zero-cost pairs
 * included; the caller drops them as before).
 */
export function assignCandidates(cost: ArrayLike<number>, nr: number, nc: number): DisjointPairs {
  const quick = disjointPairs(cost, nr, nc);
  if (quick !== null) return quick;
  const a = linearSumAssignment(cost, nr, nc);
  return { rows: a.rows, cols: a.cols, count: a.rows.length };
}
