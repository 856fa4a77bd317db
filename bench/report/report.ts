import type { RunLogFooter, RunLogHeader } from '../run/RunLog.ts';
import type { CheckoutScore, WrongLine } from '../score/checkoutScore.ts';
import type { CoverageSummary } from '../score/coverageSummary.ts';
import type { FaceScore } from '../score/faceScore.ts';
import type { IdentityScore } from '../score/identityScore.ts';
import type { CheckoutTotals, CrowdSummary, OccupancyScore } from '../score/occupancy.ts';
import type { RunScore } from '../score/scoreRun.ts';
import { TOOL, TOOL_VERSION } from '../version.ts';
import { DEFINITIONS } from './definitions.ts';

export { DEFINITIONS };

/** Version of report.json's layout. 2: tracking, identity, engine checkout, latency and layout blocks. */
export const REPORT_VERSION = 2;

/** File names the report writes or links to, relative to report.json. */
export const REPORT_FILES = {
  report: 'report.json',
  runLog: 'runlog.jsonl',
  timings: 'timings.jsonl',
  occupancySvg: 'occupancy.svg',
  dwellSvg: 'dwell.svg',
  shelfSvg: 'shelf-interactions.svg',
  congestionSvg: 'congestion.svg',
  missedSvg: 'missed-people.svg',
  idSwitchSvg: 'identity-switches.svg',
  coverageWholeSvg: 'coverage-whole-body.svg',
  coverageHeadSvg: 'coverage-head-only.svg',
  html: 'report.html',
  summary: 'summary.md',
  junit: 'junit.xml',
} as const;

/** Wall-clock figures of a live run; absent when a RunLog is scored offline without timings.jsonl. */
export interface WallTiming {
  readonly wallS: number;
  readonly realTimeFactor: number;
}

/** Tracking numbers (TrackEval's names), null for a twin-only run. */
export type TrackingBlock = { readonly [K in 'HOTA' | 'DetA' | 'AssA' | 'LocA' | 'DetRe' | 'DetPr' | 'AssRe' | 'AssPr' | 'MOTA' | 'MOTP' | 'CLR_TP' | 'CLR_FN' | 'CLR_FP' | 'IDSW' | 'MT' | 'PT' | 'ML' | 'Frag' | 'IDF1' | 'IDP' | 'IDR' | 'IDTP' | 'IDFN' | 'IDFP' | 'frames']: number | null };

/** Camera coverage of the floor (geometry of the scenario's cameras); every number null and no camera rows without cameras. */
export type CoverageBlock = { readonly [K in Exclude<keyof CoverageSummary, 'perCamera'>]: CoverageSummary[K] | null } & { readonly perCamera: CoverageSummary['perCamera'] };

/** report.json: every number of a run, with stable keys; a number a run cannot have is null. */
export interface Report {
  readonly version: typeof REPORT_VERSION;
  readonly tool: string;
  readonly toolVersion: string;
  readonly run: {
    readonly scenario: string;
    readonly seed: number;
    /** What the engine was fed from the cameras: `detections`, `pixels`, or none. */
    readonly fidelity: string;
    readonly engine: string | null;
    readonly mode: 'lockstep' | 'realtime';
    readonly simS: number;
    readonly endS: number;
    readonly ticks: number;
    readonly complete: boolean;
    readonly emptied: boolean;
    readonly wallS: number | null;
    readonly realTimeFactor: number | null;
  };
  readonly tracking: TrackingBlock;
  readonly identity: { readonly [K in Exclude<keyof IdentityScore, 'checkedAgainstTracks'>]: number | null } & { readonly checkedAgainstTracks: boolean | null };
  /** Face captures vs the enrolled gallery, by reader place: FNIR at FPIR (1:N), FNMR at FMR (1:1), with curves. */
  readonly face: FaceScore;
  readonly checkout: CheckoutTotals & { readonly [K in Exclude<keyof CheckoutScore, 'wrongLines' | 'alertsByKind' | 'counterOrders'>]: number | null } & { readonly alertsByKind: Readonly<Record<string, number>> };
  readonly latency: { readonly [K in 'ingests' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'meanMs' | 'maxMs' | 'endToEndP50Ms' | 'endToEndP95Ms' | 'endToEndP99Ms' | 'droppedFrames' | 'deliveredFrames']: number | null };
  readonly crowd: CrowdSummary;
  readonly layout: {
    readonly meanPathLengthM: number | null;
    readonly unplannedPicks: number;
    readonly unplannedPicksPerVisit: number | null;
    readonly peakDensityPerM2: number;
    readonly peakDensityAtS: number;
    readonly fruinShare: Readonly<Record<string, number>>;
  };
  readonly coverage: CoverageBlock;
  readonly occupancy: {
    readonly cellM: number;
    readonly unit: string;
    readonly maxPersonSPerM2: number;
    readonly gridPersonS: number;
    readonly outsideGridPersonS: number;
  };
  /** Every wrong receipt line: time, account, shoppers, SKU, quantity and money off, cause. */
  readonly wrongLines: readonly WrongLine[];
  readonly files: { readonly runLog: string };
  readonly heatmaps: Readonly<Record<string, string>>;
  readonly definitions: Readonly<Record<string, string>>;
}

