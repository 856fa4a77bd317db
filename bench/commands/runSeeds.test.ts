import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { meanCi95 } from '../score/stats.ts';
import type { Report } from '../report/report.ts';
import { runCommand } from '../runCommand.ts';
import type { CommandIo } from '../runCommand.ts';
import { tinyScenarioDir } from '../testing/tinyStore.ts';
import { parseJobs } from './parseJobs.ts';
import { AGGREGATE_FILE, runSeedsCommand } from './runSeeds.ts';
import { SEED_WORKER_DEFAULTS } from './SeedWorker.ts';
import { parseSeedList } from './seedList.ts';

function io() {
  const out = new PassThrough();
  const err = new PassThrough() as unknown as NodeJS.WriteStream;
  const text = { out: '', err: '' };
  out.on('data', (d) => (text.out += d));
  (err as unknown as PassThrough).on('data', (d) => (text.err += d));
  return { io: { out, err } as CommandIo, text };
}

describe('--seeds list', () => {
  it('reads seeds, ranges and lists', () => {
    expect(parseSeedList('1..4')).toEqual([1, 2, 3, 4]);
    expect(parseSeedList('1,2,5')).toEqual([1, 2, 5]);
    expect(parseSeedList('7, 1..3,2')).toEqual([7, 1, 2, 3]);
    expect(parseSeedList('0')).toEqual([0]);
  });

  it('refuses what it cannot read, naming the item', () => {
    expect(() => parseSeedList('1..x')).toThrow('"1..x": expected seeds from 0 to 4294967295');
    expect(() => parseSeedList('5..1')).toThrow('"5..1": the range runs backwards.');
    expect(() => parseSeedList('1,,2')).toThrow('an empty item');
    expect(() => parseSeedList('-1')).toThrow('"-1"');
    expect(() => parseSeedList('1..5000')).toThrow('more than 1000 seeds');
  });
});

describe('storetwin run --seeds', () => {
  const { dir, scenarioFile } = tinyScenarioDir((j) => ((j.crowd as Record<string, unknown>).durationS = 10));
  const out = join(dir, 'seeds');

  it('runs each seed into its folder and aggregates every number over them', async () => {
    const t = io();
    expect(await runSeedsCommand(scenarioFile, [3, 4, 5], { engine: false, out }, t.io, runCommand)).toBe(0);
    const reports = [3, 4, 5].map((s) => JSON.parse(readFileSync(join(out, `seed-${s}`, 'report.json'), 'utf8')) as Report);
    expect(reports.map((r) => r.run.seed)).toEqual([3, 4, 5]);
    for (const s of [3, 4, 5]) expect(existsSync(join(out, `seed-${s}`, 'runlog.jsonl'))).toBe(true);
    const agg = JSON.parse(readFileSync(join(out, AGGREGATE_FILE), 'utf8'));
    expect(agg.seeds).toEqual([3, 4, 5]);
    const visits = meanCi95(reports.map((r) => r.crowd.visits));
    expect(agg.metrics['crowd.visits']).toEqual({ mean: visits.mean, ci95: visits.halfWidth, n: 3 });
    expect(agg.metrics['tracking.HOTA']).toEqual({ mean: null, ci95: null, n: 0 });
    expect(t.text.out).toContain(`seed 4: HOTA -, exact receipts -, visits ${reports[1]!.crowd.visits} -> ${join(out, 'seed-4')}`);
    expect(t.text.out).toMatch(/crowd\.visits\s+\d/);
    expect(t.text.out).not.toContain('tracking.HOTA'); // no engine: rows without values are left out
  });

  it('a failing seed does not stop the others; exit 1 and the aggregate of the rest', async () => {
    const t = io();
    const failTwo = (f: string, o: Parameters<typeof runCommand>[1], i: CommandIo) => (o.seed === 2 ? Promise.resolve(1) : runCommand(f, o, i));
    expect(await runSeedsCommand(scenarioFile, [1, 2, 3], { engine: false, out: join(dir, 'fail') }, t.io, failTwo)).toBe(1);
    const agg = JSON.parse(readFileSync(join(dir, 'fail', AGGREGATE_FILE), 'utf8'));
    expect([agg.seeds, agg.failedSeeds, agg.metrics['crowd.visits'].n]).toEqual([[1, 3], [2], 2]);
    expect(t.text.out).toContain('seed 2: failed (exit 1)');
  });

  it('bad input stops at once with exit 2', async () => {
    const t = io();
    expect(await runSeedsCommand(scenarioFile, [1, 2], { engine: false, seed: 4, out }, t.io, runCommand)).toBe(2);
    expect(t.text.err).toContain('--seed and --seeds: give one or the other');
    const bad = tinyScenarioDir((j) => ((j.crowd as Record<string, unknown>).maxInStore = 0));
    expect(await runSeedsCommand(bad.scenarioFile, [1, 2], { engine: false }, t.io, runCommand)).toBe(2);
    expect(t.text.err).toContain('crowd.maxInStore');
    expect(t.text.out).toBe(''); // no seed ran
  });
});

