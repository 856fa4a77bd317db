import { setTimeout as sleep } from 'node:timers/promises';
import type { EngineClientOptions } from '../../engine/host/EngineClient.ts';
import { ENGINE_CLIENT_DEFAULTS, EngineFailure } from '../../engine/host/EngineClient.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import type { HarnessMode, HarnessSummary } from './Harness.ts';
import { HarnessCrash, runHarness, storeDescriptionOf } from './Harness.ts';
import { RunLogWriter } from './RunLogWriter.ts';
import { startNodeEngine } from './startNodeEngine.ts';
import { TimingsWriter } from './TimingsWriter.ts';

/** A run of the twin with an engine in a worker thread, written to files. */
export interface RunEngineTwinOptions {
  readonly scenario: Scenario;
  readonly runLogFile: string;
  readonly timingsFile: string;
  readonly durationS?: number;
  /** Engine module path (default export createEngine); null for the reference engine. */
  readonly engineModule: string | null;
  readonly mode: HarnessMode;
  readonly client?: EngineClientOptions;
  readonly onProgress?: (tS: number, endS: number) => void;
  /** Aborting it stops the run at the last delivered tick (abort line, timings footer): a RunInterrupted. */
  readonly signal?: AbortSignal;
}

/**
 * The Node shell of the harness: starts the engine in a worker thread, runs the harness core into
 * `runlog.jsonl` and `timings.jsonl`, and always closes the files and ends the worker. A failing
 * engine (also at start) becomes a HarnessCrash with phase `engine`, and the RunLog ends in an abort line.
 * An abort of `signal` ends it at once with a RunInterrupted (abort line too), the worker ended.
 */
export async function runEngineTwin(o: RunEngineTwinOptions): Promise<HarnessSummary> {
  const clockMs = () => performance.now();
  const writer = new RunLogWriter(o.runLogFile);
  const timings = new TimingsWriter(o.timingsFile);
  let engine: Awaited<ReturnType<typeof startNodeEngine>>['client'] | null = null;
  let failed = false;
  try {
    try {
      engine = (await startNodeEngine(storeDescriptionOf(o.scenario), o.engineModule, o.client ?? ENGINE_CLIENT_DEFAULTS)).client;
    } catch (err) {
      // Nothing ran yet: the RunLog still gets its header, then the abort line naming the engine.
      writer.header({ scenario: o.scenario, truthIntervalS: o.scenario.dtS, durationS: o.durationS ?? o.scenario.crowd.durationS, endS: (o.durationS ?? o.scenario.crowd.durationS) + o.scenario.crowd.drainS, engine: { name: o.engineModule ?? 'storetwin-reference', mode: o.mode.kind, speed: o.mode.kind === 'realtime' ? o.mode.speed : 1 } });
      writer.abort(0, 0, `engine: ${err instanceof Error ? err.message : String(err)}`);
      throw new HarnessCrash('engine', 0, 0, err instanceof EngineFailure ? err : new Error(String(err)));
    }
    return await runHarness({
      scenario: o.scenario,
      ...(o.durationS === undefined ? {} : { durationS: o.durationS }),
      engine,
      mode: o.mode,
      sink: writer,
      timings,
      clockMs,
      sleep: (ms) => sleep(ms),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    }, o.signal);
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    engine?.close();
    closeFiles(writer, timings, failed);
  }
}

/** Closes both files; after a failure they may be unwritable (disk full) and the first error is the one to report. */
function closeFiles(writer: RunLogWriter, timings: TimingsWriter, failed: boolean): void {
  let closeError: unknown = null;
  for (const f of [writer, timings]) {
    try {
      f.close();
    } catch (err) {
      closeError ??= err;
    }
  }
  if (closeError !== null && !failed) throw closeError;
}
