import type { EngineEvent, SensorFrame, StoreDescription } from '../../../engine/api.ts';

/** An engine as the app drives it: the engine/api.ts Engine, always async (it lives in a Web Worker). */
export interface EnginePort {
  /** Shown in the UI and the report. */
  readonly name: string;
  /** Where it runs, for the UI and the tests: the worker's script URL. */
  readonly where: string;
  /** The engine's own time per ingest, measured inside the worker, milliseconds, in tick order. */
  readonly engineMs: readonly number[];
  init(store: StoreDescription): Promise<void>;
  /** `Engine.ingest` for consecutive ticks in order, in one message: the events of each tick. */
  ingestBatch(ticks: readonly { readonly t: number; readonly frames: readonly SensorFrame[] }[]): Promise<readonly (readonly EngineEvent[])[]>;
  finish(t: number): Promise<readonly EngineEvent[]>;
  /** Ends the worker. */
  dispose(): void;
}

/** Makes a fresh engine for a run (seeking restarts the run, engine included). */
export type EngineFactory = () => EnginePort;
