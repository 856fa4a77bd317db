/**
 * Which items explain a weight change: a whole number of units of one SKU, chosen among
 * candidates in order of preference. Pure.
 */

/** A SKU that could explain a change, with its unit weight. */
export interface WeightCandidate {
  readonly sku: string;
  readonly weightG: number;
}

/** The best explanation found. */
export interface WeightExplanation {
  readonly sku: string;
  /** Units: positive when units were added to the plate, negative when taken. */
  readonly qty: number;
  /** Measured minus explained, grams. */
  readonly residualG: number;
}

/** Tolerance of a fit. */
export interface WeightFitConfig {
  /** Fixed tolerance, grams: a few sigmas of a plate level estimated from 5 readings. */
  readonly toleranceG: number;
  /** Extra tolerance per unit as a fraction of its weight: packs vary a little. */
  readonly tolerancePerUnit: number;
  /** Most units in one change: more than a hand carries is a restock or a fault. */
  readonly maxUnits: number;
}

/** Defaults for plates with about 2 g noise. */
export const WEIGHT_FIT_DEFAULTS: WeightFitConfig = { toleranceG: 7, tolerancePerUnit: 0.02, maxUnits: 6 };

/**
 * The candidate and unit count whose weight best fits `deltaG` within tolerance, or null.
 * A later candidate replaces an earlier one only if it fits clearly better (half the residual),
 * so the first (the planogram's SKU) wins close calls.
 */
export function explainWeightChange(deltaG: number, candidates: readonly WeightCandidate[], cfg: WeightFitConfig = WEIGHT_FIT_DEFAULTS): WeightExplanation | null {
  const sign = deltaG < 0 ? -1 : 1;
  const mag = Math.abs(deltaG);
  let best: WeightExplanation | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (!(c.weightG > 0)) throw new Error(`engine: explainWeightChange: ${c.sku} has weight ${c.weightG} g`);
    const n = Math.round(mag / c.weightG);
    if (n < 1 || n > cfg.maxUnits) continue;
    const residual = mag - n * c.weightG;
    const tol = cfg.toleranceG + cfg.tolerancePerUnit * n * c.weightG;
    if (Math.abs(residual) > tol) continue;
    const score = Math.abs(residual) / tol;
    if (best === null || score < bestScore * 0.5) {
      best = { sku: c.sku, qty: sign * n, residualG: sign * residual };
      bestScore = score;
    }
  }
  return best;
}
