import * as Comlink from 'comlink';
import type { SensorFrame, StoreDescription } from '../api.ts';
import type { EngineReply, EngineWorkerApi, WireReply } from './EngineWorkerApi.ts';
import { unpackEvents } from './packedTracks.ts';

/** How an engine failed a call. */
export type EngineFailureKind = 'threw' | 'crashed' | 'timeout';

/** The engine under test failed: it threw, its worker died, or it did not answer in time. */
export class EngineFailure extends Error {
  readonly kind: EngineFailureKind;
  readonly engine: string;
  /** What was called: `init`, `ingest at tick 412 (t = 41.2 s)`, `finish`. */
  readonly call: string;

  constructor(kind: EngineFailureKind, engine: string, call: string, detail: string) {
    const what = kind === 'threw' ? 'threw' : kind === 'crashed' ? 'crashed (its worker exited)' : 'did not answer';
    super(`engine ${engine} ${what} in ${call}: ${detail}`);
    this.name = 'EngineFailure';
    this.kind = kind;
    this.engine = engine;
    this.call = call;
  }
}

/** A worker as the client needs it, whether a browser Worker or a Node worker thread. */
export interface WorkerHandle {
  readonly endpoint: Comlink.Endpoint;
  /** Registers the callback called once if the worker dies (uncaught error, exit). */
  onCrash(cb: (detail: string) => void): void;
  terminate(): void;
}

/** Limits of an engine client. */
export interface EngineClientOptions {
  /** Most milliseconds an ingest or finish may take before the engine counts as hung. */
  readonly timeoutMs: number;
  /** Most milliseconds loading and init may take (module loading is slower). */
  readonly initTimeoutMs: number;
}

/** Defaults: an engine 10 s late on one tick is hung; loading gets 60 s (a cold TypeScript load on a slow machine). */
export const ENGINE_CLIENT_DEFAULTS: EngineClientOptions = { timeoutMs: 10_000, initTimeoutMs: 60_000 };

/**
 * The host's side of an engine in a worker: every call races the engine's answer against the
 * worker dying and a timeout, and any failure becomes an EngineFailure naming engine and call, after
 * which the worker is terminated. Camera buffers are transferred, not copied.
 */
export class EngineClient {
  private readonly remote: Comlink.Remote<EngineWorkerApi>;
  private crashed: string | null = null;
  private readonly crashWaiters = new Set<(detail: string) => void>();
  private closed = false;
  name: string;

  constructor(private readonly worker: WorkerHandle, label: string, private readonly options: EngineClientOptions = ENGINE_CLIENT_DEFAULTS) {
    this.name = label;
    this.remote = Comlink.wrap<EngineWorkerApi>(worker.endpoint);
    worker.onCrash((detail) => {
      if (this.crashed !== null) return;
      this.crashed = detail;
      for (const w of this.crashWaiters) w(detail);
    });
  }

  /** Loads the engine module (null: the reference engine) and initialises it with the store. */
  async start(moduleUrl: string | null, store: StoreDescription): Promise<EngineReply> {
    this.name = await this.call('load', this.options.initTimeoutMs, () => this.remote.load(moduleUrl));
    return this.call('init', this.options.initTimeoutMs, async () => unpackReply(await this.remote.init(store)));
  }

  /** One tick's frames; `call` names it in errors. */
  ingest(t: number, frames: readonly SensorFrame[], call: string): Promise<EngineReply> {
    const transfer = transferables(frames);
    return this.call(call, this.options.timeoutMs, async () => unpackReply(await this.remote.ingest(t, transfer.length > 0 ? Comlink.transfer(frames, transfer) : frames)));
  }

  finish(t: number): Promise<EngineReply> {
    return this.call('finish', this.options.timeoutMs, async () => unpackReply(await this.remote.finish(t)));
  }

  /** Ends the worker (safe to call twice). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.remote[Comlink.releaseProxy]();
    this.worker.terminate();
  }

  private call<T>(what: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EngineFailure('crashed', this.name, what, 'the engine worker was already closed'));
    if (this.crashed !== null) return Promise.reject(new EngineFailure('crashed', this.name, what, this.crashed));
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (err: EngineFailure | null, value?: T) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.crashWaiters.delete(onCrash);
        if (err) {
          this.close();
          reject(err);
        } else {
          resolve(value as T);
        }
      };
      const onCrash = (detail: string) => finish(new EngineFailure('crashed', this.name, what, detail));
      this.crashWaiters.add(onCrash);
      const timer = setTimeout(() => finish(new EngineFailure('timeout', this.name, what, `no answer within ${timeoutMs} ms`)), timeoutMs);
      run().then((v) => finish(null, v), (e: unknown) => finish(new EngineFailure('threw', this.name, what, e instanceof Error ? e.message : String(e))));
    });
  }
}

/** The reply with its `tracks` events back in their API form. */
function unpackReply(r: WireReply): EngineReply {
  return { events: unpackEvents(r.events), engineMs: r.engineMs };
}

/** The distinct buffers of a tick's camera frames, to move rather than copy. */
function transferables(frames: readonly SensorFrame[]): ArrayBuffer[] {
  let set: Set<ArrayBuffer> | null = null;
  for (const f of frames) {
    if (f.kind === 'camera-detections') {
      set ??= new Set();
      for (const a of [f.boxes, f.keypoints, f.appearance]) if (a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) set.add(a.buffer);
    } else if (f.kind === 'camera-image') {
      set ??= new Set();
      if (f.rgba.buffer instanceof ArrayBuffer) set.add(f.rgba.buffer);
    }
  }
  return set === null ? [] : [...set];
}
