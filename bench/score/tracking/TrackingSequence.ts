/**
 * The input of the tracking metrics, shaped as TrackEval's per-sequence `data`: per frame the ids
 * present (0-based, dense: every id below numGtIds / numTrackerIds appears somewhere) and their
 * similarity matrix. Frames with no ids on one side are allowed; their order is the frame order.
 */

/** One frame (timestep) of a sequence. */
export interface TrackingFrame {
  readonly gtIds: ArrayLike<number>;
  readonly trackerIds: ArrayLike<number>;
  /** gtIds.length x trackerIds.length, row-major, each in 0..1. */
  readonly similarity: ArrayLike<number>;
}

/** A sequence of frames with its id counts. */
export interface TrackingSequence {
  readonly numGtIds: number;
  readonly numTrackerIds: number;
  readonly frames: readonly TrackingFrame[];
}

/** numpy's float64 machine epsilon, which TrackEval uses in its comparisons. */
export const EPS = 2.220446049250313e-16;

/** The match thresholds of CLEAR and Identity (TrackEval's THRESHOLD default). */
export const MATCH_THRESHOLD = 0.5;

/**
 * HOTA's 19 localisation thresholds 0.05, 0.10 ... 0.95, computed as numpy's
 * `arange(0.05, 0.99, 0.05)` computes them (start + i * step), so comparisons at the
 * thresholds round the same way.
 */
export const HOTA_ALPHAS: Float64Array = (() => {
  const a = new Float64Array(19);
  for (let i = 0; i < 19; i++) a[i] = 0.05 + i * 0.05;
  return a;
})();

/** Counts of detections in a sequence. */
export function countDets(seq: TrackingSequence): { gtDets: number; trackerDets: number } {
  let gtDets = 0;
  let trackerDets = 0;
  for (const f of seq.frames) {
    gtDets += f.gtIds.length;
    trackerDets += f.trackerIds.length;
  }
  return { gtDets, trackerDets };
}

/** Throws 'bench: ...' when a sequence is malformed (a programmer error upstream: files are checked on reading). */
export function checkSequence(seq: TrackingSequence): void {
  seq.frames.forEach((f, t) => {
    if (f.similarity.length !== f.gtIds.length * f.trackerIds.length) {
      throw new Error(`bench: tracking frame ${t}: similarity has ${f.similarity.length} entries for ${f.gtIds.length} x ${f.trackerIds.length} ids`);
    }
    for (let i = 0; i < f.gtIds.length; i++) {
      const id = f.gtIds[i]!;
      if (!Number.isInteger(id) || id < 0 || id >= seq.numGtIds) throw new Error(`bench: tracking frame ${t}: gt id ${id} outside 0..${seq.numGtIds - 1}`);
    }
    for (let j = 0; j < f.trackerIds.length; j++) {
      const id = f.trackerIds[j]!;
      if (!Number.isInteger(id) || id < 0 || id >= seq.numTrackerIds) throw new Error(`bench: tracking frame ${t}: tracker id ${id} outside 0..${seq.numTrackerIds - 1}`);
    }
  });
}
