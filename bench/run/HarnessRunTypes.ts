import type { EngineEvent, SensorFrame } from '../../engine/api.ts';
import type { EngineReply } from '../../engine/host/EngineWorkerApi.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import type { ShopperPose, TruthEvent } from '../../sim/truth/Truth.ts';
import type { TimingFooter, TimingLine } from './RunLog.ts';
import type { RunLogFooterInput, RunLogHeaderInput } from './RunLogWriter.ts';
import { roundTime } from './RunLogWriter.ts';

/** Where RunLog lines go: a file (RunLogWriter) in Node, memory in a browser. */
export interface RunLogSink {
  header(input: RunLogHeaderInput): void;
  event(e: TruthEvent): void;
  /** In pipelined lockstep a camera frame arrives here after its buffers moved to the engine: read its header and count, not its arrays. */
  sensor(f: SensorFrame): void;
  engine(e: EngineEvent): void;
  truth(tS: number, poses: readonly ShopperPose[]): void;
  footer(input: RunLogFooterInput): void;
  abort(tS: number, ticks: number, error: string): void;
}

/** Where wall-clock timings go (`timings.jsonl` in Node). */
export interface TimingSink {
  timing(line: TimingLine): void;
  footer(line: TimingFooter): void;
}

/**
 * A live view of the run beside the RunLog (the browser tab's 3D view and panels). Optional: the
 * CLI has none. Nothing here flows back into the twin or the engine.
 */
export interface HarnessObserver {
  /** A tick's frames right after sampling, before the engine gets them (camera buffers are still readable here); may run ahead of the written lines. */
  sampled?(tick: number, tS: number, frames: readonly SensorFrame[]): void;
  /** A tick's lines have all gone to the sink (truth events, frames, engine events, truth sample); `poses` are that tick's. */
  ticked?(tick: number, tS: number, poses: readonly ShopperPose[]): void;
}

/** The engine as the harness drives it: an EngineClient (worker) or anything with the same calls. */
export interface EnginePort {
  readonly name: string;
  /** `call` names the tick in errors. */
  ingest(t: number, frames: readonly SensorFrame[], call: string): Promise<EngineReply>;
  finish(t: number): Promise<EngineReply>;
  close(): void;
}

/** How the harness feeds the engine. */
export type HarnessMode =
  /**
   * The engine sees every tick, in order, and the RunLog is byte-stable. Pipelined: the twin steps
   * ahead while the engine works, up to `inFlight` ticks (default LOCKSTEP_IN_FLIGHT); each tick's
   * lines are written once the engine has answered it, in the same order as with `inFlight: 1`.
   */
  | { readonly kind: 'lockstep'; readonly inFlight?: number }
  /** Ticks are released at wall rate x speed; frames wait in a bounded queue; a slow engine drops frames. */
  | { readonly kind: 'realtime'; readonly speed: number; readonly queueFrames: number };

/** Ticks the twin may run ahead of the engine in lockstep: enough to hide a worker round trip and an engine spike. */
export const LOCKSTEP_IN_FLIGHT = 8;

/** Everything a run needs (HarnessRun, runHarness); no I/O of its own. */
export interface HarnessRunOptions {
  readonly scenario: Scenario;
  /** Arrivals window instead of the scenario's. */
  readonly durationS?: number;
  /** The engine, started and initialised already; null for a twin-only run. */
  readonly engine: EnginePort | null;
  readonly mode: HarnessMode;
  readonly sink: RunLogSink;
  readonly timings?: TimingSink;
  /** Wall clock, milliseconds (timings only; never written to the RunLog). */
  readonly clockMs: () => number;
  /** Waits this many wall milliseconds (realtime mode). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called about once per simulated second and at the end. */
  readonly onProgress?: (tS: number, endS: number) => void;
  /** A live view beside the RunLog (the browser tab); none in the CLI. */
  readonly observer?: HarnessObserver;
}

/** Engine statistics of a run. */
export interface EngineRunStats {
  readonly name: string;
  readonly ingests: number;
  readonly deliveredFrames: number;
  readonly droppedFrames: number;
  readonly events: number;
  /** Engine ms per ingest (measured in the worker): median, 99th percentile, max. */
  readonly engineMsP50: number;
  readonly engineMsP99: number;
  readonly engineMsMax: number;
  /** Realtime: frame emission to engine answer, ms; null in lockstep. */
  readonly latencyMsP50: number | null;
  readonly latencyMsP99: number | null;
}

/** What a finished run reports. */
export interface HarnessSummary {
  readonly simS: number;
  readonly endS: number;
  readonly ticks: number;
  readonly emptied: boolean;
  readonly inStore: number;
  readonly wallS: number;
  readonly realTimeFactor: number;
  readonly engine: EngineRunStats | null;
}

/** The run failed midway; the sink has an abort line. `phase` names what failed (`World.step`, `engine`...). */
export class HarnessCrash extends Error {
  readonly phase: string;
  readonly tS: number;
  readonly tick: number;

  constructor(phase: string, tS: number, tick: number, cause: unknown) {
    super(`bench: the run crashed in ${phase} at t = ${roundTime(tS)} s (tick ${tick}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'HarnessCrash';
    this.phase = phase;
    this.tS = tS;
    this.tick = tick;
  }
}

/**
 * The run's owner stopped it (Ctrl-C, SIGTERM): the sink has an abort line at the last delivered tick
 * (`tS`, `tick`); `reason` is what stopped it (the signal's name).
 */
export class RunInterrupted extends Error {
  readonly reason: string;
  readonly tS: number;
  readonly tick: number;

  constructor(reason: string, tS: number, tick: number) {
    super(`bench: the run was interrupted (${reason}) at t = ${roundTime(tS)} s (tick ${tick})`);
    this.name = 'RunInterrupted';
    this.reason = reason;
    this.tS = tS;
    this.tick = tick;
  }
}

/** The q-quantile (nearest rank) of a list of numbers; 0 for an empty list. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const s = Float64Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}
