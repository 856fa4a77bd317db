import { describe, expect, it } from 'vitest';
import { hungarian } from './hungarian.ts';
import { seededUniform } from '../testing/seededUniform.ts';

/** The best total over every way of assigning min(rows, cols) pairs. */
function bruteForce(cost: number[], rows: number, cols: number): number {
  let best = Infinity;
  const usedCols = new Array<boolean>(cols).fill(false);
  const k = Math.min(rows, cols);
  // Choose for each row a column or nothing, with exactly k pairs in total.
  const go = (r: number, pairs: number, sum: number) => {
    if (r === rows) {
      if (pairs === k && sum < best) best = sum;
      return;
    }
    if (rows - r > k - pairs) go(r + 1, pairs, sum);
    for (let c = 0; c < cols; c++) {
      if (usedCols[c]) continue;
      usedCols[c] = true;
      go(r + 1, pairs + 1, sum + cost[r * cols + c]!);
      usedCols[c] = false;
    }
  };
  go(0, 0, 0);
  return best;
}

function check(cost: number[], rows: number, cols: number): void {
  const out = new Int32Array(rows);
  const total = hungarian(cost, rows, cols, out);
  const seen = new Set<number>();
  let sum = 0;
  let pairs = 0;
  for (let r = 0; r < rows; r++) {
    const c = out[r]!;
    if (c < 0) continue;
    expect(c).toBeLessThan(cols);
    expect(seen.has(c)).toBe(false);
    seen.add(c);
    sum += cost[r * cols + c]!;
    pairs++;
  }
  expect(pairs).toBe(Math.min(rows, cols));
  expect(total).toBeCloseTo(sum, 9);
  expect(total).toBeCloseTo(bruteForce(cost, rows, cols), 9);
}

describe('hungarian', () => {
  const next = seededUniform(7);
  it('matches brute force on 200 random square matrices up to 6 x 6', () => {
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(next() * 6);
      check(Array.from({ length: n * n }, () => next() * 100 - 20), n, n);
    }
  });
  it('matches brute force on 200 random rectangular matrices, wide and tall', () => {
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(next() * 6);
      const cols = 1 + Math.floor(next() * 6);
      check(Array.from({ length: rows * cols }, () => next() * 10), rows, cols);
    }
  });
  it('matches brute force on matrices full of ties (costs from {0, 1, 2})', () => {
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(next() * 5);
      const cols = 1 + Math.floor(next() * 5);
      check(Array.from({ length: rows * cols }, () => Math.floor(next() * 3)), rows, cols);
    }
  });
  it('gives the same plan for the same tied input every time', () => {
    const cost = [1, 1, 1, 1, 1, 1, 1, 1, 1];
    const a = new Int32Array(3);
    const b = new Int32Array(3);
    hungarian(cost, 3, 3, a);
    hungarian(cost, 3, 3, b);
    expect([...a]).toEqual([...b]);
    expect(new Set(a).size).toBe(3);
  });
  it('solves a known 3 x 3 and leaves the extra row out of a 3 x 2', () => {
    const out = new Int32Array(3);
    expect(hungarian([4, 1, 3, 2, 0, 5, 3, 2, 2], 3, 3, out)).toBe(5);
    expect([...out]).toEqual([1, 0, 2]);
    expect(hungarian([1, 9, 9, 1, 0, 5], 3, 2, out)).toBe(1);
    expect([...out]).toEqual([-1, 1, 0]);
  });
  it('handles empty matrices and rejects non-finite costs', () => {
    const out = new Int32Array(2).fill(5);
    expect(hungarian([], 2, 0, out)).toBe(0);
    expect([...out]).toEqual([-1, -1]);
    expect(() => hungarian([Infinity, Infinity, Infinity, Infinity], 2, 2, new Int32Array(2))).toThrow(/engine: hungarian/);
  });
});
