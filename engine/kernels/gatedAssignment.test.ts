import { describe, expect, it } from 'vitest';
import { gatedAssignment } from './gatedAssignment.ts';
import { seededUniform } from '../testing/seededUniform.ts';

/** Best (most gated matches, then least cost) over every assignment, by brute force. */
function bruteForce(cost: (number | null)[], rows: number, cols: number): { matches: number; total: number } {
  let best = { matches: -1, total: Infinity };
  const used = new Array<boolean>(cols).fill(false);
  const go = (r: number, matches: number, total: number) => {
    if (r === rows) {
      if (matches > best.matches || (matches === best.matches && total < best.total - 1e-12)) best = { matches, total };
      return;
    }
    go(r + 1, matches, total);
    for (let c = 0; c < cols; c++) {
      const v = cost[r * cols + c];
      if (used[c] || v === null || v === undefined) continue;
      used[c] = true;
      go(r + 1, matches + 1, total + v);
      used[c] = false;
    }
  };
  go(0, 0, 0);
  return best;
}

function solve(cost: (number | null)[], rows: number, cols: number): Int32Array {
  const pr: number[] = [];
  const pc: number[] = [];
  const pv: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const v = cost[r * cols + c];
    if (v !== null && v !== undefined) {
      pr.push(r);
      pc.push(c);
      pv.push(v);
    }
  }
  const out = new Int32Array(rows);
  gatedAssignment(rows, cols, Int32Array.from(pr), Int32Array.from(pc), Float64Array.from(pv), pr.length, out);
  return out;
}

describe('gatedAssignment', () => {
  it('equals brute force on random sparse matrices (most matches first, then least cost)', () => {
    const next = seededUniform(42);
    for (let trial = 0; trial < 300; trial++) {
      const rows = 1 + Math.floor(next() * 6);
      const cols = 1 + Math.floor(next() * 6);
      const density = 0.2 + 0.6 * next();
      const cost = Array.from({ length: rows * cols }, () => (next() < density ? Math.round(next() * 20) / 10 : null));
      const plan = solve(cost, rows, cols);
      const seen = new Set<number>();
      let matches = 0;
      let total = 0;
      for (let r = 0; r < rows; r++) {
        const c = plan[r]!;
        if (c < 0) continue;
        expect(cost[r * cols + c], `trial ${trial}: row ${r} took an ungated column`).not.toBeNull();
        expect(seen.has(c)).toBe(false);
        seen.add(c);
        matches++;
        total += cost[r * cols + c]!;
      }
      const best = bruteForce(cost, rows, cols);
      expect(matches, `trial ${trial}`).toBe(best.matches);
      expect(total).toBeCloseTo(best.total, 9);
    }
  });

  it('solves separate clusters separately and leaves ungated rows unmatched', () => {
    // Two clusters: rows 0,1 x cols 0,1 (crossed: 0->1, 1->0 is cheaper) and row 3 x col 3; row 2 has no pair.
    const n = null;
    const cost = [
      5, 1, n, n,
      1, 5, n, n,
      n, n, n, n,
      n, n, n, 0.5,
    ];
    expect([...solve(cost, 4, 4)]).toEqual([1, 0, -1, 3]);
  });

  it('gives the same plan on the same input (ties included)', () => {
    const cost = [1, 1, 1, 1, 1, 1, 1, 1, 1];
    expect([...solve(cost, 3, 3)]).toEqual([...solve(cost, 3, 3)]);
    expect(new Set(solve(cost, 3, 3)).size).toBe(3);
  });
});
