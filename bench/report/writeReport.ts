import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cameraCoverage } from '../../sim/sensors/camera/coverage.ts';
import { buildStore } from '../../sim/store/Store.ts';
import type { Store } from '../../sim/store/Store.ts';
import { scenarioOfRunLog } from '../run/scenarioOfRunLog.ts';
import type { RunData } from '../score/collectRun.ts';
import { readRunData } from '../score/readRunData.ts';
import { coverageLayer, coverageSummary } from '../score/coverageSummary.ts';
import type { Timings } from '../score/latencyScore.ts';
import { readTimings } from '../score/latencyScore.ts';
import type { OccupancyGrid, OccupancyScore } from '../score/occupancy.ts';
import { occupancyGrid } from '../score/occupancy.ts';
import type { RunScore, ScoreOptions } from '../score/scoreRun.ts';
import { scoreRun } from '../score/scoreRun.ts';
import { junitXml } from './junitXml.ts';
import { occupancySvg } from './occupancySvg.ts';
import type { Report, WallTiming } from './report.ts';
import { REPORT_FILES, buildReport } from './report.ts';
import { reportHtml } from './reportHtml.ts';
import { duration } from './summaryTable.ts';
import { summaryMd } from './summaryMd.ts';
import { checkThresholds } from './thresholds.ts';

/** A RunLog scored in one streaming pass. */
export interface ScoredRunLog extends RunData {
  /** The occupancy score (also `occupancy`), under its older name. */
  readonly score: OccupancyScore;
}

/** Reads a RunLog file once, streaming, and collects what every metric needs. */
export function scoreRunLogFile(runLogFile: string): ScoredRunLog {
  const run = readRunData(runLogFile);
  return { ...run, score: run.occupancy };
}

