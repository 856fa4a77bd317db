import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { stopOnAbort } from './Harness.ts';
import { HarnessRun } from './HarnessRun.ts';
import type { HarnessSummary } from './HarnessRunTypes.ts';
import { HarnessCrash, RunInterrupted } from './HarnessRunTypes.ts';
import type { RunLogCounts } from './RunLog.ts';
import { RunLogWriter, roundTime } from './RunLogWriter.ts';

/** How to run the twin once. */
export interface RunTwinOptions {
  /** The scenario, seed included (override it beforehand: `{ ...scenario, seed }`). */
  readonly scenario: Scenario;
  /** Where the RunLog goes; created or truncated. */
  readonly runLogFile: string;
  /** Arrivals window in seconds instead of the scenario's `crowd.durationS`; the drain follows it. */
  readonly durationS?: number;
  /** Called about once per simulated second, and once at the end, with the simulated time and the latest end. */
  readonly onProgress?: (tS: number, endS: number) => void;
  /** Wall clock in milliseconds, for the real-time factor only (never written to the RunLog). */
  readonly clockMs?: () => number;
}

/** Ticks a twin-only run steps between turns of the event loop when it can be interrupted (a signal is handled within about one slice). */
const INTERRUPTIBLE_SLICE_TICKS = 100;

/** What a finished run reports. */
export interface RunSummary {
  readonly scenario: string;
  readonly seed: number;
  readonly runLogFile: string;
  /** Simulated seconds run. */
  readonly simS: number;
  readonly endS: number;
  readonly ticks: number;
  /** Whether every shopper had left by the end (false: cut at endS with shoppers present). */
  readonly emptied: boolean;
  readonly inStore: number;
  readonly counts: RunLogCounts;
  /** Wall-clock seconds the run took. */
  readonly wallS: number;
  /** Simulated seconds per wall-clock second. */
  readonly realTimeFactor: number;
}

/** The run itself failed midway; the RunLog up to that point is on disk, ending in an abort line. */
export class RunCrash extends Error {
  /** What was being done: `World.step`, `Sensors.sample`, ... */
  readonly phase: string;
  readonly tS: number;
  readonly tick: number;
  readonly runLogFile: string;

  constructor(phase: string, tS: number, tick: number, runLogFile: string, cause: unknown) {
    super(`bench: the run crashed in ${phase} at t = ${roundTime(tS)} s (tick ${tick}): ${errorText(cause)}`, { cause });
    this.name = 'RunCrash';
    this.phase = phase;
    this.tS = tS;
    this.tick = tick;
    this.runLogFile = runLogFile;
  }
}

/** A twin-only HarnessRun recording into a fresh RunLog writer. */
function twinRun(options: RunTwinOptions): { writer: RunLogWriter; run: HarnessRun } {
  const writer = new RunLogWriter(options.runLogFile);
  const run = new HarnessRun({
    scenario: options.scenario, engine: null, mode: { kind: 'lockstep' }, sink: writer, clockMs: options.clockMs ?? (() => performance.now()),
    ...(options.durationS === undefined ? {} : { durationS: options.durationS }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  return { writer, run };
}

/**
 * Drives the world and its sensors in lockstep from t = 0 to the end, recording a RunLog: per tick
 * the truth events, then the sensor frames, then (every truth interval) the poses. Truth is also
 * sampled once at t = 0. The RunLog depends only on the scenario, the seed and durationS. The same
 * core as runHarness (HarnessRun, without an engine), stepped synchronously.
 */
export function runTwin(options: RunTwinOptions): RunSummary {
  const { scenario, runLogFile } = options;
  const { writer, run } = twinRun(options);
  let summary: HarnessSummary;
  try {
    run.start();
    run.runTwinSync();
    summary = run.finishSync();
    writer.close();
  } catch (err) {
    throw closeAfterFailure(writer, run, runLogFile, err);
  }
  return runSummary(scenario, runLogFile, summary, writer);
}

/**
 * runTwin that a signal can stop: the same run and RunLog, stepped in slices with a turn of the
 * event loop between them (so Ctrl-C is handled). An abort ends the RunLog in an abort line at the
 * last written tick and rejects with a RunInterrupted.
 */
export async function runTwinInterruptible(options: RunTwinOptions, signal: AbortSignal): Promise<RunSummary> {
  const { scenario, runLogFile } = options;
  const { writer, run } = twinRun(options);
  let summary: HarnessSummary;
  try {
    summary = await stopOnAbort(run, signal, async () => {
      run.start();
      while (!run.twinDone) {
        let n = 0;
        await run.stepWhile(() => n++ < INTERRUPTIBLE_SLICE_TICKS);
        await nextTurn();
      }
      return run.finish();
    });
    writer.close();
  } catch (err) {
    if (err instanceof RunInterrupted) {
      writer.close();
      throw err;
    }
    throw closeAfterFailure(writer, run, runLogFile, err);
  }
  return runSummary(scenario, runLogFile, summary, writer);
}

/** Closes the RunLog after a failure and names it as a RunCrash. */
function closeAfterFailure(writer: RunLogWriter, run: HarnessRun, runLogFile: string, err: unknown): RunCrash {
  try {
    writer.close();
  } catch {
    // The original failure is the one to report.
  }
  if (err instanceof HarnessCrash) return new RunCrash(err.phase, err.tS, err.tick, runLogFile, err.cause);
  // The footer is written; only closing the file failed.
  return new RunCrash('writing the RunLog', run.t, run.tick, runLogFile, err);
}

function runSummary(scenario: Scenario, runLogFile: string, summary: HarnessSummary, writer: RunLogWriter): RunSummary {
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    runLogFile,
    simS: summary.simS,
    endS: summary.endS,
    ticks: summary.ticks,
    emptied: summary.emptied,
    inStore: summary.inStore,
    counts: writer.counts(),
    wallS: summary.wallS,
    realTimeFactor: summary.realTimeFactor,
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
