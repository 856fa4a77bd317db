/** Percentile p (0..100) of values by linear interpolation between closest ranks (numpy's default); null when empty. */
export function percentile(values: ArrayLike<number>, p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return percentileOfSorted(sorted, p);
}

/** Percentile of values already sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const pos = (p / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Arithmetic mean; null when empty. */
export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

/** a / b, or null when b is 0 (a rate with nothing to rate is undefined, not 0 or NaN). */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom; above 30 the normal 1.96 is within 4 %. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** Mean and 95 % confidence half-width (Student's t) of a sample; halfWidth null below 2 values. */
export function meanCi95(values: readonly number[]): { mean: number | null; halfWidth: number | null; n: number } {
  const n = values.length;
  const m = mean(values);
  if (m === null || n < 2) return { mean: m, halfWidth: null, n };
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const t = n - 1 <= T975.length ? T975[n - 2]! : 1.96;
  return { mean: m, halfWidth: (t * sd) / Math.sqrt(n), n };
}
