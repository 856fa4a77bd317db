import { SyncWorker } from '../SyncWorker.ts';
import type { ClearResult } from './clear.ts';
import type { IdentityResult } from './identity.ts';
import type { TrackingSequence } from './TrackingSequence.ts';

/**
 * CLEAR, Identity and the store's floor match of one sequence on a worker thread, while the
 * calling thread does HOTA (profiled on the 1 h bench: CLEAR ~1.7 s + Identity ~0.4 s + floor
 * match ~0.9 s there, against HOTA ~3 s here; the other metrics need the floor match and follow).
 * The worker runs the very same kernels (clearSequence, identitySequence, floorMatchPacked) on the very same frames,
 * so the results are bit-identical to computing them in the calling thread; a frame's similarity
 * is best put in SharedArrayBuffer memory (storeFrames' `shared`) so posting it copies nothing.
 */

/** When scoring hands CLEAR, Identity and the floor match to a worker. */
export interface TrackingWorkerConfig {
  /** Frames from which a worker pays off: starting one (tsx, the kernels) costs ~0.3 s, a 10 Hz hour has 36,000 frames. */
  readonly minFrames: number;
}

/** Defaults of TrackingWorkerConfig. */
export const TRACKING_WORKER: TrackingWorkerConfig = { minFrames: 3000 };

/** What the worker answers. */
export interface TrackingWorkerResult {
  readonly clear: ClearResult;
  readonly identity: IdentityResult;
  /** The store's floor match, packed (storeTracking's floorMatchPacked). */
  readonly floorMatch: Int32Array;
}

const ENTRY_URL = new URL('./trackingWorkerMain.ts', import.meta.url);

/** A started worker thread that computes CLEAR, Identity and the floor match of one sequence, once. */
export class TrackingWorker {
  private constructor(private readonly worker: SyncWorker<TrackingSequence, TrackingWorkerResult>) {}

  /** Starts a worker (it boots while the caller prepares the frames). */
  static start(): TrackingWorker {
    return new TrackingWorker(new SyncWorker(ENTRY_URL, 'tracking'));
  }

  /** Hands the sequence over; the worker starts on it as soon as it has booted. Once per worker. */
  post(seq: TrackingSequence): void {
    this.worker.post({ numGtIds: seq.numGtIds, numTrackerIds: seq.numTrackerIds, frames: seq.frames });
  }

  /** Blocks until the worker has answered, ends it, and returns its results; throws its error. */
  wait(): TrackingWorkerResult {
    return this.worker.wait();
  }

  /** Ends the worker (idempotent). */
  close(): void {
    this.worker.close();
  }
}