/** Everything a report is built from. */
export interface ReportInput {
  readonly header: RunLogHeader;
  /** Null when the run did not finish. */
  readonly footer: RunLogFooter | null;
  /** The last simulated time seen in the RunLog, for runs without a footer. */
  readonly lastT: number;
  readonly score: OccupancyScore;
  readonly runScore: RunScore;
  readonly wall: WallTiming | null;
  readonly mode: 'lockstep' | 'realtime';
  readonly heatmaps: Readonly<Record<string, string>>;
  /** Camera coverage of the scenario; absent or null without cameras (or when the caller does not compute it). */
  readonly coverage?: CoverageSummary | null;
}

const NO_COVERAGE: CoverageBlock = {
  cameras: null, cellM: null, floorM2: null, wholeBodyAtLeast1: null, wholeBodyAtLeast2: null, headAtLeast1: null, headAtLeast2: null, blindShare: null, perCamera: [],
};

const TRACKING_KEYS = ['HOTA', 'DetA', 'AssA', 'LocA', 'DetRe', 'DetPr', 'AssRe', 'AssPr', 'MOTA', 'MOTP', 'CLR_TP', 'CLR_FN', 'CLR_FP', 'IDSW', 'MT', 'PT', 'ML', 'Frag', 'IDF1', 'IDP', 'IDR', 'IDTP', 'IDFN', 'IDFP', 'frames'] as const;

/** Tracking keys that count (they stay numbers, 0, when there was nothing to track). */
const TRACKING_COUNTS = new Set<string>(['CLR_TP', 'CLR_FN', 'CLR_FP', 'IDSW', 'MT', 'PT', 'ML', 'Frag', 'IDTP', 'IDFN', 'IDFP', 'frames']);

/**
 * No shopper in the store at any truth sample and no engine track: the tracking ratios are 0 / 0.
 * TrackEval writes them as 0 (and LocA as 1); the report writes null, so that an empty run (no
 * shoppers yet, a short --duration) reads as not measured rather than a tracker at 0 % failing its threshold.
 */
function nothingToTrack(tr: { readonly CLR_TP: number; readonly CLR_FN: number; readonly CLR_FP: number }): boolean {
  return tr.CLR_TP + tr.CLR_FN + tr.CLR_FP === 0;
}

