import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../runCommand.ts';
import type { CommandIo } from '../runCommand.ts';
import { tinyScenarioDir } from '../testing/tinyStore.ts';

describe('storetwin run: the report files in the output folder', () => {
  it('clears every report file of an earlier run first and lists every file it wrote', async () => {
    const { dir, scenarioFile } = tinyScenarioDir((j) => ((j.crowd as Record<string, unknown>).durationS = 5));
    const out = join(dir, 'out');
    mkdirSync(out);
    // What an earlier run with an engine left: this twin-only run writes no missed-people map.
    for (const f of ['report.html', 'summary.md', 'junit.xml', 'missed-people.svg', 'coverage-whole-body.svg']) writeFileSync(join(out, f), 'stale');
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (d) => (text += d));
    const io = { out: stdout, err: new PassThrough() as unknown as NodeJS.WriteStream } as CommandIo;
    expect(await runCommand(scenarioFile, { engine: false, out }, io)).toBe(0);
    expect(existsSync(join(out, 'missed-people.svg'))).toBe(false);
    expect(existsSync(join(out, 'coverage-whole-body.svg'))).toBe(false); // the tiny shop has no cameras
    const line = text.split('\n').find((l) => l.includes('wrote '))!;
    const files = ['runlog.jsonl', 'report.json', 'report.html', 'summary.md', 'junit.xml', 'occupancy.svg', 'dwell.svg', 'shelf-interactions.svg', 'congestion.svg'];
    expect(line.trim()).toBe(`wrote ${files.map((f) => join(out, f)).join(', ')}`);
    for (const f of files) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('a mistyped --engine exits 2 and leaves the output folder as it was (an earlier run\'s reports stay)', async () => {
    const { dir, scenarioFile } = tinyScenarioDir((j) => ((j.crowd as Record<string, unknown>).durationS = 5));
    const out = join(dir, 'earlier');
    mkdirSync(out);
    for (const f of ['runlog.jsonl', 'timings.jsonl', 'report.json', 'report.html']) writeFileSync(join(out, f), `earlier ${f}`);
    let err = '';
    const errStream = new PassThrough();
    errStream.on('data', (d) => (err += d));
    const io = { out: new PassThrough(), err: errStream as unknown as NodeJS.WriteStream } as CommandIo;
    expect(await runCommand(scenarioFile, { engine: join(dir, 'my-engnie.ts'), out }, io)).toBe(2);
    expect(err).toBe(`storetwin: --engine ${join(dir, 'my-engnie.ts')}: no such file\n`);
    expect(readdirSync(out).sort()).toEqual(['report.html', 'report.json', 'runlog.jsonl', 'timings.jsonl']);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('earlier report.json');
    const fresh = join(dir, 'not-yet');
    expect(await runCommand(scenarioFile, { engine: join(dir, 'my-engnie.ts'), out: fresh }, io)).toBe(2);
    expect(existsSync(fresh)).toBe(false);
  });

  it('a run with an engine and no shopper: tracking ratios null (not 0 %), counts 0, the HOTA threshold skipped', async () => {
    const { dir, scenarioFile } = tinyScenarioDir((j) => {
      const crowd = j.crowd as Record<string, unknown>;
      crowd.durationS = 5;
      crowd.arrivals = [{ at: '09:00', perHour: 0 }];
    });
    const out = join(dir, 'empty');
    const io = { out: new PassThrough(), err: new PassThrough() as unknown as NodeJS.WriteStream } as CommandIo;
    expect(await runCommand(scenarioFile, { out }, io)).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { crowd: { shoppers: number }; tracking: Record<string, number | null> };
    expect(report.crowd.shoppers).toBe(0);
    expect([report.tracking.HOTA, report.tracking.MOTA, report.tracking.IDF1, report.tracking.LocA]).toEqual([null, null, null, null]);
    expect([report.tracking.CLR_TP, report.tracking.CLR_FN, report.tracking.CLR_FP, report.tracking.IDSW]).toEqual([0, 0, 0, 0]);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testcase[^>]*name="tracking\.HOTA[^"]*"[^>]*>\s*<skipped/);
  });
});
