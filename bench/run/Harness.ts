import type { StoreDescription } from '../../engine/api.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { describeStore } from '../../sim/describeStore.ts';
import { HarnessRun } from './HarnessRun.ts';
import type { HarnessRunOptions, HarnessSummary } from './HarnessRunTypes.ts';

export type { EnginePort, EngineRunStats, HarnessMode, HarnessObserver, HarnessSummary, RunLogSink, TimingSink } from './HarnessRunTypes.ts';
export { HarnessCrash, LOCKSTEP_IN_FLIGHT, percentile } from './HarnessRunTypes.ts';

/** The StoreDescription an engine gets for a scenario (what the operator knows; no truth). */
export function storeDescriptionOf(scenario: Scenario): StoreDescription {
  return describeStore(scenario);
}

/**
 * Runs the twin from t = 0 to the end, feeding the engine (if any) and recording everything into
 * the sink: per tick the truth events, the sensor frames, the engine's events, and every truth
 * interval the poses. The core of `storetwin run`: a loop over HarnessRun (the browser tab steps
 * the same core a slice at a time). Rejects with a HarnessCrash after writing the abort line.
 */
export async function runHarness(o: HarnessRunOptions): Promise<HarnessSummary> {
  const run = new HarnessRun(o);
  run.start();
  // One bulk step to the end: lockstep pipelines the whole run (up to its in-flight bound).
  while (!run.twinDone) await run.stepWhile(() => true);
  return run.finish();
}
