/**
 * Minimum-cost assignment on a rectangular cost matrix (the Hungarian method, in the
 * shortest-augmenting-path form of Jonker and Volgenant, O(n^2 m)). Pure: data in, plan out.
 * Scratch buffers live at module scope and only grow, so a tracker calling it every frame does not allocate.
 */

let u = new Float64Array(0);
let v = new Float64Array(0);
let minv = new Float64Array(0);
let p = new Int32Array(0);
let way = new Int32Array(0);
let used = new Uint8Array(0);

function ensure(n: number, m: number): void {
  if (u.length < n + 1) u = new Float64Array(n + 1);
  if (v.length < m + 1) {
    v = new Float64Array(m + 1);
    minv = new Float64Array(m + 1);
    p = new Int32Array(m + 1);
    way = new Int32Array(m + 1);
    used = new Uint8Array(m + 1);
  }
}

/**
 * Assigns each row of `cost` (row-major, `rows` x `cols`, finite numbers) to a distinct column,
 * or each column to a distinct row when there are more rows than columns, minimising the total.
 * Writes the column of row r into `rowToCol[r]` (-1 when the row is left out) and returns the total cost.
 * Ties resolve deterministically (the same input always gives the same plan).
 */
export function hungarian(cost: ArrayLike<number>, rows: number, cols: number, rowToCol: Int32Array): number {
  if (rowToCol.length < rows) throw new Error(`engine: hungarian: rowToCol has ${rowToCol.length} slots for ${rows} rows`);
  if (cost.length < rows * cols) throw new Error(`engine: hungarian: cost has ${cost.length} entries, expected ${rows} x ${cols}`);
  rowToCol.fill(-1, 0, rows);
  if (rows === 0 || cols === 0) return 0;
  const transposed = rows > cols;
  // The algorithm needs n <= m: solve the transpose when there are more rows than columns.
  const n = transposed ? cols : rows;
  const m = transposed ? rows : cols;
  const at = transposed ? (i: number, j: number) => cost[j * cols + i]! : (i: number, j: number) => cost[i * cols + j]!;
  ensure(n, m);
  u.fill(0, 0, n + 1);
  v.fill(0, 0, m + 1);
  p.fill(0, 0, m + 1);
  way.fill(0, 0, m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity, 0, m + 1);
    used.fill(0, 0, m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = at(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      if (!Number.isFinite(delta)) throw new Error('engine: hungarian: costs must be finite numbers');
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= m; j++) {
    const i = p[j]!;
    if (i === 0) continue;
    if (transposed) rowToCol[j - 1] = i - 1;
    else rowToCol[i - 1] = j - 1;
    total += at(i - 1, j - 1);
  }
  return total;
}
