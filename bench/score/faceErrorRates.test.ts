import { describe, expect, it } from 'vitest';
import { FACE_RATES, identificationRates, thresholdAtRate, verificationRates } from './faceErrorRates.ts';

const tenths = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) / 10);

describe('identification: FNIR at FPIR (rank 1)', () => {
  it('reads FNIR at the lowest threshold whose FPIR is within the target', () => {
    // Non-mated top scores 0.1 .. 1.0; mated: four rank-1 mates and one search whose mate was not the top.
    const r = identificationRates({ matedRank1: [0.95, 0.85, 0.55, 0.3, -Infinity], nonMatedTop: tenths(10) });
    // FPIR 1 %: 0 of 10 false positives allowed, accept above 1.0: every search misses.
    expect(r.fnirAt.fnirAtFpir1pct).toBe(1);
    // FPIR 10 %: one allowed, accept above 0.9: only 0.95 is found.
    expect(r.fnirAt.fnirAtFpir10pct).toBe(4 / 5);
    expect(r.rank1HitRate).toBe(4 / 5);
    const half = identificationRates({ matedRank1: [0.95, 0.85, 0.55, 0.3, -Infinity], nonMatedTop: tenths(10) }, { ...FACE_RATES, fpirTargets: [{ key: 'h', rate: 0.5 }] });
    // FPIR 50 %: accept above the 6th highest non-mated score, 0.5.
    expect(half.fnirAt.h).toBe(2 / 5);
  });

  it('ties at the threshold are rejected together, so the achieved FPIR may fall below the target', () => {
    const r = identificationRates({ matedRank1: [0.5, 0.6], nonMatedTop: [0.5, 0.5, 0.5, 0.2] }, { ...FACE_RATES, fpirTargets: [{ key: 'q', rate: 0.25 }] });
    expect(r.fnirAt.q).toBe(1 / 2);
    expect(r.curve[0]).toEqual([0, 1 / 2, 0.5]);
  });

  it('the curve runs from FPIR 0 up, FNIR never rising', () => {
    const nm = Array.from({ length: 200 }, (_, i) => Math.sin(i) / 2);
    const mated = Array.from({ length: 50 }, (_, i) => 0.3 + Math.cos(i) / 3);
    const { curve } = identificationRates({ matedRank1: mated, nonMatedTop: nm });
    expect(curve[0]![0]).toBe(0);
    expect(curve.length).toBeGreaterThan(5);
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]![0]).toBeGreaterThanOrEqual(curve[i - 1]![0]);
      expect(curve[i]![1]).toBeLessThanOrEqual(curve[i - 1]![1]);
      expect(curve[i]![0]).toBeLessThan(1);
    }
  });

  it('no mated or no non-mated searches: null rates, empty curve', () => {
    expect(identificationRates({ matedRank1: [], nonMatedTop: [0.1] })).toEqual({ fnirAt: { fnirAtFpir1pct: null, fnirAtFpir10pct: null }, rank1HitRate: null, curve: [] });
    expect(identificationRates({ matedRank1: [0.9], nonMatedTop: [] }).fnirAt.fnirAtFpir1pct).toBeNull();
  });
});

describe('verification: FNMR at FMR', () => {
  const impostor = Array.from({ length: 1000 }, (_, i) => i / 1000);
  it('reads FNMR at each FMR operating point', () => {
    const r = verificationRates({ genuine: [0.995, 0.95, 0.4], impostor });
    // FMR 1 %: 10 impostors may pass, accept above 0.989; FMR 0.1 %: above 0.998; 0.01 %: above 0.999.
    expect(r.fnmrAt).toEqual({ fnmrAtFmr0_01pct: 1, fnmrAtFmr0_1pct: 1, fnmrAtFmr1pct: 2 / 3 });
    const ten = verificationRates({ genuine: [0.995, 0.95, 0.4], impostor }, { ...FACE_RATES, fmrTargets: [{ key: 't', rate: 0.1 }] });
    expect(ten.fnmrAt.t).toBe(1 / 3);
    // The curve's first point: FMR 0 above the best impostor (0.999), all genuine rejected.
    expect(r.curve[0]).toEqual([0, 1, 0.999]);
    // ... up to the last log step below 1: 10^-0.25 allows 562 of 1000.
    expect(r.curve.at(-1)![0]).toBe(0.562);
  });

  it('the allowed count is floor(rate x n) without floating-point loss', () => {
    const asc = Float64Array.from({ length: 100 }, (_, i) => i);
    expect(thresholdAtRate(asc, 0.29)).toBe(70); // 29 may pass: accept above the 30th highest
    expect(thresholdAtRate(asc, 0)).toBe(99);
    expect(thresholdAtRate(asc, 1)).toBe(-Infinity);
  });
});
