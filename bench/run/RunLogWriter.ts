import { closeSync, openSync, writeSync } from 'node:fs';
import type { EngineEvent, SensorFrame } from '../../engine/api.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import type { FaultEffect } from '../../sim/sensors/faults/FaultPlan.ts';
import type { ShopperPose, TruthEvent } from '../../sim/truth/Truth.ts';
import { TOOL, TOOL_VERSION } from '../version.ts';
import type { RunLogCounts, RunLogHeader, ScenarioJson } from './RunLog.ts';
import { RUNLOG_VERSION, TRUTH_COLUMNS } from './RunLog.ts';
import { RunLogBook, roundTime } from './RunLogBook.ts';

export { roundTime } from './RunLogBook.ts';

/** Bytes buffered before a write to the file: large enough that writes are rare, small enough to lose little on a kill. */
const FLUSH_CHARS = 1 << 16;

/** What a header needs besides the scenario itself. */
export interface RunLogHeaderInput {
  readonly scenario: Scenario;
  readonly truthIntervalS: number;
  readonly durationS: number;
  readonly endS: number;
  /** The engine under test, if any. */
  readonly engine?: RunLogHeader['engine'];
}

/** What the footer records about the end of a run. */
export interface RunLogFooterInput {
  readonly t: number;
  readonly ticks: number;
  readonly emptied: boolean;
  readonly inStore: number;
  readonly stock: ReadonlyMap<string, number>;
  /** The scenario's faults and what each did (Sensors.faultReport()). */
  readonly faults?: readonly FaultEffect[];
}

/** Rounds to 1e-3 (1 mm, 1 mrad): enough for truth, and it keeps files small and byte-stable. */
export function round3(v: number): number {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? 0 : r; // no "-0"
}

/** The header line for a scenario: the scenario without its catalog object or file path, then the catalog. */
export function runLogHeader(input: RunLogHeaderInput): RunLogHeader {
  const { catalog, catalogPath: _path, ...scenarioJson } = input.scenario;
  return {
    type: 'header',
    version: RUNLOG_VERSION,
    tool: TOOL,
    toolVersion: TOOL_VERSION,
    scenario: input.scenario.name,
    seed: input.scenario.seed,
    dtS: input.scenario.dtS,
    truthHz: input.scenario.truthHz,
    truthIntervalS: input.truthIntervalS,
    durationS: input.durationS,
    endS: input.endS,
    columns: TRUTH_COLUMNS,
    scenarioJson: scenarioJson as ScenarioJson,
    catalog: { currency: catalog.currency, skus: catalog.skus },
    engine: input.engine ?? null,
    fidelity: 'detections',
  };
}

/** The RunLog file could not be written (disk full, file gone...). */
export class RunLogWriteError extends Error {
  constructor(file: string, cause: unknown) {
    super(`bench: writing ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RunLogWriteError';
  }
}

/**
 * Writes a RunLog as JSON lines, buffered, with synchronous writes so that `close()` (or a crash
 * path calling `abort()` then `close()`) leaves every line written so far on disk. The output is a
 * pure function of what is written: no clock, no host, key order fixed by construction.
 */
export class RunLogWriter {
  readonly file: string;
  private fd: number;
  private buf = '';
  private readonly book = new RunLogBook('bench: RunLogWriter');

  /** Creates (or truncates) the file. */
  constructor(file: string) {
    this.file = file;
    this.fd = openSync(file, 'w');
  }

  /** Writes the header; must come first, once. */
  header(input: RunLogHeaderInput): void {
    this.book.header();
    this.push(JSON.stringify(runLogHeader(input)));
  }

  /** Writes one truth event. */
  event(e: TruthEvent): void {
    this.book.event(e.kind);
    this.push('{"type":"event",' + JSON.stringify(e).slice(1));
  }

  /** Writes one sensor frame (camera frames are counted only). */
  sensor(f: SensorFrame): void {
    if (this.book.sensor(f)) this.push('{"type":"sensor",' + JSON.stringify(f).slice(1));
  }

  /** Writes one engine event. */
  engine(e: EngineEvent): void {
    this.book.engine();
    this.push('{"type":"engine",' + JSON.stringify(e).slice(1));
  }

  /** Writes one truth sample: every pose given, in the order given (the world sorts them by id). */
  truth(tS: number, poses: readonly ShopperPose[]): void {
    this.book.truth(tS, poses);
    // Built by hand: this is the largest and most frequent line.
    let line = '{"type":"truth","t":' + roundTime(tS) + ',"rows":[';
    for (let i = 0; i < poses.length; i++) {
      const p = poses[i]!;
      const l = p.leftHand;
      const r = p.rightHand;
      const [x, y] = p.position;
      if (i > 0) line += ',';
      line += '[' + p.id + ',' + round3(x) + ',' + round3(y) + ',' + round3(p.headingRad)
        + ',' + JSON.stringify(p.activity) + ',' + round3(l[0]) + ',' + round3(l[1]) + ',' + round3(l[2])
        + ',' + round3(r[0]) + ',' + round3(r[1]) + ',' + round3(r[2]) + ']';
    }
    this.push(line + ']}');
  }

  /** The counts so far. */
  counts(): RunLogCounts {
    return this.book.counts();
  }

  /** Writes the footer; the last line of a complete run. */
  footer(input: RunLogFooterInput): void {
    this.push(JSON.stringify(this.book.footer(input)));
  }

  /** Writes the abort line of a run that crashed; a no-op when the log already ended or never began. */
  abort(tS: number, ticks: number, error: string): void {
    const line = this.book.abort(tS, ticks, error);
    if (line !== null) this.push(JSON.stringify(line));
  }

  /** Writes the buffer to the file. */
  flush(): void {
    if (this.buf.length === 0 || this.fd < 0) return;
    try {
      writeSync(this.fd, this.buf);
    } catch (err) {
      throw new RunLogWriteError(this.file, err);
    }
    this.buf = '';
  }

  /** Flushes and closes the file; safe to call twice. */
  close(): void {
    if (this.fd < 0) return;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = -1;
    }
  }

  private push(line: string): void {
    this.buf += line + '\n';
    if (this.buf.length >= FLUSH_CHARS) this.flush();
  }
}
