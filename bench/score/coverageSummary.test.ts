import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalog, parseScenario } from '../../sim/scenario/loadScenario.ts';
import type { CoverageGrid } from '../../sim/sensors/camera/coverage.ts';
import { cameraCoverage } from '../../sim/sensors/camera/coverage.ts';
import { aggregateReports } from '../report/aggregateReports.ts';
import { compareReports, numericLeaves, parseFailOn } from '../report/compareReports.ts';
import { summaryTable } from '../report/summaryTable.ts';
import { valueAt } from '../report/thresholds.ts';
import { renderReport } from '../report/writeReport.ts';
import { readRunLogLines } from '../run/readRunLog.ts';
import { runTwin } from '../run/runTwin.ts';
import { tinyCatalogJson, tinyScenarioJson } from '../testing/tinyStore.ts';
import { collectRun } from './collectRun.ts';
import { coverageLayer, coverageSummary } from './coverageSummary.ts';

/**
 * A 4 x 1 strip: cells seen whole by 2 (a, b), whole by 1 (a) and head only by 1 (b), head only (c),
 * and by nobody; plus one cell outside (whole by a, b, c); d sees nothing.
 */
const strip: CoverageGrid = {
  originX: 0, originY: 0, cellM: 0.5, cols: 5, rows: 1,
  whole: Uint8Array.from([2, 1, 0, 0, 3]),
  headOnly: Uint8Array.from([0, 1, 1, 0, 0]),
  inside: Uint8Array.from([1, 1, 1, 1, 0]),
  cameras: ['a', 'b', 'c', 'd'],
  perCamera: [
    { camera: 'a', wholeCells: 2, headOnlyCells: 0, sees: Uint8Array.from([2, 2, 0, 0, 2]) },
    { camera: 'b', wholeCells: 1, headOnlyCells: 1, sees: Uint8Array.from([2, 1, 0, 0, 2]) },
    { camera: 'c', wholeCells: 0, headOnlyCells: 1, sees: Uint8Array.from([0, 0, 1, 0, 2]) },
    { camera: 'd', wholeCells: 0, headOnlyCells: 0, sees: new Uint8Array(5) },
  ],
};

/** The tiny shop with these cameras, run for 10 s and reported (no engine). */
function tinyReport(cameras: readonly Record<string, unknown>[]) {
  const json = tinyScenarioJson();
  json.sensors = { cameras };
  (json.crowd as Record<string, unknown>).durationS = 10;
  const catalog = parseCatalog(tinyCatalogJson());
  if (!catalog.ok) throw new Error('catalog');
  const parsed = parseScenario(json, catalog.value, 'catalog.json');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const runLogFile = join(mkdtempSync(join(tmpdir(), 'storetwin-coverage-')), 'runlog.jsonl');
  runTwin({ scenario: parsed.value, runLogFile });
  return { scenario: parsed.value, ...renderReport(collectRun(readRunLogLines(runLogFile)), null, null) };
}

const corner = { id: 'cam', position: [0.3, 0.3, 2.8], lookAt: [3, 2, 0], hfovDeg: 80, resolution: [1280, 720], rateHz: 5 };
/** Over the shelf, looking up at the ceiling: sees no floor. */
const sky = { id: 'sky', position: [3, 2, 2.8], lookAt: [4, 2, 10], hfovDeg: 80, resolution: [1280, 720], rateHz: 5 };

