import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadScenarioFile } from '../../sim/scenario/loadScenario.ts';
import { ScenarioError } from '../../sim/scenario/ScenarioIssue.ts';
import { EXIT, exitCodeOfSignal } from '../exitCodes.ts';
import type { Aggregate } from '../report/aggregateReports.ts';
import { aggregateReports } from '../report/aggregateReports.ts';
import type { Report } from '../report/report.ts';
import { REPORT_FILES } from '../report/report.ts';
import { fmt } from '../report/summaryMd.ts';
import { valueAt } from '../report/thresholds.ts';
import type { CommandIo, RunCommandOptions } from '../runCommand.ts';
import type { SeedWorkerConfig } from './SeedWorker.ts';
import { SeedWorker } from './SeedWorker.ts';

/** A seed's exit code from here up: it was stopped by a signal (128 + the signal's number). */
const INTERRUPTED_EXIT_MIN = 128;

/** File the multi-seed run writes beside the seed folders. */
export const AGGREGATE_FILE = 'aggregate.json';

/** The numbers the terminal table shows (aggregate.json holds every number). */
const TABLE_KEYS: readonly [key: string, kind: 'pct' | 'num' | 'ms'][] = [
  ['tracking.HOTA', 'pct'], ['tracking.MOTA', 'pct'], ['tracking.IDF1', 'pct'],
  ['identity.boundRightAtEntryRate', 'pct'], ['face.all.fnirAtFpir1pct', 'pct'], ['face.all.fnmrAtFmr0_1pct', 'pct'],
  ['checkout.exactReceiptRate', 'pct'], ['checkout.itemPrecision', 'pct'], ['checkout.itemRecall', 'pct'], ['checkout.reviewsPer1000', 'num'],
  ['latency.p99Ms', 'ms'], ['crowd.visits', 'num'], ['crowd.meanTimeInStoreS', 'num'], ['layout.peakDensityPerM2', 'num'], ['run.realTimeFactor', 'num'],
];

/** Runs one seed as `storetwin run` does (runCommand), returning its exit code; `signal` interrupts it. */
export type RunOne = (scenarioFile: string, options: RunCommandOptions, io: CommandIo, signal?: AbortSignal) => Promise<number>;

/** How the seeds run: `jobs` 1, in this process one after another; more, up to `jobs` at once in as many worker threads. */
export interface SeedJobs {
  readonly jobs: number;
  /** Worker entry (a module calling serveSeeds); default: seedWorkerMain.ts, which runs runCommand. */
  readonly entry?: URL;
  readonly worker?: SeedWorkerConfig;
  /** Aborting it (reason: the signal's name) interrupts the running seeds and starts no more. */
  readonly signal?: AbortSignal;
}

/**
 * `storetwin run <scenario> --seeds 1..10 [--jobs N]`: runs each seed into `<out>/seed-<n>/` (every
 * file a single run writes), then writes `<out>/aggregate.json` (mean and 95 % CI of every report
 * number over the seeds that finished, in the order of the seed list) and prints a table. A line per
 * seed is printed as it finishes. A seed that crashes is reported and the others still run (exit 1 at
 * the end); bad input stops scheduling seeds, lets the running ones finish and exits 2 (no aggregate).
 * With `jobs` above 1 the seeds run in worker threads, at most one seed per worker at a time, a
 * worker taking the next seed when it is done (`runOne` is then not used: the workers run
 * runCommand); stderr lines are prefixed with the seed. Jobs above the number of seeds start one
 * worker per seed.
 */
