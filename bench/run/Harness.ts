import type { StoreDescription } from '../../engine/api.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { describeStore } from '../../sim/describeStore.ts';
import { HarnessRun } from './HarnessRun.ts';
import type { HarnessRunOptions, HarnessSummary } from './HarnessRunTypes.ts';
import { RunInterrupted } from './HarnessRunTypes.ts';

export type { EnginePort, EngineRunStats, HarnessMode, HarnessObserver, HarnessSummary, RunLogSink, TimingSink } from './HarnessRunTypes.ts';
export { HarnessCrash, LOCKSTEP_IN_FLIGHT, RunInterrupted, percentile } from './HarnessRunTypes.ts';

/** The StoreDescription an engine gets for a scenario (what the operator knows; no truth). */
export function storeDescriptionOf(scenario: Scenario): StoreDescription {
  return describeStore(scenario);
}

/**
 * Runs the twin from t = 0 to the end, feeding the engine (if any) and recording everything into
 * the sink: per tick the truth events, the sensor frames, the engine's events, and every truth
 * interval the poses. The core of `storetwin run`: a loop over HarnessRun (the browser tab steps
 * the same core a slice at a time). Rejects with a HarnessCrash after writing the abort line, or
 * with a RunInterrupted when `signal` aborts (see stopOnAbort).
 */
export async function runHarness(o: HarnessRunOptions, signal?: AbortSignal): Promise<HarnessSummary> {
  const run = new HarnessRun(o);
  return stopOnAbort(run, signal, async () => {
    run.start();
    // One bulk step to the end: lockstep pipelines the whole run (up to its in-flight bound).
    while (!run.twinDone) await run.stepWhile(() => true);
    return run.finish();
  });
}

/**
 * Runs `body` (which drives `run`). When `signal` aborts first, the run is aborted (its abort line at
 * the last delivered tick) and this rejects with a RunInterrupted at once, without waiting for an
 * engine call in flight (its owner closes the engine). The signal's `reason` names what stopped it.
 */
export async function stopOnAbort<T>(run: HarnessRun, signal: AbortSignal | undefined, body: () => Promise<T>): Promise<T> {
  if (signal === undefined) return body();
  const reasonOf = (): string => String(signal.reason ?? 'aborted');
  if (signal.aborted) throw new RunInterrupted(reasonOf(), 0, 0);
  let onAbort = (): void => {};
  const stopped = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      const reason = reasonOf();
      run.abort(`interrupted (${reason})`);
      reject(new RunInterrupted(reason, run.t, run.tick));
    };
  });
  signal.addEventListener('abort', onAbort, { once: true });
  const work = body();
  // Once interrupted, the aborted run's own rejection is expected: not an unhandled one.
  work.catch(() => {});
  try {
    return await Promise.race([work, stopped]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
