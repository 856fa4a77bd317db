import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStore } from '../../sim/store/Store.ts';
import type { RunLogAbort, RunLogFooter, RunLogHeader, RunLogLine } from '../run/RunLog.ts';
import { readRunLogLines } from '../run/readRunLog.ts';
import { scenarioOfRunLog } from '../run/scenarioOfRunLog.ts';
import type { OccupancyScore } from '../score/occupancy.ts';
import { scoreOccupancy } from '../score/occupancy.ts';
import { occupancySvg } from './occupancySvg.ts';
import type { Report, WallTiming } from './report.ts';
import { REPORT_FILES, buildReport } from './report.ts';
import { duration } from './summaryTable.ts';

/** A RunLog scored in one streaming pass. */
export interface ScoredRunLog {
  readonly header: RunLogHeader;
  readonly footer: RunLogFooter | null;
  readonly abort: RunLogAbort | null;
  readonly lastT: number;
  readonly score: OccupancyScore;
}

/** Reads a RunLog file once, streaming, and scores it. */
export function scoreRunLogFile(runLogFile: string): ScoredRunLog {
  let header: RunLogHeader | null = null;
  let footer: RunLogFooter | null = null;
  let abort: RunLogAbort | null = null;
  let lastT = 0;
  function* tap(lines: Iterable<RunLogLine>): Generator<RunLogLine> {
    for (const line of lines) {
      if (line.type === 'header') header = line;
      else if (line.type === 'footer') footer = line;
      else if (line.type === 'abort') abort = line;
      if (line.type !== 'header') lastT = Math.max(lastT, line.t);
      yield line;
    }
  }
  const score = scoreOccupancy(tap(readRunLogLines(runLogFile)));
  // readRunLogLines guarantees a header on line 1.
  return { header: header!, footer, abort, lastT, score };
}

/**
 * Scores a RunLog and writes report.json and occupancy.svg beside it, in `outDir`.
 * `wall` is the live run's timing, or null when scoring a RunLog offline.
 */
export function writeReport(outDir: string, runLogFile: string, wall: WallTiming | null): Report {
  const scored = scoreRunLogFile(runLogFile);
  const report = buildReport({ header: scored.header, footer: scored.footer, lastT: scored.lastT, score: scored.score, wall });
  const store = buildStore(scenarioOfRunLog(scored.header));
  const svg = occupancySvg({
    store,
    grid: scored.score.grid,
    title: `${report.run.scenario}: occupancy`,
    subtitle: `seed ${report.run.seed}, ${duration(report.run.simS)} simulated, ${report.crowd.shoppers} shoppers, `
      + `${store.areaM2.toFixed(0)} m² floor${report.run.complete ? '' : ' (run did not finish)'}`,
  });
  writeFileSync(join(outDir, REPORT_FILES.occupancySvg), svg);
  writeFileSync(join(outDir, REPORT_FILES.report), JSON.stringify(report, null, 2) + '\n');
  return report;
}
