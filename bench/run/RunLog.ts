import type { EngineEvent, SensorFrame } from '../../engine/api.ts';
import type { Scenario, Sku } from '../../sim/scenario/Scenario.ts';
import type { FaultEffect } from '../../sim/sensors/faults/FaultPlan.ts';
import type { ShopperActivity, TruthEvent } from '../../sim/truth/Truth.ts';

/**
 * The RunLog: one run of the twin as versioned JSON lines. Line 1 is the header; then, tick by
 * tick, the truth events, the sensor frames and the truth samples of that tick; last the footer
 * (or, when the run crashed, an abort line). Every line is an object whose first key is `type`.
 * With an engine, its events follow the sensor frames of the tick they answer (`type: "engine"`).
 *
 * In lockstep mode the RunLog is a pure function of scenario, seed, duration and engine: byte for
 * byte the same on every run. Wall-clock measurements (engine time, latency, drops) therefore live
 * beside it in `timings.jsonl` (TimingLine rows, then one TimingFooter).
 * Camera frames are not written by default (they are large and reproducible from scenario and seed).
 */

/** Version of the line format below; a reader refuses any other. */
export const RUNLOG_VERSION = 2;

/** The columns of a compact truth row, in order. Positions in metres (1 mm), heading in radians (1e-3). */
export const TRUTH_COLUMNS = ['id', 'x', 'y', 'headingRad', 'activity', 'lx', 'ly', 'lz', 'rx', 'ry', 'rz'] as const;

/** One shopper in one truth sample: `[id, x, y, headingRad, activity, lx, ly, lz, rx, ry, rz]` (l/r = hands). */
export type TruthRow = readonly [
  id: number, x: number, y: number, headingRad: number, activity: ShopperActivity,
  lx: number, ly: number, lz: number, rx: number, ry: number, rz: number,
];

/** The scenario as the run used it, minus the loaded catalog and any file path. */
export type ScenarioJson = Omit<Scenario, 'catalog' | 'catalogPath'>;

/** The catalog as written into the header (the SKUs, without the lookup map). */
export interface CatalogJson {
  readonly currency: string;
  readonly skus: readonly Sku[];
}

/** First line: what was run, with everything needed to rebuild the store offline. */
export interface RunLogHeader {
  readonly type: 'header';
  readonly version: typeof RUNLOG_VERSION;
  readonly tool: 'storetwin';
  readonly toolVersion: string;
  readonly scenario: string;
  readonly seed: number;
  readonly dtS: number;
  /** The scenario's truth rate. */
  readonly truthHz: number;
  /** The interval truth is actually sampled at: a whole number of ticks, >= dtS. */
  readonly truthIntervalS: number;
  /** Arrivals window the run used (the scenario's, or the --duration override). */
  readonly durationS: number;
  /** Latest end time: durationS + drainS. */
  readonly endS: number;
  readonly columns: typeof TRUTH_COLUMNS;
  readonly scenarioJson: ScenarioJson;
  readonly catalog: CatalogJson;
  /** The engine under test and how it was driven; null for a twin-only run. */
  readonly engine: { readonly name: string; readonly mode: 'lockstep' | 'realtime'; readonly speed: number } | null;
  /** What the cameras fed the engine: `detections` or `pixels`. */
  readonly fidelity: 'detections' | 'pixels';
}

/** A truth event, flattened into the line: `{"type":"event","kind":...,"t":...}`. */
export type RunLogEventLine = { readonly type: 'event' } & TruthEvent;

/** A sensor frame, flattened into the line: `{"type":"sensor","sensorId":...}`. */
export type RunLogSensorLine = { readonly type: 'sensor' } & SensorFrame;

/** An engine event, flattened into the line: `{"type":"engine","kind":...,"t":...}`. */
export type RunLogEngineLine = { readonly type: 'engine' } & EngineEvent;

/** Every shopper present at time t, as compact rows sorted by id. */
export interface RunLogTruthLine {
  readonly type: 'truth';
  readonly t: number;
  readonly rows: readonly TruthRow[];
}

/** Line counts by kind, as the footer records them. */
export interface RunLogCounts {
  readonly events: number;
  readonly sensorFrames: number;
  readonly truthSamples: number;
  /** Truth events by kind, keys sorted. */
  readonly eventsByKind: Readonly<Record<string, number>>;
  /** Sensor frames by kind, keys sorted. */
  readonly framesByKind: Readonly<Record<string, number>>;
}

/** Last line of a complete run. */
export interface RunLogFooter {
  readonly type: 'footer';
  /** Simulated time at the end, seconds. */
  readonly t: number;
  readonly ticks: number;
  /** Whether every shopper had left by the end (false: the run was cut at endS with shoppers present). */
  readonly emptied: boolean;
  /** Shoppers still inside at the end. */
  readonly inStore: number;
  readonly counts: RunLogCounts;
  /** Units on the shelves at the end, by SKU, keys sorted. */
  readonly stock: Readonly<Record<string, number>>;
  /** The scenario's sensor faults, in scenario order, with what each did (frames dropped, readings affected...); always written, absent only in logs from before faults. */
  readonly faults?: readonly FaultEffect[];
}

/** Last line of a run that crashed: what failed, and when. */
export interface RunLogAbort {
  readonly type: 'abort';
  readonly t: number;
  readonly ticks: number;
  readonly error: string;
}

/** Any line of a RunLog. */
export type RunLogLine = RunLogHeader | RunLogEventLine | RunLogSensorLine | RunLogEngineLine | RunLogTruthLine | RunLogFooter | RunLogAbort;

/** A whole RunLog read into memory. */
export interface RunLog {
  readonly header: RunLogHeader;
  readonly events: readonly TruthEvent[];
  readonly sensors: readonly SensorFrame[];
  readonly truth: readonly RunLogTruthLine[];
  /** The engine's events in order (empty for a twin-only run). */
  readonly engine: readonly EngineEvent[];
  /** Null when the run did not finish (see `abort`, or the file was cut short). */
  readonly footer: RunLogFooter | null;
  readonly abort: RunLogAbort | null;
}

/** One row of `timings.jsonl`: one ingest, wall-clock measured by the harness and the worker shell. */
export interface TimingLine {
  readonly type: 'timing';
  readonly tick: number;
  /** Simulated time of the tick, seconds. */
  readonly t: number;
  /** Frames delivered in this ingest. */
  readonly frames: number;
  /** The engine's own processing time, measured inside the worker around `ingest`. */
  readonly engineMs: number;
  /** From posting the frames to receiving the events, as the harness saw it. */
  readonly roundTripMs: number;
  /** Realtime mode: from the oldest delivered frame's emission (wall) to the engine's answer; null in lockstep. */
  readonly latencyMs: number | null;
}

/** Last row of `timings.jsonl`. */
export interface TimingFooter {
  readonly type: 'timing-footer';
  readonly mode: 'lockstep' | 'realtime';
  readonly ingests: number;
  readonly deliveredFrames: number;
  /** Realtime mode: frames the bounded queue dropped because the engine was behind (0 in lockstep). */
  readonly droppedFrames: number;
  readonly wallS: number;
  readonly realTimeFactor: number;
}
