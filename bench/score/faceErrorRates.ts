/**
 * Face recognition error rates per ISO/IEC 19795-1 and NIST FRVT, from similarity scores.
 *
 * Identification (1:N against the gallery, rank 1): a mated search (the person is enrolled) is a
 * miss when its mate is not the top candidate or scores at or below the threshold; a non-mated
 * search (not enrolled) is a false positive when its top candidate scores above the threshold.
 * FNIR at FPIR = f: the threshold is the lowest one with FPIR <= f, and FNIR is read there.
 *
 * Verification (1:1): genuine comparisons (a capture vs its own enrolled template) fail below the
 * threshold; impostor comparisons (a capture vs any other template) match above it.
 * FNMR at FMR = f: the lowest threshold with FMR <= f, FNMR read there.
 *
 * A threshold here is a score `s`: accept when score > s. Pure kernels: scores in, rates out.
 */

/** Operating points and curve sampling of the face metrics. */
export interface FaceRatesConfig {
  /** FPIR targets FNIR is reported at (identification), keyed by report name. */
  readonly fpirTargets: readonly { readonly key: string; readonly rate: number }[];
  /** FMR targets FNMR is reported at (verification), keyed by report name. */
  readonly fmrTargets: readonly { readonly key: string; readonly rate: number }[];
  /** Curve points per decade of the false-positive axis (log-spaced from 1 / negatives to 1). */
  readonly curvePointsPerDecade: number;
}

/** Defaults of FaceRatesConfig. */
export const FACE_RATES: FaceRatesConfig = {
  // A store run has tens to hundreds of non-mated searches: 1 % and 10 % are what it can resolve.
  fpirTargets: [{ key: 'fnirAtFpir1pct', rate: 0.01 }, { key: 'fnirAtFpir10pct', rate: 0.1 }],
  // Impostor comparisons run to millions (captures x gallery): FRVT's 1:1 operating points.
  fmrTargets: [{ key: 'fnmrAtFmr0_01pct', rate: 1e-4 }, { key: 'fnmrAtFmr0_1pct', rate: 1e-3 }, { key: 'fnmrAtFmr1pct', rate: 1e-2 }],
  // Four per decade draws a smooth DET curve in a few dozen points.
  curvePointsPerDecade: 4,
};

/** One point of an error trade-off curve: achieved false-positive rate, false-negative rate, threshold (accept above). */
export type ErrorCurvePoint = readonly [falsePositiveRate: number, falseNegativeRate: number, threshold: number];

/** Rank-1 identification searches, as scores. */
export interface IdentificationScores {
  /** Per mated search: the mate's score when the mate is the top candidate, else -Infinity (a miss at any threshold). */
  readonly matedRank1: ArrayLike<number>;
  /** Per non-mated search: the top candidate's score (-Infinity for an empty gallery). */
  readonly nonMatedTop: ArrayLike<number>;
}

/** Verification comparisons, as scores. */
export interface VerificationScores {
  readonly genuine: ArrayLike<number>;
  readonly impostor: ArrayLike<number>;
}

/** Sorted copies of a score list, ascending. */
function sortedAsc(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Count of sorted values <= x (upper bound). */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The lowest threshold whose false-positive rate is <= `rate` over the sorted negative scores:
 * with k = floor(rate * n) false positives allowed, accept above the (k+1)-th highest score.
 * -Infinity when every negative may pass (k >= n).
 */
export function thresholdAtRate(negativesAsc: Float64Array, rate: number): number {
  const n = negativesAsc.length;
  // The epsilon keeps 0.29 * 100 = 28.999999999999996 at 29.
  const k = Math.floor(rate * n + 1e-9);
  return k >= n ? -Infinity : negativesAsc[n - 1 - k]!;
}

/** The trade-off at a threshold: share of negatives above it, share of positives at or below it. */
function pointAt(negativesAsc: Float64Array, positivesAsc: Float64Array, threshold: number): ErrorCurvePoint {
  const fp = (negativesAsc.length - countAtMost(negativesAsc, threshold)) / negativesAsc.length;
  const fn = countAtMost(positivesAsc, threshold) / positivesAsc.length;
  return [fp, fn, threshold];
}

/** False-negative rate at each target false-positive rate, and the curve; nulls when either side has no scores. */
function tradeOff(
  negatives: ArrayLike<number>, positives: ArrayLike<number>,
  targets: readonly { readonly key: string; readonly rate: number }[], perDecade: number,
): { readonly at: Record<string, number | null>; readonly curve: ErrorCurvePoint[] } {
  const at: Record<string, number | null> = {};
  if (negatives.length === 0 || positives.length === 0) {
    for (const t of targets) at[t.key] = null;
    return { at, curve: [] };
  }
  const neg = sortedAsc(negatives);
  const pos = sortedAsc(positives);
  for (const t of targets) at[t.key] = pointAt(neg, pos, thresholdAtRate(neg, t.rate))[1];
  const curve: ErrorCurvePoint[] = [];
  const decades = Math.log10(neg.length);
  const steps = Math.ceil(decades * perDecade);
  // From the strictest threshold (no negative passes) up the log-spaced rates to 1; a point that
  // would accept every score is left out (its threshold is -Infinity, which JSON cannot hold).
  for (let i = -1; i <= steps; i++) {
    const rate = i < 0 ? 0 : 10 ** (-decades + Math.min(decades, i / perDecade));
    const threshold = thresholdAtRate(neg, rate);
    if (threshold === -Infinity) break;
    const p = pointAt(neg, pos, threshold);
    const last = curve[curve.length - 1];
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) curve.push(p);
  }
  return { at, curve };
}

/** Identification error rates: FNIR at each FPIR target, the rank-1 hit rate, and the FNIR-vs-FPIR curve. */
export function identificationRates(s: IdentificationScores, config: FaceRatesConfig = FACE_RATES): {
  readonly fnirAt: Record<string, number | null>;
  readonly rank1HitRate: number | null;
  readonly curve: ErrorCurvePoint[];
} {
  let hits = 0;
  for (let i = 0; i < s.matedRank1.length; i++) if (s.matedRank1[i]! > -Infinity) hits++;
  const { at, curve } = tradeOff(s.nonMatedTop, s.matedRank1, config.fpirTargets, config.curvePointsPerDecade);
  return { fnirAt: at, rank1HitRate: s.matedRank1.length === 0 ? null : hits / s.matedRank1.length, curve };
}

/** Verification error rates: FNMR at each FMR target and the FNMR-vs-FMR curve. */
export function verificationRates(s: VerificationScores, config: FaceRatesConfig = FACE_RATES): {
  readonly fnmrAt: Record<string, number | null>;
  readonly curve: ErrorCurvePoint[];
} {
  const { at, curve } = tradeOff(s.impostor, s.genuine, config.fmrTargets, config.curvePointsPerDecade);
  return { fnmrAt: at, curve };
}