/** The report keys that hold wall-clock time, so differ between any two runs. */
const WALL_CLOCK = /^(run\.wallS|run\.realTimeFactor|latency\.(p50|p95|p99|mean|max)Ms)$/;

/** report.json without its wall-clock fields. */
function reportSansWall(file: string): unknown {
  const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
  const { wallS: _w, realTimeFactor: _f, ...run } = r.run;
  const { p50Ms: _1, p95Ms: _2, p99Ms: _3, meanMs: _4, maxMs: _5, ...latency } = r.latency;
  return { ...r, run, latency };
}

/** Runs `bin/storetwin.js` with `args`; resolves to its exit code and output. */
function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const bin = fileURLToPath(new URL('../../bin/storetwin.js', import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, out, err) => resolve({ code: error === null ? 0 : (error.code as number), out, err }));
  });
}

describe('storetwin run --seeds, interrupted', () => {
  it('keeps the seeds that finished, stops the running one, starts no more, and marks aggregate.json partial', async () => {
    const { dir, scenarioFile } = tinyScenarioDir((j) => ((j.crowd as Record<string, unknown>).durationS = 10));
    const out = join(dir, 'seeds');
    const controller = new AbortController();
    let text = '';
    // Ctrl-C as seed 1's line is printed: seed 2 starts already stopped, seeds 3 and 4 never start.
    const stdout = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        if (text.includes('seed 1: HOTA')) controller.abort('SIGINT');
        done();
      },
    });
    const t = io();
    const code = await runSeedsCommand(scenarioFile, [1, 2, 3, 4], { engine: false, out }, { out: stdout, err: t.io.err }, runCommand, { jobs: 1, signal: controller.signal });
    expect(code).toBe(130);
    const agg = JSON.parse(readFileSync(join(out, AGGREGATE_FILE), 'utf8'));
    expect(agg).toMatchObject({ seeds: [1], failedSeeds: [], interrupted: 'SIGINT', interruptedSeeds: [], notRunSeeds: [2, 3, 4] });
    const visits = (JSON.parse(readFileSync(join(out, 'seed-1', 'report.json'), 'utf8')) as Report).crowd.visits;
    expect(agg.metrics['crowd.visits']).toEqual({ mean: visits, ci95: null, n: 1 });
    expect(text).toContain('PARTIAL: interrupted (SIGINT) after 1 of 4 seeds; the aggregate is over those');
    expect(existsSync(join(out, 'seed-2'))).toBe(false);
  });
});

