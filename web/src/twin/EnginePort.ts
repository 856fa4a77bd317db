import type { StoreDescription } from '../../../engine/api.ts';
import type { EnginePort as HarnessEnginePort } from '../../../bench/run/Harness.ts';

/** An engine as the app drives it: the harness core's engine port (always async: it lives in a Web Worker), started by the app. */
export interface EnginePort extends HarnessEnginePort {
  /** Where it runs, for the UI and the tests: the worker's script URL. */
  readonly where: string;
  /** Starts the engine with the store; the name is the engine's own after this. */
  init(store: StoreDescription): Promise<void>;
}

/** Makes a fresh engine for a run (seeking restarts the run, engine included). */
export type EngineFactory = () => EnginePort;
