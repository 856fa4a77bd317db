import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../report/writeReport.ts';
import { runTwin } from '../run/runTwin.ts';
import { collectRun } from '../score/collectRun.ts';
import { scoreRun } from '../score/scoreRun.ts';
import { RunLogBuilder, row, spawn } from '../score/tinyRunLog.ts';
import { tinyScenario } from '../testing/tinyStore.ts';
import { aggregateCommand, compareCommand } from './compare.ts';
import { exportCommand, motRowsOfRun } from './exportMot.ts';
import { motCommand } from './mot.ts';
import { scoreCommand } from './score.ts';

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (d) => (text.out += d));
  err.on('data', (d) => (text.err += d));
  return { io: { out, err }, text };
}

describe('storetwin score', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storetwin-score-'));
  const runLogFile = join(dir, 'runlog.jsonl');
  runTwin({ scenario: tinyScenario(), runLogFile });
  // The live path: what `storetwin run` calls after the run.
  writeReport(dir, runLogFile, null);
  const live = readFileSync(join(dir, 'report.json'), 'utf8');

  it('on a RunLog writes the same report.json as the live run, and every report file', () => {
    const out = join(dir, 'offline');
    const t = io();
    expect(scoreCommand(runLogFile, { out }, t.io)).toBe(0);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(live);
    for (const f of ['report.html', 'summary.md', 'junit.xml', 'occupancy.svg', 'dwell.svg', 'congestion.svg', 'shelf-interactions.svg']) {
      expect(readFileSync(join(out, f), 'utf8').length, f).toBeGreaterThan(100);
    }
    expect(t.text.out).toContain('storetwin run: tiny, seed 7');
  });

  it('report.html is one self-contained page holding its heatmaps, tables with definitions and no external references', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect((html.match(/<svg xmlns/g) ?? []).length).toBe(4);
    expect((html.match(/<svg/g) ?? []).length).toBe((html.match(/<\/svg>/g) ?? []).length);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('<script');
    expect(html).toContain('<h2 id="checkout">Checkout</h2>');
    expect(html).toContain('units charged that were taken / units charged');
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="storetwin" tests="8" failures="0" skipped="7">/);
  });

  it('exits 2 naming the file and line of a broken RunLog', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, readFileSync(runLogFile, 'utf8').split('\n').slice(0, 3).join('\n') + '\n{"type":"truth","t":1,"rows":"x"}\n');
    const t = io();
    expect(scoreCommand(bad, {}, t.io)).toBe(2);
    expect(t.text.err).toContain(`${bad}:4: truth line: "rows" must be an array`);
    expect(scoreCommand(join(dir, 'missing.jsonl'), {}, io().io)).toBe(2);
  });
});

