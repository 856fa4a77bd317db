import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../../engine/testing/seededUniform.ts';
import { clearSequence } from './clear.ts';
import { identitySequence } from './identity.ts';
import { floorMatchPacked } from '../storeTracking.ts';
import { TRACKING_WORKER, TrackingWorker } from './TrackingWorker.ts';
import type { TrackingFrame, TrackingSequence } from './TrackingSequence.ts';

/** A sequence with competing pairs and exact ties (similarities in steps of 1/8), optionally in shared memory. */
function tiedSequence(seed: number, frames: number, shared: boolean): TrackingSequence {
  const rand = seededUniform(seed);
  const out: TrackingFrame[] = [];
  for (let t = 0; t < frames; t++) {
    const ng = Math.floor(rand() * 6);
    const nt = Math.floor(rand() * 6);
    const gtIds = Int32Array.from({ length: ng }, (_, i) => (i + t) % 8);
    const trackerIds = Int32Array.from({ length: nt }, (_, j) => (j + (t >> 3)) % 9);
    const similarity = shared ? new Float64Array(new SharedArrayBuffer(8 * ng * nt)) : new Float64Array(ng * nt);
    for (let k = 0; k < similarity.length; k++) similarity[k] = rand() < 0.4 ? Math.floor(rand() * 9) / 8 : 0;
    out.push({ gtIds, trackerIds, similarity });
  }
  return { numGtIds: 8, numTrackerIds: 9, frames: out };
}

/** Every number of a result, flattened (typed arrays element by element). */
function numbers(x: object): number[] {
  return Object.values(x).flatMap((v: unknown) => (typeof v === 'number' ? [v] : [...(v as Float64Array)]));
}

describe('TrackingWorker', () => {
  it('answers CLEAR, Identity and the floor match bit-identical to the calling thread, shared memory or not', () => {
    for (const shared of [true, false]) {
      const seq = tiedSequence(shared ? 7 : 8, 400, shared);
      const worker = TrackingWorker.start();
      worker.post(seq);
      const got = worker.wait();
      const identity = numbers(identitySequence(seq));
      const clear = numbers(clearSequence(seq));
      expect(numbers(got.identity).length).toBe(identity.length);
      expect(numbers(got.clear).length).toBe(clear.length);
      // Object.is: the same bits, -0 and NaN included.
      numbers(got.identity).forEach((v, k) => expect(Object.is(v, identity[k]), `identity[${k}] ${v} vs ${identity[k]}`).toBe(true));
      numbers(got.clear).forEach((v, k) => expect(Object.is(v, clear[k]), `clear[${k}] ${v} vs ${clear[k]}`).toBe(true));
      expect(got.clear.CLR_TP).toBeGreaterThan(100);
      expect(got.clear.IDSW).toBeGreaterThan(0);
      expect(got.identity.IDTP).toBeGreaterThan(40);
      const match = floorMatchPacked(seq);
      expect(got.floorMatch).toEqual(match);
      expect(match.some((m) => m >= 0)).toBe(true);
      expect(match.some((m) => m < 0)).toBe(true);
    }
  });

  it("throws the worker's error for a malformed sequence, and refuses misuse", () => {
    const worker = TrackingWorker.start();
    worker.post({ numGtIds: 1, numTrackerIds: 1, frames: [{ gtIds: [0], trackerIds: [0], similarity: [0.5, 0.5] }] });
    expect(() => worker.wait()).toThrow(/bench: tracking frame 0: similarity has 2 entries for 1 x 1 ids/);
    const idle = TrackingWorker.start();
    expect(() => idle.wait()).toThrow('bench: the tracking worker was given nothing to do');
    idle.close();
  });

  it('hands off only runs long enough to pay for the worker', () => {
    expect(TRACKING_WORKER.minFrames).toBeGreaterThanOrEqual(1000);
    expect(TRACKING_WORKER.minFrames).toBeLessThanOrEqual(36_000);
  });
});
