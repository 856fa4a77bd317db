import { existsSync, readFileSync } from 'node:fs';
import type { TimingFooter, TimingLine } from '../run/RunLog.ts';
import { RunLogError } from '../run/readRunLog.ts';
import { mean, percentileOfSorted } from './stats.ts';

/** The wall-clock side of a run: `timings.jsonl` beside the RunLog. */
export interface Timings {
  readonly lines: readonly TimingLine[];
  readonly footer: TimingFooter | null;
}

/** Histogram bins of engine time per frame for the report, ms: upper edges (the last bin is open). */
export const LATENCY_BINS_MS = [0.25, 0.5, 1, 2, 4, 8, 16, 33, 66, 100, 250, 500, 1000] as const;

/** Engine time and latency. All null when the run had no engine (no timings.jsonl). */
export interface LatencyScore {
  readonly ingests: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly meanMs: number | null;
  readonly maxMs: number | null;
  /** Realtime mode: frame emission to engine answer. */
  readonly endToEndP50Ms: number | null;
  readonly endToEndP95Ms: number | null;
  readonly endToEndP99Ms: number | null;
  readonly droppedFrames: number | null;
  readonly deliveredFrames: number | null;
  /** Ingests per LATENCY_BINS_MS bin, plus one open bin at the end. */
  readonly histogram: readonly number[];
}

/** Reads `timings.jsonl`; null when the file is absent (a twin-only run). Errors name file:line. */
export function readTimings(file: string): Timings | null {
  if (!existsSync(file)) return null;
  const lines: TimingLine[] = [];
  let footer: TimingFooter | null = null;
  readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    let o: { type?: unknown; engineMs?: unknown };
    try {
      o = JSON.parse(text);
    } catch (err) {
      throw new RunLogError(file, i + 1, `not valid JSON: ${(err as Error).message}`);
    }
    if (o.type === 'timing') {
      if (typeof o.engineMs !== 'number') throw new RunLogError(file, i + 1, 'timing line: "engineMs" must be a number');
      lines.push(o as TimingLine);
    } else if (o.type === 'timing-footer') {
      footer = o as TimingFooter;
    } else {
      throw new RunLogError(file, i + 1, `unknown line type ${JSON.stringify(o.type)}; expected timing or timing-footer`);
    }
  });
  return { lines, footer };
}

/** Engine ms per ingest p50/p95/p99 (linear interpolation), end-to-end latency in realtime mode, dropped frames. */
export function scoreLatency(timings: Timings | null): LatencyScore {
  const lines = timings?.lines ?? [];
  const engine = Float64Array.from(lines, (l) => l.engineMs).sort();
  const e2e = Float64Array.from(lines.filter((l) => l.latencyMs !== null), (l) => l.latencyMs!).sort();
  const histogram = new Array<number>(LATENCY_BINS_MS.length + 1).fill(0);
  for (const v of engine) {
    let b = 0;
    while (b < LATENCY_BINS_MS.length && v > LATENCY_BINS_MS[b]!) b++;
    histogram[b]!++;
  }
  return {
    ingests: lines.length,
    p50Ms: percentileOfSorted(engine, 50),
    p95Ms: percentileOfSorted(engine, 95),
    p99Ms: percentileOfSorted(engine, 99),
    meanMs: mean(engine),
    maxMs: engine.length > 0 ? engine[engine.length - 1]! : null,
    endToEndP50Ms: percentileOfSorted(e2e, 50),
    endToEndP95Ms: percentileOfSorted(e2e, 95),
    endToEndP99Ms: percentileOfSorted(e2e, 99),
    droppedFrames: timings?.footer?.droppedFrames ?? null,
    deliveredFrames: timings?.footer?.deliveredFrames ?? null,
    histogram,
  };
}
