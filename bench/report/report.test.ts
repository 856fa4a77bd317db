import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTwin } from '../run/runTwin.ts';
import { tinyScenario } from '../testing/tinyStore.ts';
import { niceLength, niceTicks } from './occupancySvg.ts';
import { fidelityOf } from './report.ts';
import { duration, summaryTable } from './summaryTable.ts';
import { scoreRunLogFile, writeReport } from './writeReport.ts';

describe('writeReport on a run of the tiny shop', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storetwin-report-'));
  const runLogFile = join(dir, 'runlog.jsonl');
  const summary = runTwin({ scenario: tinyScenario(), runLogFile });
  const report = writeReport(dir, runLogFile, { wallS: 0.5, realTimeFactor: 84 });
  const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, Record<string, unknown>>;

  it('writes report.json with stable keys', () => {
    expect(Object.keys(json)).toEqual(['version', 'tool', 'toolVersion', 'run', 'tracking', 'identity', 'face', 'checkout', 'latency', 'crowd', 'layout', 'coverage', 'occupancy', 'wrongLines', 'files', 'heatmaps', 'definitions']);
    expect(json.version).toBe(2);
    expect(Object.keys(json.run!)).toEqual(['scenario', 'seed', 'fidelity', 'engine', 'mode', 'simS', 'endS', 'ticks', 'complete', 'emptied', 'wallS', 'realTimeFactor']);
    // A twin-only run: every engine metric is there, and null.
    for (const k of ['HOTA', 'MOTA', 'IDF1']) expect(json.tracking![k]).toBeNull();
    for (const k of ['exactReceiptRate', 'itemPrecision', 'itemRecall', 'reviewsPer1000']) expect(json.checkout![k]).toBeNull();
    expect(json.latency!.p99Ms).toBeNull();
    // No face readers and no cameras in the tiny shop: no gallery built, rates and coverage null.
    expect(json.face).toMatchObject({ gallerySize: null, unmatchedCaptures: 0, gates: { searches: 0, fnirAtFpir1pct: null, fnmrAtFmr0_1pct: null } });
    const { perCamera, ...coverageNumbers } = json.coverage!;
    expect(Object.values(coverageNumbers).every((v) => v === null)).toBe(true);
    expect(perCamera).toEqual([]);
    expect(Object.keys(json.crowd!)).toEqual(['shoppers', 'visits', 'visitsCompleted', 'meanTimeInStoreS', 'itemsPerVisit', 'peakInStore', 'peakAtS']);
    expect(json.run).toMatchObject({ scenario: 'tiny', seed: 7, fidelity: 'none (no camera frames)', simS: summary.simS, complete: true, wallS: 0.5, realTimeFactor: 84 });
    expect(json.heatmaps).toEqual({ occupancy: 'occupancy.svg', dwell: 'dwell.svg', shelfInteractions: 'shelf-interactions.svg', congestion: 'congestion.svg' });
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('agrees with the RunLog: shoppers entered, receipts, units', () => {
    const kinds = summary.counts.eventsByKind;
    expect(report.crowd.shoppers).toBe(kinds.entered);
    expect(report.checkout.receipts).toBe(kinds.receipt);
    expect(report.crowd.visitsCompleted).toBe(report.crowd.visits);
    expect(report.crowd.peakInStore).toBeGreaterThan(0);
    expect(report.checkout.takes).toBe(kinds.take);
  });

  it('draws occupancy.svg: plan, labelled doors, legend with units, scale bar', () => {
    const svg = readFileSync(join(dir, 'occupancy.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('in: in (open)');
    expect(svg).toContain('out: out (walkthrough)');
    expect(svg).toContain('>shelf-a</text>');
    expect(svg).toContain('person-s/m²');
    expect(svg).toMatch(/>\d+ m<\/text>/);
    // Viridis ends: the busiest cell is drawn in the top colour (#fde725).
    expect(svg).toContain('fill="#fde725"');
  });

  it('scores the same numbers offline, without wall time', () => {
    const offline = scoreRunLogFile(runLogFile);
    expect(offline.footer?.ticks).toBe(summary.ticks);
    expect(offline.abort).toBeNull();
    expect(offline.score.crowd.shoppers).toBe(report.crowd.shoppers);
    expect(offline.score.crowd.meanTimeInStoreS).toBeCloseTo(report.crowd.meanTimeInStoreS!, 3);
    const { receipts, units, totalCents, currency, counterOrders, takes, putBacks, handovers } = report.checkout;
    expect(offline.score.checkout).toEqual({ receipts, units, totalCents, currency, counterOrders, takes, putBacks, handovers });
  });

  it('prints an aligned summary table', () => {
    const lines = summaryTable(report).trimEnd().split('\n');
    expect(lines[0]).toBe('storetwin run: tiny, seed 7, camera fidelity: none (no camera frames)');
    // Values start after "  " + the longest section ("occupancy") + "  " + the longest label ("mean time in store") + "  ".
    const col = 2 + 'occupancy'.length + 2 + 'mean time in store'.length + 2;
    for (const row of lines.slice(2)) expect(row.slice(col - 2, col + 1)).toMatch(/^ {2}\S$/);
    expect(lines).toContain(`  ${''.padEnd(9)}  ${'wall clock'.padEnd(18)}  0.5 s (×84.0 real time)`);
  });
});

describe('report helpers', () => {
  it('niceLength picks 1-2-5 steps', () => {
    expect([0.7, 1, 3.9, 4, 7.5, 12].map(niceLength)).toEqual([0.5, 1, 2, 2, 5, 10]);
  });

  it('niceTicks runs from 0 to the maximum without crowding it', () => {
    expect(niceTicks(2566)).toEqual([0, 500, 1000, 1500, 2000, 2566]);
    expect(niceTicks(8)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0]);
  });

  it('fidelity follows the camera frame kinds', () => {
    expect(fidelityOf({ 'shelf-weight': 3 })).toBe('none (no camera frames)');
    expect(fidelityOf({ 'camera-detections': 3 })).toBe('detections');
    expect(fidelityOf({ 'camera-image': 3, 'camera-detections': 1 })).toBe('pixels');
  });

  it('duration reads like a person would say it', () => {
    expect([42, 432, 3725].map(duration)).toEqual(['42.0 s', '7 min 12 s', '1 h 02 min']);
  });
});
