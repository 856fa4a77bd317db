import { describe, expect, it } from 'vitest';
import { FastRng } from './FastRng.ts';
import { NOISE_TABLE, NoiseTable } from './NoiseTable.ts';

describe('NoiseTable', () => {
  it('holds standard normal quantiles: mean 0, sd 1, the normal tail mass, a padded copy at the end', () => {
    const t = new NoiseTable(new FastRng(3, 'camera:a'));
    const n = 1 << NOISE_TABLE.bits;
    expect(t.values).toHaveLength(n + NOISE_TABLE.window);
    let s = 0;
    let s2 = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const x = t.values[i]!;
      s += x;
      s2 += x * x;
      if (Math.abs(x) > 2) beyond2++;
    }
    expect(Math.abs(s / n)).toBeLessThan(1e-6);
    expect(Math.sqrt(s2 / n)).toBeCloseTo(1, 6);
    expect(beyond2 / n).toBeGreaterThan(0.0455 - 0.002); // P(|Z| > 2) = 0.0455
    expect(beyond2 / n).toBeLessThan(0.0455 + 0.002);
    for (let k = 0; k < NOISE_TABLE.window; k++) expect(t.values[n + k]).toBe(t.values[k]);
  });

  it('orders its values by the camera stream: the same per stream, different between cameras, uncorrelated neighbours', () => {
    const a = new NoiseTable(new FastRng(3, 'camera:a')).values;
    expect(new NoiseTable(new FastRng(3, 'camera:a')).values).toEqual(a);
    expect(new NoiseTable(new FastRng(3, 'camera:b')).values).not.toEqual(a);
    // Consecutive values (one detection reads 31 in a row) are independent draws: lag-1 correlation near 0.
    let c = 0;
    const n = 1 << NOISE_TABLE.bits;
    for (let i = 0; i < n; i++) c += a[i]! * a[i + 1]!;
    expect(Math.abs(c / n)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('shares one table between cameras, the same every run', () => {
    const t = NoiseTable.shared();
    expect(NoiseTable.shared()).toBe(t);
    expect(t.values).toEqual(new NoiseTable(new FastRng(0, 'camera-noise')).values);
  });

  it('starts reads anywhere in the table, uniformly', () => {
    const rng = new FastRng(5, 'camera:c');
    const t = new NoiseTable(rng);
    const n = 1 << NOISE_TABLE.bits;
    const quarters = [0, 0, 0, 0];
    for (let k = 0; k < 40_000; k++) {
      const at = t.start(rng);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(at).toBeLessThan(n);
      quarters[Math.floor((4 * at) / n)]!++;
    }
    for (const q of quarters) expect(Math.abs(q - 10_000)).toBeLessThan(500);
  });
});
