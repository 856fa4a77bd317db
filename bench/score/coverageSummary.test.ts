import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalog, parseScenario } from '../../sim/scenario/loadScenario.ts';
import type { CoverageGrid } from '../../sim/sensors/camera/coverage.ts';
import { cameraCoverage } from '../../sim/sensors/camera/coverage.ts';
import { renderReport } from '../report/writeReport.ts';
import { readRunLogLines } from '../run/readRunLog.ts';
import { runTwin } from '../run/runTwin.ts';
import { tinyCatalogJson, tinyScenarioJson } from '../testing/tinyStore.ts';
import { collectRun } from './collectRun.ts';
import { coverageLayer, coverageSummary } from './coverageSummary.ts';

/** A 4 x 1 strip: cells seen whole by 2, whole by 1, head only by 1, and by nobody; plus one cell outside. */
const strip: CoverageGrid = {
  originX: 0, originY: 0, cellM: 0.5, cols: 5, rows: 1,
  whole: Uint8Array.from([2, 1, 0, 0, 3]),
  headOnly: Uint8Array.from([0, 1, 1, 0, 0]),
  inside: Uint8Array.from([1, 1, 1, 1, 0]),
  cameras: ['a', 'b', 'c'],
};

describe('camera coverage summary', () => {
  it('shares of the floor seen by >= 1 and >= 2 cameras, and blind spots', () => {
    expect(coverageSummary(strip)).toEqual({
      cameras: 3, cellM: 0.5, floorM2: 1,
      wholeBodyAtLeast1: 0.5, wholeBodyAtLeast2: 0.25, headAtLeast1: 0.75, headAtLeast2: 0.5, blindShare: 0.25,
    });
  });

  it('layers: cameras per floor cell, nothing outside, the blind cells marked', () => {
    const whole = coverageLayer(strip, 'whole');
    expect(Array.from(whole.grid.personSPerM2)).toEqual([2, 1, 0, 0, 0]);
    expect(Array.from(whole.blind)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(coverageLayer(strip, 'headOnly').grid.personSPerM2)).toEqual([0, 1, 1, 0, 0]);
  });

  it('the report of a shop with one camera holds the coverage numbers and both maps', () => {
    const json = tinyScenarioJson();
    json.sensors = { cameras: [{ id: 'cam', position: [0.3, 0.3, 2.8], lookAt: [3, 2, 0], hfovDeg: 80, resolution: [1280, 720], rateHz: 5 }] };
    (json.crowd as Record<string, unknown>).durationS = 10;
    const catalog = parseCatalog(tinyCatalogJson());
    if (!catalog.ok) throw new Error('catalog');
    const parsed = parseScenario(json, catalog.value, 'catalog.json');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const runLogFile = join(mkdtempSync(join(tmpdir(), 'storetwin-coverage-')), 'runlog.jsonl');
    runTwin({ scenario: parsed.value, runLogFile });
    const { report, files } = renderReport(collectRun(readRunLogLines(runLogFile)), null, null);
    const expected = coverageSummary(cameraCoverage(parsed.value));
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
});
