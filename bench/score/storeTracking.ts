import type { RunData, TrackFrame } from './collectRun.ts';
import { assignCandidates } from './tracking/disjointPairs.ts';
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

/** StoreTracking before the floor match: the frames, ready to hand to the metric kernels. */
export type StoreFrames = Omit<StoreTracking, 'matchOfGt'>;

/**
 * Puts each truth sample beside the engine's latest `tracks` event at or before it (within half a
 * tick, and not older than maxStalenessS), on the floor plane.
 */
export function storeTracking(run: RunData, config: StoreTrackingConfig = STORE_TRACKING): StoreTracking {
  return withFloorMatch(storeFrames(run, config));
}

/** Adds the per-frame floor match (gt -> tracker at similarity >= 0.5, max total similarity) to the frames. */
export function withFloorMatch(frames: StoreFrames, matchOfGt: readonly Int32Array[] = floorMatch(frames.sequence)): StoreTracking {
  return { ...frames, matchOfGt };
}

/**
 * The floor match of every frame, packed: frame f's gt -> tracker indices (-1: none) in one
 * Int32Array, frames one after another in gtIds order (one buffer crosses threads, not thousands).
 */
export function floorMatchPacked(seq: TrackingSequence): Int32Array {
  let n = 0;
  for (const f of seq.frames) n += f.gtIds.length;
  const out = new Int32Array(n);
  let at = 0;
  for (const f of seq.frames) {
    const ng = f.gtIds.length;
    matchAtThreshold(f.similarity as Float64Array, ng, f.trackerIds.length, out, at);
    at += ng;
  }
  return out;
}

/** floorMatchPacked's frames as views, one per frame. */
export function unpackFloorMatch(seq: TrackingSequence, packed: Int32Array): Int32Array[] {
  const out = new Array<Int32Array>(seq.frames.length);
  let at = 0;
  for (let f = 0; f < seq.frames.length; f++) {
    const ng = seq.frames[f]!.gtIds.length;
    // By constructor: subarray() takes V8's slow species path, tens of thousands of times here.
    out[f] = new Int32Array(packed.buffer, packed.byteOffset + 4 * at, ng);
    at += ng;
  }
  if (at !== packed.length) throw new Error(`bench: a packed floor match of ${packed.length} entries for frames of ${at} gt ids`);
  return out;
}

/** The floor match of every frame (gt -> tracker index, -1 if none). */
function floorMatch(seq: TrackingSequence): Int32Array[] {
  return unpackFloorMatch(seq, floorMatchPacked(seq));
}

/**
 * The frames of storeTracking without the floor match. `shared`: the similarity matrices live in
 * SharedArrayBuffer memory, so posting them to a worker thread copies nothing.
 */
export function storeFrames(run: RunData, config: StoreTrackingConfig = STORE_TRACKING, shared = false): StoreFrames {
  const halfTick = run.header.dtS / 2;
  const gtIndex = new Map<number, number>();
  const trIndex = new Map<number, number>();
  const shopperOf: number[] = [];
  const trackIdOf: number[] = [];
  const frames: TrackingFrame[] = [];
  const gtXy: Float64Array[] = [];
  const used: (TrackFrame | null)[] = [];
  const times = new Float64Array(run.truth.length);
  const slab = new Slab(shared);
  let k = -1;
  run.truth.forEach((tf, f) => {
    times[f] = tf.t;
    while (k + 1 < run.tracks.length && run.tracks[k + 1]!.t <= tf.t + halfTick) k++;
    const trf = k >= 0 && tf.t - run.tracks[k]!.t <= config.maxStalenessS ? run.tracks[k]! : null;
    // Typed arrays sized up front: one frame per truth sample, tens of thousands in an hour.
    let ng = 0;
    for (let i = 0; i < tf.ids.length; i++) if (!config.truthInsideOnly || tf.inside[i] !== 0) ng++;
    const gtIds = new Int32Array(ng);
    const gxy = new Float64Array(2 * ng);
    for (let i = 0, k = 0; i < tf.ids.length; i++) {
      if (config.truthInsideOnly && tf.inside[i] === 0) continue;
      const id = tf.ids[i]!;
      let g = gtIndex.get(id);
      if (g === undefined) {
        g = shopperOf.length;
        gtIndex.set(id, g);
        shopperOf.push(id);
      }
      gtIds[k] = g;
      gxy[2 * k] = tf.xy[2 * i]!;
      gxy[2 * k + 1] = tf.xy[2 * i + 1]!;
      k++;
    }
    const trackerIds = new Int32Array(trf === null ? 0 : trf.ids.length);
    if (trf !== null) {
      for (let j = 0; j < trf.ids.length; j++) {
        const id = trf.ids[j]!;
        let tr = trIndex.get(id);
        if (tr === undefined) {
          tr = trackIdOf.length;
          trIndex.set(id, tr);
          trackIdOf.push(id);
        }
        trackerIds[j] = tr;
      }
    }
    const sim = floorSimilarity(gxy, trf?.xy ?? NO_POINTS, slab.take(ng * trackerIds.length), config.zeroDistanceM);
    frames.push({ gtIds, trackerIds, similarity: sim });
    gtXy.push(gxy);
    used.push(trf);
  });
  return {
    sequence: { numGtIds: shopperOf.length, numTrackerIds: trackIdOf.length, frames },
    times,
    shopperOf: Int32Array.from(shopperOf),
    trackIdOf: Int32Array.from(trackIdOf),
    gtXy,
    trackFrame: used,
    engineReportedTracks: run.tracks.length > 0,
  };
}

const NO_POINTS = new Float64Array(0);
/** Float64 slab size: the frames' similarity matrices are views into a few of these, not one buffer each. */
const SLAB_LENGTH = 1 << 20;

/** Hands out zeroed Float64Array views from large shared buffers: tens of thousands of small buffers would keep the garbage collector busy. */
class Slab {
  private buf: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private used = 0;

  constructor(private readonly shared: boolean) {}

  private alloc(n: number): Float64Array<ArrayBufferLike> {
    return this.shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
  }

  take(n: number): Float64Array<ArrayBufferLike> {
    if (n > SLAB_LENGTH) return this.alloc(n);
    if (this.used + n > this.buf.length) {
      this.buf = this.alloc(SLAB_LENGTH);
      this.used = 0;
    }
    const view = this.buf.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }
}
/** matchAtThreshold's cost matrix, grown on demand and reused across frames. */
let costScratch = new Float64Array(0);

/**
 * One-to-one match maximising similarity among pairs at or above the CLEAR threshold (within 1 m
 * at 2 m zero distance), written to out[at .. at + ng) (gt -> tracker index, -1 if none).
 */
function matchAtThreshold(sim: Float64Array, ng: number, nt: number, out: Int32Array, at: number): void {
  out.fill(-1, at, at + ng);
  if (ng === 0 || nt === 0) return;
  if (costScratch.length < ng * nt) costScratch = new Float64Array(2 * ng * nt);
  const cost = costScratch.length === ng * nt ? costScratch : costScratch.subarray(0, ng * nt);
  for (let i = 0; i < cost.length; i++) cost[i] = sim[i]! >= MATCH_THRESHOLD ? -sim[i]! : 0;
  const { rows, cols, count } = assignCandidates(cost, ng, nt);
  for (let k = 0; k < count; k++) if (sim[rows[k]! * nt + cols[k]!]! >= MATCH_THRESHOLD) out[at + rows[k]!] = cols[k]!;
}
