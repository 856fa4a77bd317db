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