/** Everything `writeReport` produced, in memory. */
export interface WrittenReport {
  readonly report: Report;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Builds every report file of a run from its collected data: report.json, the heatmap SVGs,
 * report.html, summary.md and junit.xml (name -> contents). Pure: no I/O.
 */
export function renderReport(run: RunData, timings: Timings | null, wall: WallTiming | null, options: Pick<ScoreOptions, 'threads'> = {}): WrittenReport {
  const scenario = scenarioOfRunLog(run.header);
  const store = buildStore(scenario);
  const rs: RunScore = scoreRun(run, timings, options);
  const complete = run.footer !== null;
  const simS = run.footer?.t ?? run.lastT;
  const subtitle = `seed ${run.header.seed}, ${duration(simS)} simulated, ${run.occupancy.crowd.shoppers} shoppers, `
    + `${store.areaM2.toFixed(0)} m² floor${complete ? '' : ' (run did not finish)'}`;
  const maps: { file: string; key: string; title: string; grid: OccupancyGrid; unit: string; caption: string; linear?: boolean; blind?: Uint8Array }[] = [
    { file: REPORT_FILES.occupancySvg, key: 'occupancy', title: 'occupancy', grid: run.occupancy.grid, unit: 'person-s/m²', caption: `Occupancy: person-seconds per m² on ${run.occupancy.grid.cellM} m cells (truth).` },
    { file: REPORT_FILES.dwellSvg, key: 'dwell', title: 'dwell', grid: rs.layout.dwellGrid, unit: 'person-s/m²', caption: 'Dwell: person-seconds per m² spent below 0.2 m/s (truth).' },
    { file: REPORT_FILES.shelfSvg, key: 'shelfInteractions', title: 'shelf interactions', grid: shelfGrid(run, store), unit: 'picks / cell', caption: 'Shelf interactions: takes and put-backs, at the spot a shopper stands to reach the slot.' },
    { file: REPORT_FILES.congestionSvg, key: 'congestion', title: 'congestion', grid: rs.layout.congestionGrid, unit: 'person-s/m²', caption: 'Congestion: person-seconds per m² at Fruin level D or worse (local density > 0.72 persons/m²).' },
  ];
  if (rs.errors !== null) {
    maps.push(
      { file: REPORT_FILES.missedSvg, key: 'missedPeople', title: 'engine: missed people', grid: rs.errors.missed, unit: 'person-s/m²', caption: 'Missed people: person-seconds per m² of shoppers no engine track was within 1 m of.' },
      { file: REPORT_FILES.idSwitchSvg, key: 'identitySwitches', title: 'engine: identity switches', grid: rs.errors.idSwitches, unit: 'switches / cell', caption: 'Identity switches: where a shopper\'s track changed.' },
    );
  }
  const coverage = scenario.sensors.cameras.length === 0 ? null : cameraCoverage(scenario, store);
  if (coverage !== null) {
    const whole = coverageLayer(coverage, 'whole');
    const head = coverageLayer(coverage, 'headOnly');
    maps.push(
      { file: REPORT_FILES.coverageWholeSvg, key: 'coverageWholeBody', title: 'camera coverage, whole body', grid: whole.grid, unit: 'cameras', linear: true, blind: whole.blind, caption: `Cameras seeing a 1.7 m person standing in the cell whole, feet to head (geometry: frames and fixtures). Red: no camera sees even the head.` },
      { file: REPORT_FILES.coverageHeadSvg, key: 'coverageHeadOnly', title: 'camera coverage, head only', grid: head.grid, unit: 'cameras', linear: true, blind: head.blind, caption: `Cameras seeing only the head and shoulders of a person standing in the cell (the body hidden or out of frame). Red: no camera at all.` },
    );
  }
  const files: Record<string, string> = {};
  const heatmaps: Record<string, string> = {};
  const inline: { title: string; svg: string }[] = [];
  for (const m of maps) {
    const svg = occupancySvg({
      store, grid: m.grid, title: `${run.header.scenario}: ${m.title}`, subtitle, unit: m.unit, caption: m.caption,
      ...(m.linear ? { scale: 'linear' as const } : {}), ...(m.blind ? { blind: m.blind } : {}),
    });
    files[m.file] = svg;
    heatmaps[m.key] = m.file;
    inline.push({ title: m.title, svg });
  }
  const mode = timings?.footer?.mode ?? run.header.engine?.mode ?? 'lockstep';
  const effectiveWall = timings?.footer ? { wallS: timings.footer.wallS, realTimeFactor: timings.footer.realTimeFactor } : wall;
  const report = buildReport({ header: run.header, footer: run.footer, lastT: run.lastT, score: run.occupancy, runScore: rs, wall: effectiveWall, mode, heatmaps, coverage: coverage === null ? null : coverageSummary(coverage) });
  const checks = checkThresholds(report);
  files[REPORT_FILES.report] = JSON.stringify(report, null, 2) + '\n';
  files[REPORT_FILES.html] = reportHtml(report, { heatmaps: inline, latencyHistogram: rs.latency.histogram, thresholds: checks });
  files[REPORT_FILES.summary] = summaryMd(report, checks);
  files[REPORT_FILES.junit] = junitXml(report, checks);
  return { report, files };
}

/** Take and put-back events per cell, at the slot's stand point. */
function shelfGrid(run: RunData, store: Store): OccupancyGrid {
  const grid = occupancyGrid(run.header.scenarioJson.store.outline);
  for (const e of run.events) {
    if (e.kind !== 'take' && e.kind !== 'put-back') continue;
    const slot = store.slotById.get(e.slot);
    if (slot === undefined) continue;
    const [x, y] = slot.access.standAt;
    const c = Math.floor((x - grid.originM[0]) / grid.cellM);
    const r = Math.floor((y - grid.originM[1]) / grid.cellM);
    if (c >= 0 && c < grid.cols && r >= 0 && r < grid.rows) grid.personSPerM2[r * grid.cols + c]! += 1;
  }
  return grid;
}

/**
 * Scores a RunLog (and `timings.jsonl` beside it, if there) and writes every report file into
 * `outDir`. `wall` is the live run's timing, used when there is no timings.jsonl. `storetwin run`
 * and `storetwin score` both call this, so a score on a RunLog equals the report written live.
 */
export function writeReport(outDir: string, runLogFile: string, wall: WallTiming | null): Report {
  const run = readRunData(runLogFile);
  const timings = readTimings(join(dirname(runLogFile), REPORT_FILES.timings));
  const { report, files } = renderReport(run, timings, wall, { threads: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
  return report;
}
