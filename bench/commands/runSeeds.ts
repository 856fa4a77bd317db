import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadScenarioFile } from '../../sim/scenario/loadScenario.ts';
import { ScenarioError } from '../../sim/scenario/ScenarioIssue.ts';
import { EXIT } from '../exitCodes.ts';
import type { Aggregate } from '../report/aggregateReports.ts';
import { aggregateReports } from '../report/aggregateReports.ts';
import type { Report } from '../report/report.ts';
import { REPORT_FILES } from '../report/report.ts';
import { fmt } from '../report/summaryMd.ts';
import { valueAt } from '../report/thresholds.ts';
import type { CommandIo, RunCommandOptions } from '../runCommand.ts';

/** File the multi-seed run writes beside the seed folders. */
export const AGGREGATE_FILE = 'aggregate.json';

/** The numbers the terminal table shows (aggregate.json holds every number). */
const TABLE_KEYS: readonly [key: string, kind: 'pct' | 'num' | 'ms'][] = [
  ['tracking.HOTA', 'pct'], ['tracking.MOTA', 'pct'], ['tracking.IDF1', 'pct'],
  ['identity.boundRightAtEntryRate', 'pct'], ['face.all.fnirAtFpir1pct', 'pct'], ['face.all.fnmrAtFmr0_1pct', 'pct'],
  ['checkout.exactReceiptRate', 'pct'], ['checkout.itemPrecision', 'pct'], ['checkout.itemRecall', 'pct'], ['checkout.reviewsPer1000', 'num'],
  ['latency.p99Ms', 'ms'], ['crowd.visits', 'num'], ['crowd.meanTimeInStoreS', 'num'], ['layout.peakDensityPerM2', 'num'], ['run.realTimeFactor', 'num'],
];

/** Runs one seed as `storetwin run` does (runCommand), returning its exit code. */
export type RunOne = (scenarioFile: string, options: RunCommandOptions, io: CommandIo) => Promise<number>;

/**
 * `storetwin run <scenario> --seeds 1..10`: runs each seed into `<out>/seed-<n>/` (every file a
 * single run writes), then writes `<out>/aggregate.json` (mean and 95 % CI of every report number
 * over the seeds that finished) and prints a table. A seed that crashes is reported and the others
 * still run (exit 1 at the end); bad input stops at once (exit 2).
 */
export async function runSeedsCommand(scenarioFile: string, seeds: readonly number[], options: RunCommandOptions, io: CommandIo, runOne: RunOne): Promise<number> {
  if (options.seed !== undefined) {
    io.err.write('storetwin: --seed and --seeds: give one or the other\n');
    return EXIT.badInput;
  }
  let outDir = options.out;
  if (outDir === undefined) {
    try {
      outDir = join('out', loadScenarioFile(scenarioFile).name);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      io.err.write(err.message + '\n');
      return EXIT.badInput;
    }
  }
  // Each seed's own summary table would bury the comparison: one line per seed instead.
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  const reports: Report[] = [];
  const done: number[] = [];
  const failed: number[] = [];
  for (const seed of seeds) {
    const dir = join(outDir, `seed-${seed}`);
    const code = await runOne(scenarioFile, { ...options, seed, out: dir }, { out: quiet, err: io.err });
    if (code === EXIT.badInput) return code;
    if (code !== EXIT.ok) {
      failed.push(seed);
      io.out.write(`seed ${seed}: failed (exit ${code}); see above\n`);
      continue;
    }
    const report = JSON.parse(readFileSync(join(dir, REPORT_FILES.report), 'utf8')) as Report;
    reports.push(report);
    done.push(seed);
    io.out.write(`seed ${seed}: HOTA ${fmt(report.tracking.HOTA, 'pct')}, exact receipts ${fmt(report.checkout.exactReceiptRate, 'pct')}, visits ${report.crowd.visits} -> ${dir}\n`);
  }
  const agg = aggregateReports(reports);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, AGGREGATE_FILE);
  writeFileSync(file, JSON.stringify({
    tool: 'storetwin', scenarioFile, seeds: done, failedSeeds: failed,
    metrics: Object.fromEntries(agg.map((a) => [a.key, { mean: a.mean, ci95: a.ci95, n: a.n }])),
  }, null, 2) + '\n');
  io.out.write(`\n${aggregateTable(agg, reports, done.length)}\n  wrote ${file} (every number: mean, ci95, n)\n`);
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