describe('storetwin compare and aggregate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storetwin-compare-'));
  const report = (exact: number, p99: number) => ({ version: 2, tool: 'storetwin', run: { seed: 1 }, checkout: { exactReceiptRate: exact }, latency: { p99Ms: p99 }, definitions: { x: 'y' } });
  const write = (name: string, r: unknown) => {
    const f = join(dir, name);
    writeFileSync(f, JSON.stringify(r));
    return f;
  };
  const base = write('base.json', report(0.9, 10));
  const same = write('same.json', report(0.895, 11));
  const worse = write('worse.json', report(0.85, 13));
  const rules = 'checkout.exactReceiptRate<-1%,latency.p99Ms>+20%';

  it('exits 0 within bounds, 1 on a regression naming the rule, 2 on a bad rule, an unknown key or a bad file', () => {
    const ok = io();
    expect(compareCommand(base, same, { failOn: rules }, ok.io)).toBe(0);
    expect(ok.text.out).toMatch(/checkout\.exactReceiptRate\s+0\.9000\s+0\.8950\s+-0\.0050\s+-0\.6 %/);
    const bad = io();
    expect(compareCommand(base, worse, { failOn: rules }, bad.io)).toBe(1);
    expect(bad.text.out).toContain('REGRESSION: checkout.exactReceiptRate<-1% (0.9000 -> 0.8500); latency.p99Ms>+20% (10 -> 13)');
    const expr = io();
    expect(compareCommand(base, worse, { failOn: 'latency.p99Ms>>3' }, expr.io)).toBe(2);
    expect(expr.text.err).toContain('cannot read "latency.p99Ms>>3"');
    const key = io();
    expect(compareCommand(base, worse, { failOn: 'latency.p42Ms>1' }, key.io)).toBe(2);
    expect(key.text.err).toContain('no number "latency.p42Ms"');
    expect(compareCommand(base, join(dir, 'none.json'), {}, io().io)).toBe(2);
  });

  it('a relative rule fires on a number that was 0, and a rule fires when the head lost its number (null)', () => {
    const withOver = (over: number | null, hota: number | null, face: number | null) => ({ version: 2, tool: 'storetwin', checkout: { overchargedCents: over }, tracking: { HOTA: hota }, face: { fnir: face } });
    const b0 = write('b0.json', withOver(0, 0.95, null));
    const up = io();
    expect(compareCommand(b0, write('h-up.json', withOver(65300, 0.95, null)), { failOn: 'checkout.overchargedCents>+10%' }, up.io)).toBe(1);
    expect(up.text.out).toContain('REGRESSION: checkout.overchargedCents>+10% (0 -> 65300)');
    const still = io();
    expect(compareCommand(b0, write('h-same.json', withOver(0, 0.95, null)), { failOn: 'checkout.overchargedCents>+10%' }, still.io)).toBe(0);
    const lost = io();
    expect(compareCommand(b0, write('h-lost.json', withOver(0, null, null)), { failOn: 'tracking.HOTA<-1%' }, lost.io)).toBe(1);
    expect(lost.text.out).toContain('REGRESSION: tracking.HOTA<-1% (0.9500 -> no value)');
    const none = io();
    expect(compareCommand(b0, write('h-face.json', withOver(0, 0.95, 0.2)), { failOn: 'face.fnir>+1%,tracking.HOTA<-1%' }, none.io)).toBe(0);
    expect(none.text.out).toContain('not checked (no value in base): face.fnir>+1%');
    expect(none.text.out).toContain('no regression against tracking.HOTA<-1%\n');
  });

  it('aggregates seeds into means with a Student-t 95 % interval', () => {
    const t = io();
    expect(aggregateCommand([base, same, worse], { json: true }, t.io)).toBe(0);
    const m = JSON.parse(t.text.out).metrics['latency.p99Ms'];
    expect(m.mean).toBeCloseTo(34 / 3, 12);
    const sd = Math.sqrt(((10 - 34 / 3) ** 2 + (11 - 34 / 3) ** 2 + (13 - 34 / 3) ** 2) / 2);
    expect(m.ci95).toBeCloseTo((4.303 * sd) / Math.sqrt(3), 12);
  });
});

describe('storetwin export --format mot', () => {
  it('writes floor rows that storetwin mot scores exactly as the run\'s own report', () => {
    const b = new RunLogBuilder().event(spawn(0, 1, 'a')).event(spawn(0, 2, 'b'));
    for (let k = 1; k <= 15; k++) {
      const t = k / 10;
      b.truth(t, [row(1, 1 + k * 0.1, 1), row(2, 4, 3 - k * 0.1)]);
      if (k % 4 !== 0) b.tracks(t, [[k < 8 ? 7 : 9, 1.1 + k * 0.1, 1.2, null], [8, 4.3, 3 - k * 0.1, null]]);
    }
    const lines = b.build();
    const dir = mkdtempSync(join(tmpdir(), 'storetwin-export-'));
    const runLogFile = join(dir, 'runlog.jsonl');
    writeFileSync(runLogFile, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const rows = motRowsOfRun(collectRun(lines));
    expect(rows.gt.split('\n')[0]).toBe('1,1,-1,-1,-1,-1,1,1.1,1,0');
    expect(exportCommand(runLogFile, { format: 'mot', out: join(dir, 'mot') }, io().io)).toBe(0);
    const t = io();
    expect(motCommand(join(dir, 'mot/gt.txt'), join(dir, 'mot/hyp.txt'), { floor: true, json: true }, t.io)).toBe(0);
    const fromFiles = JSON.parse(t.text.out);
    const direct = scoreRun(collectRun(lines), null).tracking!;
    for (const k of ['HOTA', 'AssA', 'MOTA', 'IDSW', 'IDF1', 'CLR_FP'] as const) expect(fromFiles[k], k).toBeCloseTo(direct[k]!, 12);
    expect(direct.IDSW).toBe(1);
    expect(exportCommand(runLogFile, { format: 'coco', out: dir }, io().io)).toBe(2);
  });
});