export async function runSeedsCommand(scenarioFile: string, seeds: readonly number[], options: RunCommandOptions, io: CommandIo, runOne: RunOne, parallel: SeedJobs = { jobs: 1 }): Promise<number> {
  if (options.seed !== undefined) {
    io.err.write('storetwin: --seed and --seeds: give one or the other\n');
    return EXIT.badInput;
  }
  if (!Number.isSafeInteger(parallel.jobs) || parallel.jobs < 1) throw new Error(`bench: runSeedsCommand: jobs must be a whole number >= 1, got ${parallel.jobs}`);
  // Loaded once here, so a broken scenario stops before any seed starts (and is reported once, not by each worker).
  let scenarioName: string;
  try {
    scenarioName = loadScenarioFile(scenarioFile).name;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    io.err.write(err.message + '\n');
    return EXIT.badInput;
  }
  const outDir = options.out ?? join('out', scenarioName);
  const dirOf = (seed: number) => join(outDir, `seed-${seed}`);
  // Each seed's own summary table would bury the comparison: one line per seed instead.
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  const signal = parallel.signal;
  const inProcess = (seed: number) => runOne(scenarioFile, { ...options, seed, out: dirOf(seed) }, { out: quiet, err: io.err }, signal);
  // Workers running a seed now, so that an interrupt reaches each of them.
  const busy = new Set<SeedWorker>();
  const interruptWorkers = () => {
    for (const w of busy) w.interrupt(String(signal?.reason));
  };
  signal?.addEventListener('abort', interruptWorkers, { once: true });

  // Exit code per seed, in the order of the list; undefined: not run (bad input stopped the scheduling).
  const codes: (number | undefined)[] = seeds.map(() => undefined);
  const reports: (Report | undefined)[] = seeds.map(() => undefined);
  let next = 0;
  let badInput = false;
  const settle = (i: number, code: number) => {
    const seed = seeds[i]!;
    codes[i] = code;
    if (code === EXIT.badInput) {
      badInput = true;
    } else if (code >= INTERRUPTED_EXIT_MIN) {
      io.out.write(`seed ${seed}: interrupted; its RunLog ends in an abort line -> ${dirOf(seed)}\n`);
    } else if (code !== EXIT.ok) {
      io.out.write(`seed ${seed}: failed (exit ${code}); see above\n`);
    } else {
      const report = JSON.parse(readFileSync(join(dirOf(seed), REPORT_FILES.report), 'utf8')) as Report;
      reports[i] = report;
      io.out.write(`seed ${seed}: HOTA ${fmt(report.tracking.HOTA, 'pct')}, exact receipts ${fmt(report.checkout.exactReceiptRate, 'pct')}, visits ${report.crowd.visits} -> ${dirOf(seed)}\n`);
    }
  };
  const lane = async (): Promise<void> => {
    // A lane's worker runs its seeds one after another; one that died is replaced for the next seed.
    let worker: SeedWorker | null = null;
    try {
      while (!badInput && signal?.aborted !== true && next < seeds.length) {
        const i = next++;
        const seed = seeds[i]!;
        let code: number;
        if (parallel.jobs === 1) {
          code = await inProcess(seed);
        } else {
          if (worker === null || !worker.alive) worker = new SeedWorker(io.err, parallel.entry, parallel.worker);
          busy.add(worker);
          code = await worker.run(scenarioFile, { ...options, seed, out: dirOf(seed) });
          busy.delete(worker);
        }
        settle(i, code);
      }
    } finally {
      await worker?.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel.jobs, seeds.length) }, lane));
  signal?.removeEventListener('abort', interruptWorkers);
  if (badInput) return EXIT.badInput;

  const interrupted = signal?.aborted === true ? String(signal.reason) : null;
  const done = seeds.filter((_, i) => codes[i] === EXIT.ok);
  const failed = seeds.filter((_, i) => codes[i] !== undefined && codes[i] !== EXIT.ok && codes[i]! < INTERRUPTED_EXIT_MIN);
  const finished = reports.filter((r): r is Report => r !== undefined);
  const agg = aggregateReports(finished);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, AGGREGATE_FILE);
  writeFileSync(file, JSON.stringify({
    tool: 'storetwin', scenarioFile, seeds: done, failedSeeds: failed,
    // Only when interrupted: the aggregate is over the seeds that finished before it, not the whole list.
    ...(interrupted === null ? {} : {
      interrupted,
      interruptedSeeds: seeds.filter((_, i) => codes[i] !== undefined && codes[i]! >= INTERRUPTED_EXIT_MIN),
      notRunSeeds: seeds.filter((_, i) => codes[i] === undefined),
    }),
    metrics: Object.fromEntries(agg.map((a) => [a.key, { mean: a.mean, ci95: a.ci95, n: a.n }])),
  }, null, 2) + '\n');
  const partial = interrupted === null ? '' : `  PARTIAL: interrupted (${interrupted}) after ${done.length} of ${seeds.length} seeds; the aggregate is over those\n`;
  io.out.write(`\n${aggregateTable(agg, finished, done.length)}\n${partial}  wrote ${file} (every number: mean, ci95, n)\n`);
  if (interrupted !== null) return exitCodeOfSignal(interrupted);
  return failed.length > 0 ? EXIT.crashed : EXIT.ok;
}

/** The table of the headline numbers over the seeds: mean ± 95 % CI (Student's t), min, max. */
export function aggregateTable(agg: readonly Aggregate[], reports: readonly Report[], runs: number): string {
  const byKey = new Map(agg.map((a) => [a.key, a]));
  const rows = TABLE_KEYS.flatMap(([key, kind]) => {
    const a = byKey.get(key);
    if (a === undefined || a.n === 0) return [];
    const values = reports.map((r) => valueAt(r, key)).filter((v): v is number => v !== null);
    const f = (v: number | null) => fmt(v, kind);
    return [[key, f(a.mean), a.ci95 === null ? '' : `± ${f(a.ci95)}`, f(Math.min(...values)), f(Math.max(...values)), String(a.n)]];
  });
  const head = ['metric', 'mean', '95 % CI', 'min', 'max', 'n'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [`storetwin run: ${runs} seed${runs === 1 ? '' : 's'} finished, mean ± 95 % CI (Student's t)`, '', line(head), ...rows.map(line)].join('\n') + '\n';
}