describe('camera coverage summary', () => {
  it('shares of the floor seen by >= 1 and >= 2 cameras, and blind spots', () => {
    expect(coverageSummary(strip)).toEqual({
      cameras: 4, cellM: 0.5, floorM2: 1,
      wholeBodyAtLeast1: 0.5, wholeBodyAtLeast2: 0.25, headAtLeast1: 0.75, headAtLeast2: 0.5, blindShare: 0.25,
      perCamera: [
        { camera: 'a', wholeBodyShare: 0.5, headShare: 0.5 },
        { camera: 'b', wholeBodyShare: 0.25, headShare: 0.5 },
        { camera: 'c', wholeBodyShare: 0, headShare: 0.25 },
        { camera: 'd', wholeBodyShare: 0, headShare: 0 },
      ],
    });
  });

  it('layers: cameras per floor cell, nothing outside, the blind cells marked', () => {
    const whole = coverageLayer(strip, 'whole');
    expect(Array.from(whole.grid.personSPerM2)).toEqual([2, 1, 0, 0, 0]);
    expect(Array.from(whole.blind)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(coverageLayer(strip, 'headOnly').grid.personSPerM2)).toEqual([0, 1, 1, 0, 0]);
  });

  it('the report of a shop with one camera holds the coverage numbers and both maps', () => {
    const { scenario, report, files } = tinyReport([corner]);
    const expected = coverageSummary(cameraCoverage(scenario));
    expect(report.coverage).toEqual(expected);
    expect(expected.cameras).toBe(1);
    expect(expected.floorM2).toBe(24);
    // The corner camera sees much of the shop whole (the shelf hides some) but not the floor right under it.
    expect(expected.wholeBodyAtLeast1).toBeGreaterThan(0.3);
    expect(expected.headAtLeast1).toBeGreaterThan(expected.wholeBodyAtLeast1);
    expect(expected.wholeBodyAtLeast2).toBe(0);
    expect(expected.blindShare).toBeGreaterThan(0);
    expect(report.heatmaps).toMatchObject({ coverageWholeBody: 'coverage-whole-body.svg', coverageHeadOnly: 'coverage-head-only.svg' });
    const svg = files['coverage-whole-body.svg']!;
    expect(svg).toContain('blind spot: no camera');
    expect((svg.match(/<title>blind spot<\/title>/g) ?? []).length).toBe(Math.round(expected.blindShare * 96));
    expect(svg).toContain('linear scale');
    expect(files['report.html']).toContain('<h2 id="coverage">Camera coverage</h2>');
    // Every inline heatmap's colour bar has its own gradient id.
    const ids = [...files['report.html']!.matchAll(/<linearGradient id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('per camera in the report: the one facing the ceiling has 0 %, is marked in the html and named in the summaries', () => {
    const { report, files } = tinyReport([corner, sky]);
    const [cam, up] = report.coverage.perCamera;
    expect(report.coverage.perCamera.map((c) => c.camera)).toEqual(['cam', 'sky']);
    expect(up).toEqual({ camera: 'sky', wholeBodyShare: 0, headShare: 0 });
    // The corner camera alone is the whole union here: its shares are the store-wide ones.
    expect(cam!.wholeBodyShare).toBe(report.coverage.wholeBodyAtLeast1);
    expect(cam!.headShare).toBe(report.coverage.headAtLeast1);
    expect(cam!.wholeBodyShare).toBeGreaterThan(0.3);
    expect(report.coverage.wholeBodyAtLeast2).toBe(0);
    expect(report.definitions['coverage.perCamera']).toContain('scenario order');
    const html = files['report.html']!;
    const table = /<table id="coverage-per-camera">(.*?)<\/table>/.exec(html)?.[1] ?? '';
    const rows = [...table.matchAll(/<tr( class="blind")?><td>([^<]*)<\/td><td class="v">([^<]*)<\/td><td class="v">([^<]*)<\/td>/g)].map((m) => [m[2], m[3], m[4], m[1] !== undefined]);
    expect(rows).toEqual([
      ['cam', `${(100 * cam!.wholeBodyShare).toFixed(1)} %`, `${(100 * cam!.headShare).toFixed(1)} %`, false],
      ['sky', '0.0 %', '0.0 %', true],
    ]);
    expect(table).toContain('sees no floor');
    expect(html.indexOf('id="coverage-per-camera"')).toBeGreaterThan(html.indexOf('<h2 id="coverage">'));
    expect(html.indexOf('id="coverage-per-camera"')).toBeLessThan(html.indexOf('<h2 id="heatmaps">'));
    // Twin-only terminal table: the warning row, in the table's columns.
    const lines = summaryTable(report).split('\n');
    const warn = lines.filter((l) => l.includes('sees no floor'));
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatch(/^ {2}cameras +sees no floor +sky$/);
    const busiest = lines.find((l) => l.includes('busiest cell'))!;
    expect(warn[0]!.indexOf('sees no floor')).toBe(busiest.indexOf('busiest cell')); // same columns as the other rows
    expect(warn[0]!.indexOf('sky')).toBe(busiest.indexOf(report.occupancy.maxPersonSPerM2.toFixed(1)));
    expect(files['summary.md']).toContain('| cameras | sees no floor | sky |');
    // With an engine the headline rows print; the warning follows the cameras row.
    const withEngine = summaryTable({ ...report, run: { ...report.run, engine: 'reference' } }).split('\n');
    const at = withEngine.findIndex((l) => l.includes('floor seen whole'));
    expect(withEngine[at + 1]).toMatch(/^ +sees no floor +sky$/);
    expect(withEngine.filter((l) => l.includes('sees no floor'))).toHaveLength(1);
  });

  it('compare and aggregate skip the per-camera list (like wrongLines); a threshold can still point into it', () => {
    const { report } = tinyReport([corner, sky]);
    const keys = [...numericLeaves(report).keys()];
    expect(keys).toContain('coverage.wholeBodyAtLeast1');
    expect(keys.filter((k) => k.includes('perCamera'))).toEqual([]);
    const agg = aggregateReports([report, report]);
    expect(agg.find((a) => a.key === 'coverage.headAtLeast1')).toMatchObject({ mean: report.coverage.headAtLeast1, n: 2 });
    expect(agg.some((a) => a.key.includes('perCamera'))).toBe(false);
    expect(compareReports(report, report).deltas.some((d) => d.key.includes('perCamera'))).toBe(false);
    // --fail-on reads dotted names only, so a list index is refused clearly; junit thresholds (valueAt) can index it.
    expect(() => parseFailOn('coverage.perCamera.1.headShare<0')).toThrow(/cannot read/);
    expect(valueAt(report, 'coverage.perCamera.1.headShare')).toBe(0);
    expect(valueAt(report, 'coverage.perCamera.0.wholeBodyShare')).toBe(report.coverage.perCamera[0]!.wholeBodyShare);
    expect(valueAt(report, 'coverage.perCamera')).toBeNull();
  });

  it('no warning when every camera sees floor, and no camera rows without cameras', () => {
    const seeing = tinyReport([corner]);
    expect(seeing.report.coverage.perCamera).toHaveLength(1);
    expect(summaryTable(seeing.report)).not.toContain('sees no floor');
    expect(summaryTable({ ...seeing.report, run: { ...seeing.report.run, engine: 'reference' } })).not.toContain('sees no floor');
    expect(seeing.files['summary.md']).not.toContain('sees no floor');
    expect(seeing.files['report.html']).toContain('<table id="coverage-per-camera">');
    expect(seeing.files['report.html']).not.toContain('class="blind"');
    const none = tinyReport([]);
    expect(none.report.coverage.perCamera).toEqual([]);
    expect(none.report.coverage.cameras).toBeNull();
    expect(none.files['report.html']).not.toContain('coverage-per-camera');
    expect(summaryTable(none.report)).not.toContain('sees no floor');
  });
});
