import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { meanCi95 } from '../score/stats.ts';
import type { Report } from '../report/report.ts';
import { runCommand } from '../runCommand.ts';
import type { CommandIo } from '../runCommand.ts';
import { tinyScenarioDir } from '../testing/tinyStore.ts';
import { AGGREGATE_FILE, runSeedsCommand } from './runSeeds.ts';
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
