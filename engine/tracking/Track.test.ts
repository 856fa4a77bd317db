import { describe, expect, it } from 'vitest';
import { Track } from './Track.ts';

/** A track that was at the given (t, x, y) samples, in time order. */
function path(samples: readonly (readonly [number, number, number])[], historyLength = 10): Track {
  const tr = new Track(1, samples[0]![0], 1, historyLength);
  for (const [t, x, y] of samples) {
    tr.t = t;
    tr.kf[0] = x;
    tr.kf[1] = y;
    tr.remember();
  }
  return tr;
}

describe('Track', () => {
  it('finds when and where its path last crossed a line from the back side to the front', () => {
    const out = new Float64Array(2);
    // A door at (1, 0) facing +y: out at y = -0.4, in at y = 0.2 (crosses two thirds of the way), on.
    const tr = path([[0, 1.3, -0.8], [0.2, 1.3, -0.4], [0.4, 1.3, 0.2], [0.6, 1.4, 0.9]]);
    expect(tr.crossedLineAt(1, 0, 0, 1, out)).toBeCloseTo(0.2 + (0.2 * 0.4) / 0.6, 9);
    // Offset along the line, measured along (-ny, nx) = (-1, 0): 0.3 m east is -0.3.
    expect(out[0]).toBeCloseTo(-0.3, 9);
    // Walking back out and in again: the latest crossing counts.
    const twice = path([[0, 1, -0.5], [1, 1, 0.5], [2, 1, -0.5], [3, 1, 0.5]]);
    expect(twice.crossedLineAt(1, 0, 0, 1, out)).toBeCloseTo(2.5, 9);
    // Always inside: no crossing.
    expect(path([[0, 1, 0.5], [1, 1, 2]]).crossedLineAt(1, 0, 0, 1, out)).toBeNaN();
  });

  it('bounds a wrist by the worst of the views that saw it at one instant, within the time asked', () => {
    const tr = new Track(1, 0, 1, 10);
    const p = [1, 2, 0.8] as const;
    const ray = (o: readonly [number, number, number], to: readonly [number, number, number]) => {
      const d = [to[0] - o[0], to[1] - o[1], to[2] - o[2]];
      const n = Math.hypot(d[0]!, d[1]!, d[2]!);
      return Float64Array.from([...o, d[0]! / n, d[1]! / n, d[2]! / n]);
    };
    const camA = [1, -8, 3] as const;
    const camB = [8, 2, 3] as const;
    // At t = 1 the right wrist is on camera A's line of sight to p, 0.5 m short of it: A's ray
    // passes through p, B's (from the side) about 0.5 m off it.
    const hand1 = [1, 1.5, 0.8 + (2.2 * 0.5) / 10] as const;
    tr.rememberWrist(1, 1, ray(camA, hand1), 0);
    tr.rememberWrist(1, 1, ray(camB, hand1), 0);
    // At t = 2 the left wrist is 3 cm above p, seen by both.
    const hand2 = [1, 2, 0.83] as const;
    tr.rememberWrist(2, 0, ray(camA, hand2), 0);
    tr.rememberWrist(2, 0, ray(camB, hand2), 0);
    expect(tr.wristMissBetween(0.5, 1.5, ...p)).toBeCloseTo(0.512, 3);
    expect(tr.wristMissBetween(1.5, 2.5, ...p)).toBeCloseTo(0.03, 2);
    expect(tr.wristMissBetween(2.5, 3, ...p)).toBe(Infinity);
    // Two instants: their mean, each counting at most the cap.
    expect(tr.wristMissBetween(0.5, 2.5, ...p)).toBeCloseTo((0.512 + 0.03) / 2, 2);
    expect(tr.wristMissBetween(0.5, 2.5, ...p, 0.3)).toBeCloseTo((0.3 + 0.03) / 2, 2);
    // One view alone cannot rule a wrist out: A's ray through p at t = 3 gives 0.
    tr.rememberWrist(3, 1, ray(camA, p), 0);
    expect(tr.wristMissBetween(2.5, 3.5, ...p)).toBeLessThan(0.02);
    // The best two of three instants.
    expect(tr.wristMissBetween(0, 4, ...p)).toBeCloseTo(0.015, 1);
  });

  it('keeps its birth time and reports its oldest remembered sample until the ring wraps', () => {
    const out = new Float64Array(2);
    const young = path([[5, 2, 3], [5.2, 2.1, 3.1]], 4);
    expect(young.bornT).toBe(5);
    expect(young.oldestSample(out)).toBe(5);
    expect([out[0], out[1]]).toEqual([2, 3]);
    const old = path([[5, 2, 3], [5.2, 2.1, 3.1], [5.4, 2.2, 3.2], [5.6, 2.3, 3.3], [5.8, 2.4, 3.4]], 4);
    expect(old.oldestSample(out)).toBe(5.2);
    expect(out[0]).toBeCloseTo(2.1, 9);
    expect(new Track(2, 0, 1, 4).oldestSample(out)).toBeNaN();
  });
});
