import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../../engine/testing/seededUniform.ts';
import { floorSimilarity } from './similarity.ts';

/** TrackEval's formula, every pair computed. */
function reference(a: Float64Array, b: Float64Array, z: number): Float64Array {
  const out = new Float64Array((a.length / 2) * (b.length / 2));
  for (let i = 0; i < a.length / 2; i++) {
    for (let j = 0; j < b.length / 2; j++) {
      const dx = a[2 * i]! - b[2 * j]!;
      const dy = a[2 * i + 1]! - b[2 * j + 1]!;
      out[i * (b.length / 2) + j] = Math.max(0, 1 - Math.sqrt(dx * dx + dy * dy) / z);
    }
  }
  return out;
}

describe('floorSimilarity', () => {
  it('gives the formula bit for bit, far pairs and pairs a few ulps around the zero distance included', () => {
    const rand = seededUniform(11);
    for (const z of [2, 1.5, 0.3, 0, -1]) {
      const a = Float64Array.from({ length: 80 }, () => rand() * 12);
      const b = Float64Array.from({ length: 80 }, () => rand() * 12);
      // Points at exactly z, and one or two ulps either side, along an axis or nearly so.
      for (let k = 0; k < 20; k++) {
        const step = [0, 1, -1, 2, -2][k % 5]! * Number.EPSILON * Math.abs(z);
        b[2 * k] = a[2 * k]! + z + step * (k % 3);
        b[2 * k + 1] = a[2 * k + 1]! + (k % 2 === 0 ? 0 : 1e-12);
      }
      const got = floorSimilarity(a, b, new Float64Array(1600).fill(7), z);
      const want = reference(a, b, z);
      let nonZero = 0;
      got.forEach((v, k) => {
        expect(Object.is(v, want[k]), `z ${z} [${k}] ${v} vs ${want[k]}`).toBe(true);
        if (v > 0) nonZero++;
      });
      if (z > 0) expect(nonZero).toBeGreaterThan(10);
    }
  });
});
