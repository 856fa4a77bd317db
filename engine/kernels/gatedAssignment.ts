import { hungarian } from './hungarian.ts';

/**
 * Minimum-cost assignment over sparse candidate pairs (those that passed a gate). Rows and columns
 * linked by candidate pairs form connected components; each component is solved on its own with
 * the dense Hungarian, so a crowd costs a sum of small solves instead of one big cubic one.
 * Within a component, the plan maximises the number of gated matches first, then minimises cost.
 * Scratch buffers live at module scope and only grow (no allocation per frame once warm).
 */

/** A cost no gated pair reaches: the solver's "cannot be". */
const NO_MATCH = 1e6;

let parent = new Int32Array(0);
let compOf = new Int32Array(0);
let localOf = new Int32Array(0);
let compRows = new Int32Array(0);
let compCols = new Int32Array(0);
let compStartR = new Int32Array(0);
let compStartC = new Int32Array(0);
let fillR = new Int32Array(0);
let fillC = new Int32Array(0);
let dense = new Float64Array(0);
let localRowToCol = new Int32Array(0);
let pairComp = new Int32Array(0);
let pairOrder = new Int32Array(0);
let pairStart = new Int32Array(0);

function find(i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/**
 * Solves the assignment of `rows` to `cols` given `nPairs` candidate pairs (pairRow[k], pairCol[k],
 * pairCost[k] >= 0, at most one pair per row and column combination). Writes the matched column of
 * each row into `rowToCol` (-1: unmatched). Deterministic: components are solved in order of their
 * smallest row, rows and columns in ascending order.
 */
export function gatedAssignment(
  rows: number, cols: number,
  pairRow: Int32Array, pairCol: Int32Array, pairCost: Float64Array, nPairs: number,
  rowToCol: Int32Array,
): void {
  if (rowToCol.length < rows) throw new Error(`engine: gatedAssignment: rowToCol has ${rowToCol.length} slots for ${rows} rows`);
  rowToCol.fill(-1, 0, rows);
  if (nPairs === 0) return;
  const n = rows + cols;
  if (parent.length < n) {
    parent = new Int32Array(n * 2);
    compOf = new Int32Array(n * 2);
    localOf = new Int32Array(n * 2);
    compStartR = new Int32Array(n * 2 + 1);
    compStartC = new Int32Array(n * 2 + 1);
    fillR = new Int32Array(n * 2);
    fillC = new Int32Array(n * 2);
    compRows = new Int32Array(n * 2);
    compCols = new Int32Array(n * 2);
  }
  if (pairComp.length < nPairs) {
    pairComp = new Int32Array(nPairs * 2);
    pairOrder = new Int32Array(nPairs * 2);
  }
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let k = 0; k < nPairs; k++) {
    const r = pairRow[k]!;
    const c = pairCol[k]!;
    if (r < 0 || r >= rows || c < 0 || c >= cols) throw new Error(`engine: gatedAssignment: pair ${k} (${r}, ${c}) outside ${rows} x ${cols}`);
    const a = find(r);
    const b = find(rows + c);
    if (a !== b) {
      // The smaller root wins: components are then named by their smallest member.
      if (a < b) parent[b] = a;
      else parent[a] = b;
    }
  }
  // Number components (only those with a pair) by first appearance of their root in row order.
  compOf.fill(-1, 0, n);
  let nComp = 0;
  const rootComp = localOf; // reused as root -> component index before local numbering
  rootComp.fill(-1, 0, n);
  for (let k = 0; k < nPairs; k++) {
    const root = find(pairRow[k]!);
    if (rootComp[root] === -1) rootComp[root] = nComp++;
    pairComp[k] = rootComp[root]!;
  }
  for (let i = 0; i < n; i++) {
    const root = find(i);
    compOf[i] = rootComp[root]!;
  }
  // Bucket rows and columns by component (counting sort keeps ascending order).
  compStartR.fill(0, 0, nComp + 1);
  compStartC.fill(0, 0, nComp + 1);
  for (let r = 0; r < rows; r++) if (compOf[r]! >= 0) compStartR[compOf[r]! + 1]!++;
  for (let c = 0; c < cols; c++) if (compOf[rows + c]! >= 0) compStartC[compOf[rows + c]! + 1]!++;
  for (let k = 0; k < nComp; k++) {
    compStartR[k + 1] = compStartR[k + 1]! + compStartR[k]!;
    compStartC[k + 1] = compStartC[k + 1]! + compStartC[k]!;
  }
  for (let k = 0; k < nComp; k++) {
    fillR[k] = compStartR[k]!;
    fillC[k] = compStartC[k]!;
  }
  for (let r = 0; r < rows; r++) {
    const k = compOf[r]!;
    if (k < 0) continue;
    localOf[r] = fillR[k]! - compStartR[k]!;
    compRows[fillR[k]!++] = r;
  }
  for (let c = 0; c < cols; c++) {
    const k = compOf[rows + c]!;
    if (k < 0) continue;
    localOf[rows + c] = fillC[k]! - compStartC[k]!;
    compCols[fillC[k]!++] = c;
  }
  // Pairs bucketed by component too.
  if (pairStart.length < nComp + 1) pairStart = new Int32Array(nComp * 2 + 1);
  pairStart.fill(0, 0, nComp + 1);
  for (let q = 0; q < nPairs; q++) pairStart[pairComp[q]! + 1]!++;
  for (let k = 0; k < nComp; k++) pairStart[k + 1] = pairStart[k + 1]! + pairStart[k]!;
  for (let k = 0; k < nComp; k++) fillR[k] = pairStart[k]!;
  for (let q = 0; q < nPairs; q++) pairOrder[fillR[pairComp[q]!]!++] = q;
  // Single pairs need no solver; the rest get a dense matrix each.
  for (let k = 0; k < nComp; k++) {
    const nr = compStartR[k + 1]! - compStartR[k]!;
    const nc = compStartC[k + 1]! - compStartC[k]!;
    if (nr === 1 && nc === 1) {
      rowToCol[compRows[compStartR[k]!]!] = compCols[compStartC[k]!]!;
      continue;
    }
    if (dense.length < nr * nc) dense = new Float64Array(nr * nc * 2);
    dense.fill(NO_MATCH, 0, nr * nc);
    for (let e = pairStart[k]!; e < pairStart[k + 1]!; e++) {
      const q = pairOrder[e]!;
      dense[localOf[pairRow[q]!]! * nc + localOf[rows + pairCol[q]!]!] = pairCost[q]!;
    }
    if (localRowToCol.length < nr) localRowToCol = new Int32Array(nr * 2);
    hungarian(dense, nr, nc, localRowToCol);
    for (let i = 0; i < nr; i++) {
      const j = localRowToCol[i]!;
      if (j < 0 || dense[i * nc + j]! >= NO_MATCH) continue;
      rowToCol[compRows[compStartR[k]! + i]!] = compCols[compStartC[k]! + j]!;
    }
  }
}
