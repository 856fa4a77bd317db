import type { RunLogFooter, RunLogHeader } from '../run/RunLog.ts';
import type { CheckoutTotals, CrowdSummary, OccupancyScore } from '../score/occupancy.ts';
import { TOOL, TOOL_VERSION } from '../version.ts';

/** Version of report.json's layout. */
export const REPORT_VERSION = 1;

/** File names the report links to, relative to report.json. */
export const REPORT_FILES = {
  report: 'report.json',
  runLog: 'runlog.jsonl',
  occupancySvg: 'occupancy.svg',
} as const;

/** Wall-clock figures of a live run; absent when a RunLog is scored offline. */
export interface WallTiming {
  readonly wallS: number;
  readonly realTimeFactor: number;
}

/** report.json: every number of a run, with stable keys. Wall-clock fields are null when scored offline. */
export interface Report {
  readonly version: typeof REPORT_VERSION;
  readonly tool: string;
  readonly toolVersion: string;
  readonly run: {
    readonly scenario: string;
    readonly seed: number;
    /** What the engine would be fed from the cameras: `detections`, `pixels`, or none. */
    readonly fidelity: string;
    readonly mode: 'lockstep';
    readonly simS: number;
    readonly endS: number;
    readonly ticks: number;
    readonly complete: boolean;
    readonly emptied: boolean;
    readonly wallS: number | null;
    readonly realTimeFactor: number | null;
  };
  readonly crowd: CrowdSummary;
  readonly checkout: CheckoutTotals;
  readonly occupancy: {
    readonly cellM: number;
    readonly unit: string;
    readonly maxPersonSPerM2: number;
    readonly gridPersonS: number;
    readonly outsideGridPersonS: number;
  };
  readonly files: { readonly runLog: string };
  readonly heatmaps: { readonly occupancy: string };
  readonly definitions: Readonly<Record<string, string>>;
}

/** How each reported number is defined; written into every report so a reader need not guess. */
export const DEFINITIONS: Readonly<Record<string, string>> = {
  'run.fidelity': 'derived from the camera frame kinds in the RunLog; "none" means no camera frames, so no recognition was exercised',
  'run.simS': 'simulated seconds from t = 0 to the last tick',
  'run.emptied': 'every shopper had left by the end (false: cut at endS with shoppers present)',
  'run.realTimeFactor': 'simulated seconds per wall-clock second of the whole run, RunLog writing included',
  'crowd.shoppers': 'shoppers with an "entered" truth event, plus those inside the outline in their first truth row (placed there at the start)',
  'crowd.visits': 'distinct visit ids among those shoppers (a group is one visit)',
  'crowd.visitsCompleted': 'visits whose every shopper has an "exited" event',
  'crowd.meanTimeInStoreS': 'mean of exited.t - entered.t over shoppers with both (those placed inside at the start have no entry time)',
  'crowd.itemsPerVisit': 'units on the truth receipts of completed visits / completed visits',
  'crowd.peakInStore': 'most truth rows inside the store outline in one truth sample',
  'checkout.totalCents': 'sum of truth receipt totals',
  'occupancy': 'person-seconds per m² on a square grid over the outline\'s bounding box; each truth sample counts truthIntervalS for every shopper in it',
};

/** Everything a report is built from. */
export interface ReportInput {
  readonly header: RunLogHeader;
  /** Null when the run did not finish. */
  readonly footer: RunLogFooter | null;
  /** The last simulated time seen in the RunLog, for runs without a footer. */
  readonly lastT: number;
  readonly score: OccupancyScore;
  readonly wall: WallTiming | null;
}

/** The report of a run, as plain data with a fixed key order. */
export function buildReport(input: ReportInput): Report {
  const { header, footer, score, wall } = input;
  const values = score.grid.personSPerM2;
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return {
    version: REPORT_VERSION,
    tool: TOOL,
    toolVersion: TOOL_VERSION,
    run: {
      scenario: header.scenario,
      seed: header.seed,
      fidelity: fidelityOf(footer?.counts.framesByKind ?? {}),
      mode: 'lockstep',
      simS: footer?.t ?? input.lastT,
      endS: header.endS,
      ticks: footer?.ticks ?? Math.round(input.lastT / header.dtS),
      complete: footer !== null,
      emptied: footer?.emptied ?? false,
      wallS: wall === null ? null : round(wall.wallS, 3),
      realTimeFactor: wall === null ? null : round(wall.realTimeFactor, 1),
    },
    crowd: {
      shoppers: score.crowd.shoppers,
      visits: score.crowd.visits,
      visitsCompleted: score.crowd.visitsCompleted,
      meanTimeInStoreS: nullableRound(score.crowd.meanTimeInStoreS, 3),
      itemsPerVisit: nullableRound(score.crowd.itemsPerVisit, 3),
      peakInStore: score.crowd.peakInStore,
      peakAtS: score.crowd.peakAtS,
    },
    checkout: { ...score.checkout },
    occupancy: {
      cellM: score.grid.cellM,
      unit: 'person-s/m²',
      maxPersonSPerM2: round(max, 3),
      gridPersonS: round(score.gridPersonS, 3),
      outsideGridPersonS: round(score.outsideGridPersonS, 3),
    },
    files: { runLog: REPORT_FILES.runLog },
    heatmaps: { occupancy: REPORT_FILES.occupancySvg },
    definitions: DEFINITIONS,
  };
}

/** The camera fidelity a run exercised, from the kinds of sensor frames it recorded. */
export function fidelityOf(framesByKind: Readonly<Record<string, number>>): string {
  const kinds = Object.keys(framesByKind);
  if (kinds.some((k) => /image|pixel/.test(k))) return 'pixels';
  if (kinds.some((k) => /detection/.test(k))) return 'detections';
  return 'none (no cameras yet)';
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
}

function nullableRound(v: number | null, digits: number): number | null {
  return v === null ? null : round(v, digits);
}
