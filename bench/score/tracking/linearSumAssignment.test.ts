import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linearSumAssignment } from './linearSumAssignment.ts';

interface Case { nr: number; nc: number; maximize: boolean; cost: number[]; rows: number[]; cols: number[] }
const scipy = JSON.parse(readFileSync(new URL('./fixtures/scipy-lsap.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** Best total by trying every injection of the smaller side into the larger. */
function bruteForce(cost: number[], nr: number, nc: number): number {
  let best = Infinity;
  const small = Math.min(nr, nc);
  const used = new Array<boolean>(Math.max(nr, nc)).fill(false);
  const at = (i: number, j: number) => (nr <= nc ? cost[i * nc + j]! : cost[j * nc + i]!);
  const go = (i: number, acc: number) => {
    if (i === small) {
      best = Math.min(best, acc);
      return;
    }
    for (let j = 0; j < used.length; j++) {
      if (used[j]) continue;
      used[j] = true;
      go(i + 1, acc + at(i, j));
      used[j] = false;
    }
  };
  go(0, 0);
  return best;
}

describe('linearSumAssignment', () => {
  it('picks exactly the pairs SciPy picks on 240 tied and untied matrices up to 6 x 6', () => {
    expect(scipy.cases.length).toBe(240);
    for (const c of scipy.cases) {
      const a = linearSumAssignment(c.cost, c.nr, c.nc, c.maximize);
      expect([[...a.rows], [...a.cols]]).toEqual([c.rows, c.cols]);
    }
  });

  it('reaches the brute-force optimum on random square, wide and tall matrices', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 200; k++) {
      const nr = 1 + Math.floor(rand() * 6);
      const nc = 1 + Math.floor(rand() * 6);
      const cost = Array.from({ length: nr * nc }, () => (k % 2 ? Math.floor(rand() * 4) : rand() * 10));
      const a = linearSumAssignment(cost, nr, nc);
      expect(a.rows.length).toBe(Math.min(nr, nc));
      expect(new Set(a.cols).size).toBe(a.cols.length);
      let total = 0;
      for (let i = 0; i < a.rows.length; i++) total += cost[a.rows[i]! * nc + a.cols[i]!]!;
      expect(total).toBeCloseTo(bruteForce(cost, nr, nc), 9);
    }
  });

  it('gives the identity on a constant matrix and nothing on an empty one', () => {
    const a = linearSumAssignment(new Array(9).fill(1), 3, 3);
    expect([...a.cols]).toEqual([0, 1, 2]);
    expect(linearSumAssignment([], 0, 4).rows.length).toBe(0);
  });

  it('accepts +Infinity as forbidden and rejects NaN, -Infinity, a wrong size and an infeasible matrix', () => {
    const a = linearSumAssignment([Infinity, 1, 2, Infinity], 2, 2);
    expect([...a.cols]).toEqual([1, 0]);
    expect(() => linearSumAssignment([NaN], 1, 1)).toThrow(/bench: linearSumAssignment: entry \[0\]\[0\] is NaN/);
    expect(() => linearSumAssignment([-Infinity], 1, 1)).toThrow(/-Infinity/);
    expect(() => linearSumAssignment([1, 2], 2, 2)).toThrow(/2 entries, expected 2 x 2/);
    expect(() => linearSumAssignment([Infinity, Infinity], 2, 1)).toThrow(/infeasible/);
  });
});
