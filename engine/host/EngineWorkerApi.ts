import type { EngineEvent, SensorFrame, StoreDescription } from '../api.ts';
import type { WireEvent } from './packedTracks.ts';

/** What the engine worker answers to each call: the engine's events and its own processing time. */
export interface EngineReply {
  readonly events: readonly EngineEvent[];
  /** Milliseconds the engine spent in the call, measured inside the worker. */
  readonly engineMs: number;
}

/** An EngineReply as it crosses the worker boundary: `tracks` events packed (EngineClient unpacks them). */
export interface WireReply {
  readonly events: readonly WireEvent[];
  readonly engineMs: number;
}

/** The engine worker's interface, as comlink exposes it (every call is async across the thread boundary). */
export interface EngineWorkerApi {
  /** Loads the engine: `null` for the reference engine, else a module URL whose default export is `createEngine`. Returns its name. */
  load(moduleUrl: string | null): Promise<string>;
  init(store: StoreDescription): Promise<WireReply>;
  ingest(t: number, frames: readonly SensorFrame[]): Promise<WireReply>;
  finish(t: number): Promise<WireReply>;
}

/** The reference engine's name in RunLogs. */
export const REFERENCE_ENGINE_NAME = 'storetwin-reference';
