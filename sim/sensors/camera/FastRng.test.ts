import { describe, expect, it } from 'vitest';
import { FastRng, inverseNormalCdf } from './FastRng.ts';

describe('FastRng', () => {
  it('draws standard normals: mean 0, sd 1, the right tail mass', () => {
    const r = new FastRng(3, 'camera:test');
    const n = 400_000;
    let s = 0;
    let s2 = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
      if (Math.abs(x) > 2) beyond2++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.005);
    expect(Math.sqrt(s2 / n)).toBeGreaterThan(0.995);
    expect(Math.sqrt(s2 / n)).toBeLessThan(1.005);
    expect(beyond2 / n).toBeGreaterThan(0.0455 - 0.002); // P(|Z| > 2) = 0.0455
    expect(beyond2 / n).toBeLessThan(0.0455 + 0.002);
  });

  it('is reproducible per seed and name, and differs between names', () => {
    const seq = (name: string) => Array.from({ length: 5 }, ((r) => () => r.u32())(new FastRng(1, name)));
    expect(seq('camera:a')).toEqual(seq('camera:a'));
    expect(seq('camera:a')).not.toEqual(seq('camera:b'));
  });

  it('has the right quantiles', () => {
    expect(inverseNormalCdf(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232, 5);
    expect(() => inverseNormalCdf(1)).toThrow('sim: inverseNormalCdf needs 0 < p < 1');
  });
});