describe('storetwin run --seeds --jobs', () => {
  const { dir, scenarioFile } = tinyScenarioDir((j) => ((j.crowd as Record<string, unknown>).durationS = 10));
  const testEntry = new URL('./seedWorkerTestMain.ts', import.meta.url);

  it('--jobs 2 over 3 seeds writes the same RunLogs, reports and aggregate.json as --jobs 1 (reference engine in each worker)', async () => {
    const seeds = [5, 3, 4];
    const one = io();
    const two = io();
    expect(await runSeedsCommand(scenarioFile, seeds, { out: join(dir, 'j1') }, one.io, runCommand)).toBe(0);
    expect(await runSeedsCommand(scenarioFile, seeds, { out: join(dir, 'j2') }, two.io, runCommand, { jobs: 2 })).toBe(0);
    for (const s of seeds) {
      const runLog = readFileSync(join(dir, 'j2', `seed-${s}`, 'runlog.jsonl'), 'utf8');
      expect(runLog).toContain('{"type":"engine","kind":"alert"'); // the engine answered from its worker inside the seed worker
      expect(runLog === readFileSync(join(dir, 'j1', `seed-${s}`, 'runlog.jsonl'), 'utf8'), `seed ${s} RunLog`).toBe(true);
      expect(reportSansWall(join(dir, 'j2', `seed-${s}`, 'report.json'))).toEqual(reportSansWall(join(dir, 'j1', `seed-${s}`, 'report.json')));
    }
    const agg1 = JSON.parse(readFileSync(join(dir, 'j1', AGGREGATE_FILE), 'utf8'));
    const agg2 = JSON.parse(readFileSync(join(dir, 'j2', AGGREGATE_FILE), 'utf8'));
    expect(agg2.seeds).toEqual(seeds); // the list's order, whatever order they finished in
    expect(Object.keys(agg2.metrics)).toEqual(Object.keys(agg1.metrics));
    const differing = Object.keys(agg1.metrics).filter((k) => JSON.stringify(agg1.metrics[k]) !== JSON.stringify(agg2.metrics[k]));
    expect(differing.filter((k) => !WALL_CLOCK.test(k))).toEqual([]);
    expect(agg2.metrics['crowd.visits'].n).toBe(3);
    expect({ ...agg2, metrics: null }).toEqual({ ...agg1, metrics: null });
    // One line per seed either way; with workers each seed's progress on stderr carries its seed.
    for (const s of seeds) expect(two.text.out).toContain(`seed ${s}: HOTA `);
    expect(two.text.err).toMatch(/^seed 3: tiny: \d+% \(/m);
    expect(two.text.err.split('\n').filter((l) => l !== '').every((l) => /^seed [345]: /.test(l))).toBe(true);
  }, 60_000);

  it('seeds that crash or whose worker dies do not stop the others; each is named; exit 1 and the aggregate of the rest', async () => {
    const t = io();
    const out = join(dir, 'crash');
    expect(await runSeedsCommand(scenarioFile, [6, 1, 2, 3, 7], { engine: false, out }, t.io, runCommand, { jobs: 2, entry: testEntry })).toBe(1);
    const agg = JSON.parse(readFileSync(join(out, AGGREGATE_FILE), 'utf8'));
    expect([agg.seeds, agg.failedSeeds, agg.metrics['crowd.visits'].n]).toEqual([[6, 7], [1, 2, 3], 2]);
    for (const s of [1, 2, 3]) expect(t.text.out).toContain(`seed ${s}: failed (exit 1); see above`);
    expect(t.text.err).toMatch(/^seed 1: .*tinyStore\.ts has no default export createEngine\(\)/m);
    expect(t.text.err).toMatch(/^seed 1: The RunLog up to the crash is in .*seed-1.runlog\.jsonl\.$/m);
    expect(t.text.err).toContain('seed 2: the worker running it died: seed worker test: thrown on purpose\nseed 2:     at ');
    expect(t.text.err).toContain('seed 3: the worker running it exited with code 7 before the run finished\n');
    expect(existsSync(join(out, 'seed-7', 'report.json'))).toBe(true);
  }, 60_000);

  it('a worker that runs out of memory is that seed crashed, and the command goes on', async () => {
    const t = io();
    const out = join(dir, 'oom');
    const worker = { ...SEED_WORKER_DEFAULTS, maxOldGenerationSizeMb: 96 };
    expect(await runSeedsCommand(scenarioFile, [4, 6], { engine: false, out }, t.io, runCommand, { jobs: 2, entry: testEntry, worker })).toBe(1);
    expect(t.text.err).toMatch(/^seed 4: the worker running it died: .*out of memory/m);
    const agg = JSON.parse(readFileSync(join(out, AGGREGATE_FILE), 'utf8'));
    expect([agg.seeds, agg.failedSeeds]).toEqual([[6], [4]]);
  }, 60_000);

  it('bad input in a seed stops scheduling, lets the running seed finish, exits 2 with the error and writes no aggregate', async () => {
    const t = io();
    const out = join(dir, 'bad');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'seed-8'), 'a file where the seed folder goes');
    // Seed 5 starts its run a second late (test entry), so seed 8's bad input surely comes first.
    expect(await runSeedsCommand(scenarioFile, [5, 8, 9], { engine: false, out }, t.io, runCommand, { jobs: 2, entry: testEntry })).toBe(2);
    expect(t.text.err).toContain(`seed 8: storetwin: --out ${join(out, 'seed-8')}: exists and is not a directory\n`);
    expect(existsSync(join(out, 'seed-5', 'report.json'))).toBe(true); // was running: finished
    expect(existsSync(join(out, 'seed-9'))).toBe(false); // never started
    expect(existsSync(join(out, AGGREGATE_FILE))).toBe(false);
    expect(t.text.out).toMatch(/^seed 5: HOTA -/);
  }, 60_000);

  it('a broken scenario stops before any worker starts, reported once', async () => {
    const t = io();
    const bad = tinyScenarioDir((j) => ((j.crowd as Record<string, unknown>).maxInStore = 0));
    expect(await runSeedsCommand(bad.scenarioFile, [1, 2, 3], { engine: false, out: join(bad.dir, 'o') }, t.io, runCommand, { jobs: 3 })).toBe(2);
    expect(t.text.err.match(/crowd\.maxInStore/g)).toHaveLength(1);
    expect(t.text.out).toBe('');
    expect(existsSync(join(bad.dir, 'o'))).toBe(false);
  });

  it('--jobs must be a whole number >= 1, and needs --seeds', async () => {
    expect(parseJobs('2')).toBe(2);
    expect(parseJobs('16')).toBe(16);
    for (const v of ['0', '-1', '1.5', 'x', '', '2e3', '99999999999999999999']) expect(() => parseJobs(v), v).toThrow(`"${v}": expected a whole number of seeds to run at once, 1 or more`);
    const zero = await cli(['run', scenarioFile, '--seeds', '1..2', '--jobs', '0']);
    expect(zero.code).toBe(2);
    expect(zero.err).toContain(`option '--jobs <n>' argument '0' is invalid. "0": expected a whole number of seeds to run at once, 1 or more`);
    const alone = await cli(['run', scenarioFile, '--jobs', '2', '--out', join(dir, 'alone')]);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('storetwin: --jobs 2 needs --seeds');
    expect(existsSync(join(dir, 'alone'))).toBe(false);
  }, 30_000);
});
