/// <reference lib="webworker" />
// Interim engine worker shell of the web app: the reference engine behind comlink in a real Web
// Worker. Replaced by engine/host's shell (shared with the CLI) once it lands.
import { expose } from 'comlink';
import type { EngineEvent, SensorFrame, StoreDescription } from '../../../engine/api.ts';
import createEngine from '../../../engine/ReferenceEngine.ts';

const engine = createEngine();

/** What the worker exposes: the Engine calls, each also reporting the engine's own time. */
const api = {
  name: 'reference',
  async init(store: StoreDescription): Promise<void> {
    await engine.init(store);
  },
  /** Ingests consecutive ticks in order; returns each tick's events and the engine's own time per tick. */
  async ingestBatch(ticks: readonly { t: number; frames: readonly SensorFrame[] }[]): Promise<{ events: (readonly EngineEvent[])[]; engineMs: number[] }> {
    const events: (readonly EngineEvent[])[] = [];
    const engineMs: number[] = [];
    for (const { t, frames } of ticks) {
      const t0 = performance.now();
      events.push(await engine.ingest(t, frames));
      engineMs.push(performance.now() - t0);
    }
    return { events, engineMs };
  },
  async finish(t: number): Promise<readonly EngineEvent[]> {
    return engine.finish(t);
  },
};

/** The worker's API, for the port's typing. */
export type EngineWorkerApi = typeof api;

expose(api);
