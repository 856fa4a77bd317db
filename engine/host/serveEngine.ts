import * as Comlink from 'comlink';
import type { CreateEngine, Engine, SensorFrame, StoreDescription } from '../api.ts';
import createReferenceEngine from '../ReferenceEngine.ts';
import type { EngineWorkerApi, WireReply } from './EngineWorkerApi.ts';
import { REFERENCE_ENGINE_NAME } from './EngineWorkerApi.ts';
import { packEvents } from './packedTracks.ts';

/** Loads an engine module by URL (the worker entry's way: a dynamic import, or tsx's in Node). */
export type ImportModule = (moduleUrl: string) => Promise<unknown>;

/**
 * The engine worker's body, the same in a browser Web Worker and in a Node worker thread: it loads
 * an engine, exposes it over comlink on `endpoint`, and times every call with `clockMs` (the
 * worker entry passes its clock in: the engine itself never reads one).
 */
export function serveEngine(endpoint: Comlink.Endpoint, clockMs: () => number, importModule: ImportModule = (url) => import(/* @vite-ignore */ url)): void {
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
      if (!Array.isArray(events)) {
        throw new Error(`engine worker: ${what} returned ${events === null ? 'null' : typeof events}, not an array of engine events (engine/api.ts EngineEvent[]; [] when there is nothing to say)`);
      }
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
      const create = createEngineOf(await importModule(moduleUrl));
      if (typeof create !== 'function') throw new Error(`engine worker: ${moduleUrl} has no default export createEngine() (found ${typeof create})`);
      const created = (create as CreateEngine)();
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

/**
 * The default export of an engine module: `default` of the namespace, or, for a module compiled as
 * CommonJS (TypeScript's `export default` in a package without "type": "module"), `default` of its
 * `module.exports`.
 */
export function createEngineOf(mod: unknown): unknown {
  const d = (mod as { default?: unknown } | null)?.default;
  if (typeof d === 'function') return d;
  const inner = (d as { default?: unknown } | null | undefined)?.default;
  return typeof inner === 'function' ? inner : d;
}
