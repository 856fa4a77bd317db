import { describe, expect, it } from 'vitest';
import type { PlateChange } from './plateChange.ts';
import { plateChangeParams, plateChangeState, plateChangeStep } from './plateChange.ts';

/** Seeded Gaussian noise (mulberry32 + Box-Muller), so the test reads the same numbers every run. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uni = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uni())) * Math.cos(2 * Math.PI * uni());
}

interface Signal {
  /** True level at time t, grams. */
  level(t: number): number;
  /** Extra noise sigma at time t (bursts). */
  burst?(t: number): number;
}

function run(sig: Signal, seconds: number, sigmaG: number, driftGPerS = 0, seed = 1, unitG = Infinity): PlateChange[] {
  const noise = gaussian(seed);
  const params = plateChangeParams(sigmaG, 0.1, undefined, unitG);
  const state = plateChangeState(params);
  const out: PlateChange[] = [];
  for (let k = 0; k <= seconds * 10; k++) {
    const t = k / 10;
    const g = 500 + sig.level(t) + driftGPerS * t + (sigmaG + (sig.burst?.(t) ?? 0)) * noise();
    const c = plateChangeStep(state, params, t, Math.round(g * 10) / 10);
    if (c) out.push(c);
  }
  return out;
}

describe('plate change detection', () => {
  it('finds each step of a staircase with its size and time, in noise', () => {
    // Take 2 x 330 g at 10 s, 1 x 330 g at 25 s, put 1 back at 40 s, take a 20 g item at 55 s.
    const level = (t: number) => 3000 - (t >= 10 ? 660 : 0) - (t >= 25 ? 330 : 0) + (t >= 40 ? 330 : 0) - (t >= 55 ? 20 : 0);
    const changes = run({ level }, 70, 2);
    const truth = [-660, -330, 330, -20];
    expect(changes).toHaveLength(4);
    for (const [c, at, g] of changes.map((c, i) => [c, [10, 25, 40, 55][i]!, truth[i]!] as const)) {
      expect(Math.abs(c.deltaG - g)).toBeLessThan(3);
      expect(c.startT).toBeGreaterThanOrEqual(at - 0.05);
      expect(c.startT).toBeLessThanOrEqual(at + 0.25);
      expect(c.endT - at).toBeLessThan(0.8);
    }
  });

  it('reports nothing in ten minutes of noise and 200 g/h drift', () => {
    expect(run({ level: () => 2000 }, 600, 2, 200 / 3600, 3)).toEqual([]);
  });

  it('still measures a step after an hour of drift to within 4 g', () => {
    const changes = run({ level: (t) => (t >= 3500 ? -250 : 0) }, 3600, 2, 200 / 3600, 4);
    expect(changes).toHaveLength(1);
    expect(Math.abs(changes[0]!.deltaG + 250)).toBeLessThan(4);
  });

  it('ignores noise bursts (2 s at 40 g sigma) and single spikes, but not a step inside a burst', () => {
    const burst = (t: number) => ((t >= 20 && t < 22) || (t >= 50 && t < 52) ? 40 : 0);
    const spikes = (t: number) => (Math.abs(t - 35) < 0.05 || Math.abs(t - 35.1) < 0.05 ? 800 : 0);
    const changes = run({ level: (t) => spikes(t) + (t >= 51 ? -400 : 0), burst }, 80, 2, 0, 5);
    expect(changes).toHaveLength(1);
    expect(Math.abs(changes[0]!.deltaG + 400)).toBeLessThan(4);
    expect(changes[0]!.endT).toBeGreaterThan(52);
  });

  it('finds every take of a 20 g item on a 3 g-noise plate that holds such items', () => {
    // Grocery's seaweed snack: 20 g on plates of 3 g noise, taken one at a time every 4 s.
    const level = (t: number) => 1300 - 20 * Math.min(20, Math.max(0, Math.floor((t - 2) / 4) + 1));
    const changes = run({ level }, 90, 3, 0, 7, 20);
    expect(changes).toHaveLength(20);
    for (const c of changes) expect(Math.abs(c.deltaG + 20)).toBeLessThan(5);
    // The plate's unit sets the threshold (half of it, not under 3.5 sigma); without it, 6 sigma.
    expect(plateChangeParams(3, 0.1, undefined, 20).thresholdG).toBeCloseTo(10.5, 9);
    expect(plateChangeParams(3, 0.1).thresholdG).toBeCloseTo(18, 9);
    expect(plateChangeParams(2, 0.1, undefined, 42).thresholdG).toBeCloseTo(12, 9);
  });

  it('reports nothing in ten minutes of 3 g noise at the light-unit threshold', () => {
    expect(run({ level: () => 1500 }, 600, 3, 0, 8, 20)).toEqual([]);
  });

  it('sees a lift-and-return as no change', () => {
    const changes = run({ level: (t) => (t >= 10 && t < 10.6 ? -330 : 0) }, 20, 2, 0, 6);
    expect(changes).toEqual([]);
  });

  it('rejects an even window', () => {
    expect(() => plateChangeParams(2, 0.1, { windowSamples: 4, thresholdSigmas: 6, minThresholdG: 9, unitFraction: 0.5, minThresholdSigmas: 3.5, settleSigmas: 6, minSettleG: 3, settleSamples: 3, driftAlpha: 0.05 })).toThrow(/engine: plateChange/);
  });
});