/** The report of a run, as plain data with a fixed key order. Metric values are not rounded (they are compared to 1e-9). */
export function buildReport(input: ReportInput): Report {
  const { header, footer, score, wall, runScore: rs } = input;
  const values = score.grid.personSPerM2;
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  const tr = rs.tracking;
  const id = rs.identity;
  const co = rs.checkout;
  const la = rs.latency;
  return {
    version: REPORT_VERSION,
    tool: TOOL,
    toolVersion: TOOL_VERSION,
    run: {
      scenario: header.scenario,
      seed: header.seed,
      fidelity: fidelityOf(footer?.counts.framesByKind ?? {}),
      engine: header.engine?.name ?? null,
      mode: input.mode,
      simS: footer?.t ?? input.lastT,
      endS: header.endS,
      ticks: footer?.ticks ?? Math.round(input.lastT / header.dtS),
      complete: footer !== null,
      emptied: footer?.emptied ?? false,
      wallS: wall === null ? null : round(wall.wallS, 3),
      realTimeFactor: wall === null ? null : round(wall.realTimeFactor, 1),
    },
    tracking: Object.fromEntries(TRACKING_KEYS.map((k) => [k, tr === null || (nothingToTrack(tr) && !TRACKING_COUNTS.has(k)) ? null : tr[k]])) as TrackingBlock,
    identity: {
      scannedVisits: id?.scannedVisits ?? null,
      boundRightAtEntry: id?.boundRightAtEntry ?? null,
      boundRightAtEntryRate: id?.boundRightAtEntryRate ?? null,
      wrongBindings: id?.wrongBindings ?? null,
      midVisitSwitches: id?.midVisitSwitches ?? null,
      visitsChargedToWrongAccount: id?.visitsChargedToWrongAccount ?? null,
      checkedAgainstTracks: id?.checkedAgainstTracks ?? null,
    },
    face: rs.face,
    checkout: {
      ...score.checkout,
      trueReceipts: co?.trueReceipts ?? null,
      engineReceipts: co?.engineReceipts ?? null,
      exactReceipts: co?.exactReceipts ?? null,
      exactReceiptRate: co?.exactReceiptRate ?? null,
      itemPrecision: co?.itemPrecision ?? null,
      itemRecall: co?.itemRecall ?? null,
      itemF1: co?.itemF1 ?? null,
      overchargedCents: co?.overchargedCents ?? null,
      underchargedCents: co?.underchargedCents ?? null,
      unbilledVisits: co?.unbilledVisits ?? null,
      unbilledCents: co?.unbilledCents ?? null,
      alerts: co?.alerts ?? null,
      alertsByKind: co?.alertsByKind ?? {},
      reviewsPer1000: co?.reviewsPer1000 ?? null,
      exitToReceiptMeanS: co?.exitToReceiptMeanS ?? null,
      exitToReceiptP95S: co?.exitToReceiptP95S ?? null,
      counterCharges: co?.counterCharges ?? null,
    },
    latency: {
      ingests: la.ingests, p50Ms: la.p50Ms, p95Ms: la.p95Ms, p99Ms: la.p99Ms, meanMs: la.meanMs, maxMs: la.maxMs,
      endToEndP50Ms: la.endToEndP50Ms, endToEndP95Ms: la.endToEndP95Ms, endToEndP99Ms: la.endToEndP99Ms,
      droppedFrames: la.droppedFrames, deliveredFrames: la.deliveredFrames,
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
    layout: {
      meanPathLengthM: nullableRound(rs.layout.meanPathLengthM, 3),
      unplannedPicks: rs.layout.unplannedPicks,
      unplannedPicksPerVisit: nullableRound(rs.layout.unplannedPicksPerVisit, 4),
      peakDensityPerM2: round(rs.layout.peakDensityPerM2, 4),
      peakDensityAtS: rs.layout.peakDensityAtS,
      fruinShare: Object.fromEntries(Object.entries(rs.layout.fruinShare).map(([k, v]) => [k, round(v, 6)])),
    },
    coverage: input.coverage ?? NO_COVERAGE,
    occupancy: {
      cellM: score.grid.cellM,
      unit: 'person-s/m²',
      maxPersonSPerM2: round(max, 3),
      gridPersonS: round(score.gridPersonS, 3),
      outsideGridPersonS: round(score.outsideGridPersonS, 3),
    },
    wrongLines: co?.wrongLines ?? [],
    files: { runLog: REPORT_FILES.runLog },
    heatmaps: input.heatmaps,
    definitions: DEFINITIONS,
  };
}

/** The camera fidelity a run exercised, from the kinds of sensor frames it recorded. */
export function fidelityOf(framesByKind: Readonly<Record<string, number>>): string {
  const kinds = Object.keys(framesByKind);
  if (kinds.some((k) => /image|pixel/.test(k))) return 'pixels';
  if (kinds.some((k) => /detection/.test(k))) return 'detections';
  return 'none (no camera frames)';
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return r === 0 ? 0 : r;
}

function nullableRound(v: number | null, digits: number): number | null {
  return v === null ? null : round(v, digits);
}
