import type { Report } from './report.ts';
import type { ThresholdResult } from './thresholds.ts';

/** A number for people: percentages for ratios, fixed decimals otherwise, '-' for null. */
export function fmt(v: number | null | undefined, kind: 'pct' | 'int' | 'ms' | 'num' | 'money' = 'num', currency = ''): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '-';
  switch (kind) {
    case 'pct':
      return `${(100 * v).toFixed(1)} %`;
    case 'int':
      return String(Math.round(v));
    case 'ms':
      return `${v.toFixed(2)} ms`;
    case 'money':
      return `${currency} ${(v / 100).toFixed(2)}`;
    default:
      return Number.isInteger(v) ? String(v) : v.toFixed(3);
  }
}

/** The headline rows every summary shows: section, label, value. */
export function headlineRows(r: Report): [string, string, string][] {
  const cur = r.checkout.currency;
  return [
    ['tracking', 'HOTA / MOTA / IDF1', `${fmt(r.tracking.HOTA, 'pct')} / ${fmt(r.tracking.MOTA, 'pct')} / ${fmt(r.tracking.IDF1, 'pct')}`],
    ['tracking', 'ID switches', fmt(r.tracking.IDSW, 'int')],
    ['identity', 'bound right at entry', fmt(r.identity.boundRightAtEntryRate, 'pct')],
    ['face', 'FNIR @ FPIR 1 % (gates / counters)', `${fmt(r.face.gates.fnirAtFpir1pct, 'pct')} / ${fmt(r.face.counters.fnirAtFpir1pct, 'pct')}`],
    ['checkout', 'exact receipts', `${fmt(r.checkout.exactReceiptRate, 'pct')} (${fmt(r.checkout.exactReceipts, 'int')} of ${fmt(r.checkout.trueReceipts, 'int')})`],
    ['checkout', 'item precision / recall', `${fmt(r.checkout.itemPrecision, 'pct')} / ${fmt(r.checkout.itemRecall, 'pct')}`],
    ['checkout', 'over / under-charged', `${fmt(r.checkout.overchargedCents, 'money', cur)} / ${fmt(r.checkout.underchargedCents, 'money', cur)}`],
    ['checkout', 'reviews per 1000 visits', fmt(r.checkout.reviewsPer1000)],
    ['latency', 'engine p50 / p95 / p99', `${fmt(r.latency.p50Ms, 'ms')} / ${fmt(r.latency.p95Ms, 'ms')} / ${fmt(r.latency.p99Ms, 'ms')}`],
    ['crowd', 'visits (completed)', `${r.crowd.visits} (${r.crowd.visitsCompleted})`],
    ['cameras', 'floor seen whole by >= 1 / >= 2; blind', `${fmt(r.coverage.wholeBodyAtLeast1, 'pct')} / ${fmt(r.coverage.wholeBodyAtLeast2, 'pct')}; ${fmt(r.coverage.blindShare, 'pct')}`],
    ...blindCameraRows(r),
    ['layout', 'peak density', `${r.layout.peakDensityPerM2.toFixed(2)} persons/m²`],
  ];
}

/** Ids of the cameras that see no floor cell at all, not even a head (outside the store, or facing away), in scenario order. */
export function camerasSeeingNoFloor(r: Report): string[] {
  return r.coverage.perCamera.filter((c) => c.headShare === 0).map((c) => c.camera);
}

/** The warning row for cameras that see no floor: none when every camera sees some. */
export function blindCameraRows(r: Report): [string, string, string][] {
  const ids = camerasSeeingNoFloor(r);
  return ids.length === 0 ? [] : [['cameras', 'sees no floor', ids.join(', ')]];
}

/** summary.md: a short Markdown table for a pull-request comment, with the threshold results. */
export function summaryMd(r: Report, results: readonly ThresholdResult[]): string {
  const mark = { pass: '✅', fail: '❌', skipped: '➖' } as const;
  const lines = [
    `### storetwin: ${r.run.scenario}, seed ${r.run.seed}`,
    '',
    `Engine **${r.run.engine ?? 'none (twin only)'}**, ${r.run.mode}, camera fidelity **${r.run.fidelity}**, ${r.run.simS.toFixed(0)} s simulated${r.run.complete ? '' : ' (**did not finish**)'}.`,
    '',
    '| | metric | value |',
    '|---|---|---|',
    ...headlineRows(r).map(([a, b, c]) => `| ${a} | ${b} | ${c} |`),
    '',
    '| check | value | |',
    '|---|---|---|',
    ...results.map((x) => `| \`${x.threshold.key} ${x.threshold.op} ${x.threshold.value}\` | ${fmt(x.value)} | ${mark[x.outcome]} |`),
    '',
    r.wrongLines.length === 0 ? 'No wrong receipt lines.' : `${r.wrongLines.length} wrong receipt line${r.wrongLines.length === 1 ? '' : 's'} (see report.html).`,
    '',
  ];
  return lines.join('\n');
}
