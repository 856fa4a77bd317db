import { describe, expect, it } from 'vitest';
import { assignCandidates, disjointPairs } from './disjointPairs.ts';
import { linearSumAssignment } from './linearSumAssignment.ts';

/** A small deterministic generator, so every run tests the same matrices. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** The negative-cost pairs of linearSumAssignment's answer, as "row:col". */
function lsapCandidates(cost: Float64Array, nr: number, nc: number): string[] {
  const { rows, cols } = linearSumAssignment(cost, nr, nc);
  const out: string[] = [];
  for (let k = 0; k < rows.length; k++) if (cost[rows[k]! * nc + cols[k]!]! < 0) out.push(`${rows[k]}:${cols[k]}`);
  return out;
}

describe('disjointPairs: the Hungarian shortcut', () => {
  it('gives exactly the negative pairs the full solver keeps, on 2000 sparse matrices', () => {
    const rand = lcg(5);
    let quick = 0;
    for (let n = 0; n < 2000; n++) {
      const nr = 1 + Math.floor(rand() * 8);
      const nc = 1 + Math.floor(rand() * 8);
      const cost = Float64Array.from({ length: nr * nc }, () => (rand() < 0.15 ? -Math.round(rand() * 4) / 4 - 0.25 : 0));
      const d = disjointPairs(cost, nr, nc);
      const pairs = d === null ? null : Array.from({ length: d.count }, (_, k) => `${d.rows[k]}:${d.cols[k]}`);
      if (pairs !== null) {
        quick++;
        expect(pairs).toEqual(lsapCandidates(cost, nr, nc));
      }
      const a = assignCandidates(cost, nr, nc);
      const kept = Array.from({ length: a.count }, (_, k) => [a.rows[k]!, a.cols[k]!]).filter(([r, c]) => cost[r! * nc + c!]! < 0).map(([r, c]) => `${r}:${c}`);
      expect(kept).toEqual(lsapCandidates(cost, nr, nc));
    }
    // Both paths were exercised.
    expect(quick).toBeGreaterThan(300);
    expect(quick).toBeLessThan(1900);
  });

  it('null when two candidates share a row or a column, or on NaN', () => {
    expect(disjointPairs(Float64Array.from([-1, -1, 0, 0]), 2, 2)).toBeNull();
    expect(disjointPairs(Float64Array.from([-1, 0, -1, 0]), 2, 2)).toBeNull();
    expect(disjointPairs(Float64Array.from([NaN, 0, 0, 0]), 2, 2)).toBeNull();
    const d = disjointPairs(Float64Array.from([0, -0, -2, 0, 0, 0]), 3, 2)!;
    expect([d.count, d.rows[0], d.cols[0]]).toEqual([1, 1, 0]); // -0 is no candidate
  });
});
