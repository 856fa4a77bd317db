import type { LiveRun } from './LiveRun.ts';
import type { ReceiptRow } from './matchReceipts.ts';
import { matchReceipts } from './matchReceipts.ts';

/** What the panels show, copied out of a run a few times a second (never per tick). */
export interface PanelSnapshot {
  readonly scenario: string;
  readonly seed: number;
  readonly tS: number;
  readonly endS: number;
  readonly tick: number;
  readonly finished: boolean;
  readonly present: number;
  readonly inside: number;
  readonly spawned: number;
  readonly trueReceipts: number;
  readonly engine: {
    readonly name: string;
    readonly where: string;
    readonly receipts: number;
    readonly exactReceipts: number;
    readonly bindings: number;
    readonly alerts: number;
    readonly tracks: number;
    readonly trackSnapshots: number;
    readonly missed: number;
    readonly falseTracks: number;
    readonly wrongBindings: number;
    /** The engine's own time per tick (in the worker), over the last 2000 ticks. */
    readonly engineP50Ms: number | null;
    readonly engineP99Ms: number | null;
    /** Median over the last 200 ticks of the time from posting a tick's frames to delivering its lines (the twin steps ahead meanwhile, so this is a latency, not a cost per tick). */
    readonly answerLatencyMs: number | null;
  } | null;
  /** Receipts per visit, newest first (at most `maxRows`). */
  readonly receipts: readonly ReceiptRow[];
  readonly currency: string;
}

/** Percentile of a sample (nearest rank); null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Copies the panel figures out of a run. */
export function panelSnapshot(run: LiveRun, maxRows = 200): PanelSnapshot {
  const rows = matchReceipts(run.trueReceipts, run.engineReceipts);
  const timings = run.timings;
  const recent: number[] = [];
  for (let i = Math.max(0, timings.length - 2000); i < timings.length; i++) recent.push(timings[i]!.engineMs);
  const trips: number[] = [];
  for (let i = Math.max(0, timings.length - 200); i < timings.length; i++) trips.push(timings[i]!.roundTripMs);
  const e = run.engine;
  return {
    scenario: run.scenario.name,
    seed: run.scenario.seed,
    tS: run.t,
    endS: run.world.endS,
    tick: run.tick,
    finished: run.finished,
    present: run.world.presentCount,
    inside: run.world.inStoreCount,
    spawned: run.spawns.size,
    trueReceipts: run.trueReceipts.length,
    engine: e === null ? null : {
      name: e.name,
      where: e.where,
      receipts: run.engineReceipts.length,
      exactReceipts: rows.filter((r) => r.exact).length,
      bindings: run.engineEvents.bindings,
      alerts: run.engineEvents.alerts,
      tracks: run.tracks.filter((t) => t.state !== 'lost').length,
      trackSnapshots: run.engineEvents.trackSnapshots,
      missed: run.errorCounts.missed,
      falseTracks: run.errorCounts.falseTracks,
      wrongBindings: run.errorCounts.wrongBindings,
      engineP50Ms: percentile(recent, 0.5),
      engineP99Ms: percentile(recent, 0.99),
      answerLatencyMs: percentile(trips, 0.5),
    },
    receipts: rows.slice(-maxRows).reverse(),
    currency: run.scenario.catalog.currency,
  };
}
