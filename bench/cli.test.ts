import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyScenarioDir } from './testing/tinyStore.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'storetwin.js');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/storetwin.js ...args` from the repo root; stderr is a pipe, so no progress bar. */
function storetwin(...args: string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

const outDir = () => join(mkdtempSync(join(tmpdir(), 'storetwin-cli-')), 'out');

describe('storetwin CLI: bad input exits 2 and writes nothing', () => {
  it('a scenario with schema errors: every issue, one per line, with its JSON path', async () => {
    const { scenarioFile } = tinyScenarioDir((json) => {
      const store = json.store as { shelves: Record<string, unknown>[] };
      store.shelves[0]!.widthM = 'wide';
      (json.crowd as Record<string, unknown>).maxInStore = 0;
    });
    const out = outDir();
    const r = await storetwin('run', scenarioFile, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sim: 2 problems in');
    expect(r.stderr).toContain(`${scenarioFile}: store.shelves[0].widthM: expected number, got the string "wide"`);
    expect(r.stderr).toContain(`${scenarioFile}: crowd.maxInStore: expected >= 1, got 0`);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('a missing file, bad JSON, a bad --seed, a bad --duration, --out on a file', async () => {
    const { dir, scenarioFile } = tinyScenarioDir();
    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, '{\n  "name": "x",\n  oops\n}');
    const aFile = join(dir, 'a-file');
    writeFileSync(aFile, 'not a folder');
    const out = outDir();
    const [missing, json, seed, duration, onFile] = await Promise.all([
      storetwin('run', join(dir, 'nope.json'), '--out', out),
      storetwin('run', badJson, '--out', out),
      storetwin('run', scenarioFile, '--seed', 'abc', '--out', out),
      storetwin('run', scenarioFile, '--duration', '-5', '--out', out),
      storetwin('run', scenarioFile, '--out', aFile),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/bad\.json: not valid JSON at line 3/);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain("option '--seed <n>' argument 'abc' is invalid. expected a whole number from 0 to 4294967295.");
    expect(duration.code).toBe(2);
    expect(duration.stderr).toContain("option '--duration <s>' argument '-5' is invalid");
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toContain('exists and is not a directory');
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(aFile, 'utf8')).toBe('not a folder');
  });
});

describe('storetwin CLI: a run that fails midway exits 1', () => {
  // A RunLog that is a link to /dev/full: a real disk-full error on the first flush, no mocks.
  it.skipIf(!existsSync('/dev/full'))('names what failed and when', async () => {
    const { dir, scenarioFile } = tinyScenarioDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    symlinkSync('/dev/full', join(out, 'runlog.jsonl'));
    const r = await storetwin('run', scenarioFile, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bench: the run crashed in writing the RunLog at t = [\d.]+ s \(tick \d+\): bench: writing .*runlog\.jsonl: ENOSPC/m);
    expect(r.stderr).toContain(`The RunLog up to the crash is in ${join(out, 'runlog.jsonl')}.`);
    expect(r.stdout).toBe('');
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });
});

/** Starts `node bin/storetwin.js ...args`, sends `signal` once stderr matches `when`, and resolves with how it ended. */
function interrupt(signal: NodeJS.Signals, when: RegExp, ...args: string[]): Promise<Result> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe('storetwin CLI: a reader that closes stdout early', () => {
  it('(`storetwin run ... | head -0`) costs nothing: no EPIPE trace, exit 0, every file written', async () => {
    const { scenarioFile, dir } = tinyScenarioDir();
    const out = join(dir, 'out');
    const r = await new Promise<Result>((done) => {
      const child = spawn(process.execPath, [BIN, 'run', scenarioFile, '--no-engine', '--out', out], { cwd: ROOT });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => done({ code: code ?? -1, stdout: '', stderr }));
    });
    expect(r.stderr).not.toMatch(/EPIPE|unexpected error/);
    expect(r.code).toBe(0);
    for (const f of ['runlog.jsonl', 'report.json', 'report.html', 'summary.md']) expect(existsSync(join(out, f)), f).toBe(true);
  });
});

describe('storetwin CLI: Ctrl-C and SIGTERM stop a run and keep what it computed', () => {
  const long = () => tinyScenarioDir((j) => ((j.crowd as Record<string, unknown>).durationS = 3000));

  it('a run with its engine: exit 130, the RunLog ends in an abort line, timings kept, no report', async () => {
    const { dir, scenarioFile } = long();
    const out = join(dir, 'out');
    const r = await interrupt('SIGINT', /: 20% /, 'run', scenarioFile, '--out', out);
    expect(r.code).toBe(130);
    const m = /storetwin: interrupted \(SIGINT\) at t = ([\d.]+) s \(tick (\d+)\); the run so far is in (\S+) \(ending in an abort line\) and (\S+)\. No report was written/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect([m![3], m![4]]).toEqual([join(out, 'runlog.jsonl'), join(out, 'timings.jsonl')]);
    expect(Number(m![1])).toBeGreaterThan(600); // past the 20 % line of 3120 s
    const last = JSON.parse(readFileSync(join(out, 'runlog.jsonl'), 'utf8').trimEnd().split('\n').at(-1)!);
    expect(last).toEqual({ type: 'abort', t: Number(m![1]), ticks: Number(m![2]), error: 'aborted: interrupted (SIGINT)' });
    const timings = readFileSync(join(out, 'timings.jsonl'), 'utf8').trimEnd().split('\n');
    expect(timings.length).toBeGreaterThan(Number(m![2]));
    expect(JSON.parse(timings.at(-1)!)).toMatchObject({ type: 'timing-footer' });
    expect(existsSync(join(out, 'report.json'))).toBe(false);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--seeds with --jobs 2: exit 143, both running seeds stopped, none started after, aggregate.json marked interrupted', async () => {
    const { dir, scenarioFile } = long();
    const out = join(dir, 'seeds');
    const r = await interrupt('SIGTERM', /seed 1: tiny: 10% /, 'run', scenarioFile, '--seeds', '1..4', '--jobs', '2', '--no-engine', '--out', out);
    expect(r.code).toBe(143);
    const agg = JSON.parse(readFileSync(join(out, 'aggregate.json'), 'utf8'));
    expect(agg).toMatchObject({ seeds: [], failedSeeds: [], interrupted: 'SIGTERM', interruptedSeeds: [1, 2], notRunSeeds: [3, 4] });
    expect(agg.metrics).toEqual({}); // no seed finished
    for (const s of [1, 2]) {
      expect(readFileSync(join(out, `seed-${s}`, 'runlog.jsonl'), 'utf8').trimEnd().split('\n').at(-1)).toContain('"error":"aborted: interrupted (SIGTERM)"');
      expect(r.stdout).toContain(`seed ${s}: interrupted; its RunLog ends in an abort line -> ${join(out, `seed-${s}`)}`);
      expect(r.stderr).toMatch(new RegExp(`seed ${s}: storetwin: interrupted \\(SIGTERM\\) at t = `));
    }
    expect(existsSync(join(out, 'seed-3'))).toBe(false);
    expect(r.stdout).toContain('PARTIAL: interrupted (SIGTERM) after 0 of 4 seeds');
  });
});

describe('storetwin CLI: help', () => {
  it('--help works for the program and every command; no command is a usage error', async () => {
    const [top, run, helpRun, version, none, unknown] = await Promise.all([
      storetwin('--help'),
      storetwin('run', '--help'),
      storetwin('help', 'run'),
      storetwin('--version'),
      storetwin(),
      storetwin('fly'),
    ]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: storetwin [options] [command]');
    expect(top.stdout).toMatch(/run \[options\] <scenario>/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: storetwin run [options] <scenario>');
    for (const opt of ['--seed <n>', '--duration <s>', '--out <dir>', '-h, --help', 'Exit codes: 0 done']) expect(run.stdout).toContain(opt);
    expect(helpRun).toEqual(run);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: storetwin');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'fly'");
  });
});

describe('storetwin run scenarios/tao-cafe.json --duration 60', () => {
  it('is byte-identical for the same seed, differs for another, and reports', async () => {
    const [a, b, c] = [outDir(), outDir(), outDir()];
    const [ra, rb, rc] = await Promise.all([
      storetwin('run', 'scenarios/tao-cafe.json', '--duration', '60', '--seed', '11', '--out', a),
      storetwin('run', 'scenarios/tao-cafe.json', '--duration', '60', '--seed', '11', '--out', b),
      storetwin('run', 'scenarios/tao-cafe.json', '--duration', '60', '--seed', '12', '--out', c),
    ]);
    for (const r of [ra, rb, rc]) expect(r.stderr.split('\n').filter((l) => l !== '' && !/^tao-cafe: \d+%/.test(l))).toEqual([]);
    expect([ra.code, rb.code, rc.code]).toEqual([0, 0, 0]);

    const logA = readFileSync(join(a, 'runlog.jsonl'));
    expect(logA.equals(readFileSync(join(b, 'runlog.jsonl')))).toBe(true);
    expect(logA.equals(readFileSync(join(c, 'runlog.jsonl')))).toBe(false);
    expect(readFileSync(join(a, 'occupancy.svg')).equals(readFileSync(join(b, 'occupancy.svg')))).toBe(true);
    expect(logA.toString('utf8', 0, 200)).toMatch(/^\{"type":"header","version":2,"tool":"storetwin",.*"scenario":"tao-cafe","seed":11,/);

    const report = JSON.parse(readFileSync(join(a, 'report.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(report.version).toBe(2);
    expect(report.run).toMatchObject({ scenario: 'tao-cafe', seed: 11, fidelity: 'detections', complete: true });
    for (const k of ['simS', 'wallS', 'realTimeFactor']) expect(typeof report.run![k]).toBe('number');
    for (const k of ['visits', 'meanTimeInStoreS', 'itemsPerVisit', 'peakInStore']) expect(report.crowd).toHaveProperty(k);
    expect(report.checkout).toHaveProperty('receipts');
    expect(report.heatmaps).toMatchObject({ occupancy: 'occupancy.svg' });
    expect(ra.stdout).toContain('storetwin run: tao-cafe, seed 11, camera fidelity: detections');
    expect(ra.stdout).toContain(join(a, 'runlog.jsonl'));
  });
});
