import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { ClearResult } from './clear.ts';
import type { HotaArrays } from './hota.ts';
import type { TrackingSequence } from './TrackingSequence.ts';

/**
 * HOTA and CLEAR of one sequence on a worker thread, while the calling thread does other work;
 * the answer is awaited synchronously (Atomics.wait), so scoring keeps its synchronous API. The
 * worker runs the very same kernels (hotaSequence, clearSequence) on the very same frames, so
 * the results are bit-identical to computing them in the calling thread; a frame's similarity
 * is best put in SharedArrayBuffer memory (storeFrames' `shared`) so posting it copies nothing.
 */

/** When scoring hands HOTA and CLEAR to a worker. */
export interface TrackingWorkerConfig {
  /** Frames from which a worker pays off: starting one (tsx, the kernels) costs ~0.3 s, a 10 Hz hour has 36,000 frames. */
  readonly minFrames: number;
  /** Longest wait for the worker's answer before giving up: far above an hour's run (~3 s), so only a wedged worker trips it. */
  readonly timeoutMs: number;
}

/** Defaults of TrackingWorkerConfig. */
export const TRACKING_WORKER: TrackingWorkerConfig = { minFrames: 3000, timeoutMs: 600_000 };

/** What the worker answers. */
export interface TrackingWorkerResult {
  readonly hota: HotaArrays;
  readonly clear: ClearResult;
}

/** The worker's reply on its port: the results, or the error it hit (boot included). */
export type TrackingWorkerReply = TrackingWorkerResult | { readonly error: string };

const ENTRY_URL = new URL('./trackingWorkerMain.ts', import.meta.url);

/** The ESM entry of `tsx/esm/api`, read from tsx's package exports (require.resolve would pick the CommonJS one). */
function tsxApiUrl(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgFile), pkg.exports['./esm/api']!.import.default)).href;
}

/** A started worker thread that computes HOTA and CLEAR of one sequence, once. */
export class TrackingWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** done[0] turns 1 when the reply is on the port. */
  private readonly done: Int32Array;
  private readonly timeoutMs: number;
  private posted = false;

  private constructor(config: TrackingWorkerConfig) {
    this.timeoutMs = config.timeoutMs;
    this.done = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    this.port = port1 as unknown as MessagePort;
    // Node refuses a .ts file as a worker's main script and does not pass --import to workers:
    // the script registers tsx, then imports the entry. A failed boot answers too, so no wait hangs.
    const boot = `
      const { workerData } = require('node:worker_threads');
      import(${JSON.stringify(tsxApiUrl())})
        .then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY_URL.href)}); })
        .catch((err) => {
          workerData.port.postMessage({ error: 'bench: tracking worker did not start: ' + (err && err.stack || err) });
          Atomics.store(workerData.done, 0, 1);
          Atomics.notify(workerData.done, 0);
        });`;
    this.worker = new Worker(boot, { eval: true, name: 'storetwin-tracking', workerData: { port: port2, done: this.done }, transferList: [port2] });
    // Scoring never waits on the event loop for it; the process may end while it is idle.
    this.worker.unref();
  }

  /** Starts a worker (it boots while the caller prepares the frames). */
  static start(config: TrackingWorkerConfig = TRACKING_WORKER): TrackingWorker {
    return new TrackingWorker(config);
  }

  /** Hands the sequence over; the worker starts on it as soon as it has booted. Once per worker. */
  post(seq: TrackingSequence): void {
    if (this.posted) throw new Error('bench: TrackingWorker.post: one sequence per worker');
    this.posted = true;
    this.worker.postMessage({ numGtIds: seq.numGtIds, numTrackerIds: seq.numTrackerIds, frames: seq.frames });
  }

  /** Blocks until the worker has answered, ends it, and returns its results; throws its error. */
  wait(): TrackingWorkerResult {
    if (!this.posted) throw new Error('bench: TrackingWorker.wait: nothing posted');
    try {
      if (Atomics.wait(this.done, 0, 0, this.timeoutMs) === 'timed-out') {
        throw new Error(`bench: the tracking worker did not answer within ${this.timeoutMs / 1000} s`);
      }
      const got = receiveMessageOnPort(this.port as never) as { message: TrackingWorkerReply } | undefined;
      if (got === undefined) throw new Error('bench: the tracking worker signalled but sent nothing');
      if ('error' in got.message) throw new Error(got.message.error);
      return got.message;
    } finally {
      this.close();
    }
  }

  /** Ends the worker (idempotent). */
  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
