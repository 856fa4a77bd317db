import { describe, expect, it } from 'vitest';
import { Rng } from './Rng.ts';

describe('Rng', () => {
  it('gives the same sequence for the same seed and name, another for another name', () => {
    const a = new Rng(7, 'arrivals');
    const b = new Rng(7, 'arrivals');
    const c = new Rng(7, 'camera:c1');
    const sa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(sa);
  });

  it('draws normals with the requested mean and spread', () => {
    const r = new Rng(1, 'normal');
    const xs = Array.from({ length: 20000 }, () => 1.34 + 0.26 * r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    expect(mean).toBeCloseTo(1.34, 2);
    expect(sd).toBeGreaterThan(0.25);
    expect(sd).toBeLessThan(0.27);
  });

  it('clips normals and draws Poisson counts with the right mean', () => {
    const r = new Rng(2, 'x');
    for (let i = 0; i < 1000; i++) {
      const v = r.clippedNormal({ mean: 1.34, sd: 0.26, min: 0.5, max: 2.2 });
      expect(v).toBeGreaterThanOrEqual(0.5);
      expect(v).toBeLessThanOrEqual(2.2);
    }
    const ks = Array.from({ length: 20000 }, () => r.poisson(3));
    expect(ks.reduce((s, k) => s + k, 0) / ks.length).toBeCloseTo(3, 1);
  });
});
