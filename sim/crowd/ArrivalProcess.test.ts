import { describe, expect, it } from 'vitest';
import { Rng } from '../rng/Rng.ts';
import { ArrivalProcess, arrivalRate } from './ArrivalProcess.ts';

describe('arrivalRate', () => {
  it('interpolates linearly between the points, flat outside them', () => {
    const rate = arrivalRate('12:00', [{ at: '12:00', perHour: 360 }, { at: '13:00', perHour: 720 }]);
    expect(rate(0)).toBeCloseTo(0.1, 12);
    expect(rate(1800)).toBeCloseTo(0.15, 12);
    expect(rate(3600)).toBeCloseTo(0.2, 12);
    expect(rate(9000)).toBeCloseTo(0.2, 12);
  });
});

describe('ArrivalProcess', () => {
  it('produces as many arrivals as the integrated rate, denser where the rate is higher', () => {
    const counts: number[] = [];
    let early = 0;
    let late = 0;
    for (let seed = 0; seed < 40; seed++) {
      const p = new ArrivalProcess('12:00', [{ at: '12:00', perHour: 200 }, { at: '13:00', perHour: 1000 }], 3600, new Rng(seed, 'arrivals'));
      const out: number[] = [];
      p.take(3600, out);
      counts.push(out.length);
      early += out.filter((t) => t < 1800).length;
      late += out.filter((t) => t >= 1800).length;
      expect(out).toEqual([...out].sort((a, b) => a - b));
      expect(p.exhausted).toBe(true);
    }
    // The integral of the rate over the hour is 600 arrivals; 40 runs average within a few per cent.
    const mean = counts.reduce((s, c) => s + c, 0) / counts.length;
    expect(mean).toBeGreaterThan(585);
    expect(mean).toBeLessThan(615);
    // Expected split: 200 in the first half hour, 400 in the second.
    expect(late / early).toBeGreaterThan(1.8);
    expect(late / early).toBeLessThan(2.2);
  });
});
