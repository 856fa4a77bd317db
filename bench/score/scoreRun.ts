import type { StoreDescription } from '../../engine/api.ts';
import { faceGallery } from '../../sim/describeStore.ts';
import { scenarioOfRunLog } from '../run/scenarioOfRunLog.ts';
import type { CheckoutScore } from './checkoutScore.ts';
import { scoreCheckout } from './checkoutScore.ts';
import type { RunData } from './collectRun.ts';
import type { FaceScore } from './faceScore.ts';
import { faceSearchesOf, scoreFaceSearches } from './faceScore.ts';
import type { IdentityScore } from './identityScore.ts';
import { scoreIdentity } from './identityScore.ts';
import type { LatencyScore, Timings } from './latencyScore.ts';
import { scoreLatency } from './latencyScore.ts';
import type { LayoutScore } from './layoutScore.ts';
import { scoreLayout } from './layoutScore.ts';
import type { OccupancyGrid } from './occupancy.ts';
import { occupancyGrid } from './occupancy.ts';
import type { StoreTracking } from './storeTracking.ts';
import { STORE_TRACKING, storeFrames, unpackFloorMatch, withFloorMatch } from './storeTracking.ts';
import type { ClearResult } from './tracking/clear.ts';
import { clearSequence, combineClear } from './tracking/clear.ts';
import type { TrackingMetrics } from './tracking/evaluateTracking.ts';
import { trackingMetrics } from './tracking/evaluateTracking.ts';
import { combineHota, hotaSequence } from './tracking/hota.ts';
import type { IdentityResult } from './tracking/identity.ts';
import { combineIdentity, identitySequence } from './tracking/identity.ts';
import { TRACKING_WORKER, TrackingWorker } from './tracking/TrackingWorker.ts';

/** Where the engine erred, on the floor: person-seconds per m² missed, and counts per cell of identity switches. */
export interface ErrorMaps {
  readonly missed: OccupancyGrid;
  readonly idSwitches: OccupancyGrid;
  readonly idSwitchPoints: readonly (readonly [x: number, y: number, t: number, shopper: number])[];
}

/** Every metric of a run. Engine metrics are null for a twin-only run (no engine in the header). */
export interface RunScore {
  readonly hasEngine: boolean;
  readonly tracking: (TrackingMetrics & { readonly frames: number }) | null;
  readonly identity: IdentityScore | null;
  /** Face captures vs the enrolled gallery: sensor quality, scored with or without an engine. */
  readonly face: FaceScore;
  readonly checkout: CheckoutScore | null;
  readonly latency: LatencyScore;
  readonly layout: LayoutScore;
  readonly errors: ErrorMaps | null;
}

/** How `scoreRun` may work; the results never depend on it. */
export interface ScoreOptions {
  /** The enrolled faces; by default rebuilt from the header's scenario (sim/describeStore), and only when the run holds face captures. */
  readonly gallery?: StoreDescription['gallery'];
  /**
   * May a long run hand HOTA and CLEAR to a Node worker thread (bit-identical, on two cores)? Node
   * callers say yes (the CLI, the bench); a browser tab has no worker_threads and scores in place.
   */
  readonly threads?: boolean;
}

/**
 * Scores a collected run (and its timings, if any). Pure: the same RunData gives the same RunScore,
 * with or without threads.
 */
export function scoreRun(run: RunData, timings: Timings | null, options: ScoreOptions = {}): RunScore {
  const { gallery, threads = false } = options;
  if (run.header.engine === null) {
    return { hasEngine: false, tracking: null, identity: null, face: scoreFaces(run, gallery), checkout: null, latency: scoreLatency(timings), layout: scoreLayout(run), errors: null };
  }
  // A long run hands CLEAR, Identity and the floor match (the same kernels, the same frames) to a
  // worker thread booted now, and does HOTA meanwhile, then the metrics that need the floor match:
  // bit-identical results, on two cores.
  const worker = threads && run.truth.length >= TRACKING_WORKER.minFrames ? TrackingWorker.start() : null;
  let st: StoreTracking;
  let metrics: TrackingMetrics;
  let rest: Omit<RunScore, 'hasEngine' | 'tracking'>;
  try {
    const frames = storeFrames(run, STORE_TRACKING, worker !== null);
    worker?.post(frames.sequence);
    const hota = hotaSequence(frames.sequence);
    // What needs no floor match, while the worker may still be busy.
    const face = scoreFaces(run, gallery);
    const checkout = scoreCheckout(run, run.occupancy.crowd.visits);
    const latency = scoreLatency(timings);
    const layout = scoreLayout(run);
    let clear: ClearResult;
    let identity: IdentityResult;
    if (worker !== null) {
      const got = worker.wait();
      clear = got.clear;
      identity = got.identity;
      st = withFloorMatch(frames, unpackFloorMatch(frames.sequence, got.floorMatch));
    } else {
      st = withFloorMatch(frames);
      clear = clearSequence(st.sequence);
      identity = identitySequence(st.sequence);
    }
    rest = { identity: scoreIdentity(run, st), face, checkout, latency, layout, errors: errorMaps(run, st) };
    // Combined as evaluateTracking combines one sequence.
    metrics = trackingMetrics(combineHota([hota]), combineClear([clear]), combineIdentity([identity]));
  } finally {
    worker?.close();
  }
  return { hasEngine: true, tracking: { ...metrics, frames: st.sequence.frames.length }, ...rest };
}

function scoreFaces(run: RunData, gallery: StoreDescription['gallery'] | undefined): FaceScore {
  if (run.faceCaptures.length === 0) return scoreFaceSearches([], null);
  const g = gallery ?? faceGallery(scenarioOfRunLog(run.header));
  const { searches, unmatched } = faceSearchesOf(run.header, run.events, run.faceCaptures, g);
  return scoreFaceSearches(searches, g, unmatched);
}

function errorMaps(run: RunData, st: StoreTracking): ErrorMaps {
  const outline = run.header.scenarioJson.store.outline;
  const missed = occupancyGrid(outline);
  const idSwitches = occupancyGrid(outline);
  const points: [number, number, number, number][] = [];
  const dt = run.header.truthIntervalS;
  const lastTrack = new Map<number, number>();
  const add = (grid: OccupancyGrid, x: number, y: number, v: number) => {
    const c = Math.floor((x - grid.originM[0]) / grid.cellM);
    const r = Math.floor((y - grid.originM[1]) / grid.cellM);
    if (c >= 0 && c < grid.cols && r >= 0 && r < grid.rows) grid.personSPerM2[r * grid.cols + c]! += v;
  };
  st.sequence.frames.forEach((frame, f) => {
    const xy = st.gtXy[f]!;
    const match = st.matchOfGt[f]!;
    for (let i = 0; i < match.length; i++) {
      const x = xy[2 * i]!;
      const y = xy[2 * i + 1]!;
      const tr = match[i]!;
      if (tr < 0) {
        add(missed, x, y, dt / (missed.cellM * missed.cellM));
        continue;
      }
      const shopper = st.shopperOf[frame.gtIds[i]!]!;
      const trackId = st.trackIdOf[frame.trackerIds[tr]!]!;
      const before = lastTrack.get(shopper);
      if (before !== undefined && before !== trackId) {
        add(idSwitches, x, y, 1);
        points.push([x, y, st.times[f]!, shopper]);
      }
      lastTrack.set(shopper, trackId);
    }
  });
  return { missed, idSwitches, idSwitchPoints: points };
}
