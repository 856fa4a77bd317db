import * as Comlink from 'comlink';
import type { CreateEngine, Engine, SensorFrame, StoreDescription } from '../api.ts';
import createReferenceEngine from '../ReferenceEngine.ts';
import type { EngineWorkerApi, WireReply } from './EngineWorkerApi.ts';
import { REFERENCE_ENGINE_NAME } from './EngineWorkerApi.ts';
import { packEvents } from './packedTracks.ts';

/**
 * The engine worker's body, the same in a browser Web Worker and in a Node worker thread: it loads
 * an engine, exposes it over comlink on `endpoint`, and times every call with `clockMs` (the
 * worker entry passes its clock in: the engine itself never reads one).
 */
export function serveEngine(endpoint: Comlink.Endpoint, clockMs: () => number): void {
  let engine: Engine | null = null;
  // The host may send the next ticks before this one is answered (pipelined lockstep): calls run
  // one after another, so an async engine still sees ingest once per tick, in order.
  let queue: Promise<unknown> = Promise.resolve();
  const timed = (what: string, call: (e: Engine) => ReturnType<Engine['ingest']>): Promise<WireReply> => {
    const run = queue.then(async () => {
      if (engine === null) throw new Error(`engine worker: ${what} before load()`);
      const t0 = clockMs();
      const events = await call(engine);
      const engineMs = clockMs() - t0;
      // Packed after the clock stops: the wire's cost is the host's, not the engine's.
      return { events: packEvents(events), engineMs };
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const api: EngineWorkerApi = {
    async load(moduleUrl) {
      if (moduleUrl === null) {
        engine = createReferenceEngine();
        return REFERENCE_ENGINE_NAME;
      }
      const mod = (await import(/* @vite-ignore */ moduleUrl)) as { default?: unknown };
      if (typeof mod.default !== 'function') throw new Error(`engine worker: ${moduleUrl} has no default export createEngine() (found ${typeof mod.default})`);
      const created = (mod.default as CreateEngine)();
      if (created === null || typeof created !== 'object' || typeof created.ingest !== 'function' || typeof created.init !== 'function' || typeof created.finish !== 'function') {
        throw new Error(`engine worker: createEngine() of ${moduleUrl} did not return an Engine (init, ingest, finish)`);
      }
      engine = created;
      return moduleUrl.replace(/^.*\//, '').replace(/\.[cm]?[jt]s$/, '');
    },
    init: (store: StoreDescription) => timed('init()', async (e) => {
      await e.init(store);
      return [];
    }),
    ingest: (t: number, frames: readonly SensorFrame[]) => timed('ingest()', (e) => e.ingest(t, frames)),
    finish: (t: number) => timed('finish()', (e) => e.finish(t)),
  };
  Comlink.expose(api, endpoint);
}
