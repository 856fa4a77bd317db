import type { RunData, TrackFrame } from './collectRun.ts';
import { linearSumAssignment } from './tracking/linearSumAssignment.ts';
import { FLOOR_ZERO_DISTANCE_M, floorSimilarity } from './tracking/similarity.ts';
import type { TrackingFrame, TrackingSequence } from './tracking/TrackingSequence.ts';
import { MATCH_THRESHOLD as MATCH_THRESHOLD_IMPORTED } from './tracking/TrackingSequence.ts';

// Module-local copies: imported bindings are live getters under some loaders, too slow in the per-frame loops.
const MATCH_THRESHOLD = MATCH_THRESHOLD_IMPORTED;

/** How truth and engine tracks are put side by side. */
export interface StoreTrackingConfig {
  /** Similarity max(0, 1 - d / zeroDistanceM): 2 m, as TrackEval's 3D location datasets. */
  readonly zeroDistanceM: number;
  /** An engine `tracks` event stands for the tracks until this long after it: an engine reports at least at camera rate (>= 2 Hz). */
  readonly maxStalenessS: number;
  /** Score only shoppers inside the outline: cameras watch the store, not the queue outside. */
  readonly truthInsideOnly: boolean;
}

/** Defaults of StoreTrackingConfig. */
export const STORE_TRACKING: StoreTrackingConfig = { zeroDistanceM: FLOOR_ZERO_DISTANCE_M, maxStalenessS: 0.5, truthInsideOnly: true };

/** Truth vs engine on the floor, frame by frame, ready for the metric kernels and the error maps. */
export interface StoreTracking {
  readonly sequence: TrackingSequence;
  /** Frame times (the truth sample times). */
  readonly times: Float64Array;
  /** Dense gt index -> shopper id, dense tracker index -> engine trackId. */
  readonly shopperOf: Int32Array;
  readonly trackIdOf: Int32Array;
  /** Per frame, the truth positions (xy) of the gt ids in `sequence.frames[t].gtIds` order. */
  readonly gtXy: readonly Float64Array[];
  /** Per frame, the engine track frame used (null: none fresh enough). */
  readonly trackFrame: readonly (TrackFrame | null)[];
  /** Per frame, gt index -> matched tracker index at similarity >= 0.5 (max total similarity), -1 if none. */
  readonly matchOfGt: readonly Int32Array[];
  /** True when the run had an engine that reported tracks at all. */
  readonly engineReportedTracks: boolean;
}

/**
 * Puts each truth sample beside the engine's latest `tracks` event at or before it (within half a
 * tick, and not older than maxStalenessS), on the floor plane.
 */
export function storeTracking(run: RunData, config: StoreTrackingConfig = STORE_TRACKING): StoreTracking {
  const halfTick = run.header.dtS / 2;
  const gtIndex = new Map<number, number>();
  const trIndex = new Map<number, number>();
  const shopperOf: number[] = [];
  const trackIdOf: number[] = [];
  const frames: TrackingFrame[] = [];
  const gtXy: Float64Array[] = [];
  const used: (TrackFrame | null)[] = [];
  const matchOfGt: Int32Array[] = [];
  const times = new Float64Array(run.truth.length);
  let k = -1;
  run.truth.forEach((tf, f) => {
    times[f] = tf.t;
    while (k + 1 < run.tracks.length && run.tracks[k + 1]!.t <= tf.t + halfTick) k++;
    const trf = k >= 0 && tf.t - run.tracks[k]!.t <= config.maxStalenessS ? run.tracks[k]! : null;
    const gtIds: number[] = [];
    const xy: number[] = [];
    for (let i = 0; i < tf.ids.length; i++) {
      if (config.truthInsideOnly && tf.inside[i] === 0) continue;
      const id = tf.ids[i]!;
      let g = gtIndex.get(id);
      if (g === undefined) {
        g = shopperOf.length;
        gtIndex.set(id, g);
        shopperOf.push(id);
      }
      gtIds.push(g);
      xy.push(tf.xy[2 * i]!, tf.xy[2 * i + 1]!);
    }
    const trackerIds: number[] = [];
    if (trf !== null) {
      for (let j = 0; j < trf.ids.length; j++) {
        const id = trf.ids[j]!;
        let tr = trIndex.get(id);
        if (tr === undefined) {
          tr = trackIdOf.length;
          trIndex.set(id, tr);
          trackIdOf.push(id);
        }
        trackerIds.push(tr);
      }
    }
    const gxy = Float64Array.from(xy);
    const sim = floorSimilarity(gxy, trf?.xy ?? [], new Float64Array(gtIds.length * trackerIds.length), config.zeroDistanceM);
    frames.push({ gtIds, trackerIds, similarity: sim });
    gtXy.push(gxy);
    used.push(trf);
    matchOfGt.push(matchAtThreshold(sim, gtIds.length, trackerIds.length));
  });
  return {
    sequence: { numGtIds: shopperOf.length, numTrackerIds: trackIdOf.length, frames },
    times,
    shopperOf: Int32Array.from(shopperOf),
    trackIdOf: Int32Array.from(trackIdOf),
    gtXy,
    trackFrame: used,
    matchOfGt,
    engineReportedTracks: run.tracks.length > 0,
  };
}

/** One-to-one match maximising similarity among pairs at or above the CLEAR threshold (within 1 m at 2 m zero distance). */
function matchAtThreshold(sim: Float64Array, ng: number, nt: number): Int32Array {
  const out = new Int32Array(ng).fill(-1);
  if (ng === 0 || nt === 0) return out;
  const cost = new Float64Array(ng * nt);
  for (let i = 0; i < cost.length; i++) cost[i] = sim[i]! >= MATCH_THRESHOLD ? -sim[i]! : 0;
  const { rows, cols } = linearSumAssignment(cost, ng, nt);
  for (let k = 0; k < rows.length; k++) if (sim[rows[k]! * nt + cols[k]!]! >= MATCH_THRESHOLD) out[rows[k]!] = cols[k]!;
  return out;
}
