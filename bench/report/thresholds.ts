/** One pass/fail check on a report number, written to junit.xml as a test case. */
export interface Threshold {
  /** Dotted report.json key, e.g. `checkout.exactReceiptRate`. */
  readonly key: string;
  readonly op: '>=' | '<=';
  readonly value: number;
  /** Why this bar. */
  readonly reason: string;
}

/** Default bars for CI (junit.xml). A null value (twin-only run, no timings) makes its case skipped, not failed. */
export const DEFAULT_THRESHOLDS: readonly Threshold[] = [
  { key: 'run.complete', op: '>=', value: 1, reason: 'the run must finish' },
  { key: 'tracking.HOTA', op: '>=', value: 0.5, reason: 'a floor tracker below 0.5 HOTA loses shoppers too often to bill them' },
  { key: 'tracking.IDF1', op: '>=', value: 0.6, reason: 'identity must hold across most of a visit' },
  { key: 'checkout.exactReceiptRate', op: '>=', value: 0.9, reason: 'nine receipts in ten exactly right, the bar of a staffed till' },
  { key: 'checkout.itemPrecision', op: '>=', value: 0.95, reason: 'overcharging costs trust more than undercharging' },
  { key: 'checkout.itemRecall', op: '>=', value: 0.9, reason: 'missed items are shrink' },
  { key: 'checkout.reviewsPer1000', op: '<=', value: 50, reason: 'one review per 20 visits is what one remote operator can handle' },
  { key: 'latency.p99Ms', op: '<=', value: 100, reason: 'an engine must keep up with 10 Hz ticks' },
];

/** A dotted key's value in a report: a number, a boolean as 0/1, or null when absent. */
export function valueAt(report: unknown, key: string): number | null {
  let v: unknown = report;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[part];
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' ? v : null;
}

/** The outcome of a threshold on a report. */
export type ThresholdResult = { readonly threshold: Threshold; readonly value: number | null; readonly outcome: 'pass' | 'fail' | 'skipped' };

/** Checks each threshold against a report. */
export function checkThresholds(report: unknown, thresholds: readonly Threshold[] = DEFAULT_THRESHOLDS): ThresholdResult[] {
  return thresholds.map((threshold) => {
    const value = valueAt(report, threshold.key);
    if (value === null) return { threshold, value, outcome: 'skipped' };
    const ok = threshold.op === '>=' ? value >= threshold.value : value <= threshold.value;
    return { threshold, value, outcome: ok ? 'pass' : 'fail' };
  });
}
