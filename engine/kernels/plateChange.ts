/**
 * Robust step detection on one weight plate's readings: a running median rejects short bursts,
 * a slow baseline follows drift while the plate is quiet, and a change is reported only once the
 * readings have settled at a new level. Pure step function over an explicit state (no allocation per reading).
 */

/** Tunables of the detector, derived per plate from its noise (see `plateChangeParams`). */
export interface PlateChangeParams {
  /** Readings in the running median (odd). */
  readonly windowSamples: number;
  /** A median this far from the baseline is a change, grams. */
  readonly thresholdG: number;
  /** A window whose readings span no more than this has settled, grams. */
  readonly settleSpreadG: number;
  /** Settled windows in a row before a change is reported. */
  readonly settleSamples: number;
  /** Weight of each quiet median in the baseline (follows drift), 0..1. */
  readonly driftAlpha: number;
  /** Seconds between readings. */
  readonly periodS: number;
}

/** The detector's memory for one plate. */
export interface PlateChangeState {
  readonly ring: Float64Array;
  count: number;
  head: number;
  baselineG: number;
  changing: boolean;
  changeStartT: number;
  settled: number;
}

/** A change the detector reports: the plate went from one level to another. */
export interface PlateChange {
  /** When the change began (estimated from the first reading off the baseline), seconds. */
  readonly startT: number;
  /** When it settled (the reading that confirmed it), seconds. */
  readonly endT: number;
  /** New level minus old level, grams: negative when something was taken. */
  readonly deltaG: number;
}

/** Knobs that set a plate's detector from its noise: every number with why. */
export interface PlateChangeConfig {
  /** Running median length: 5 readings outvote bursts of up to 2. */
  readonly windowSamples: number;
  /** Threshold in noise sigmas: far above what a 5-median of Gaussian noise reaches. */
  readonly thresholdSigmas: number;
  /** Threshold floor, grams: under half the lightest item sold (20 g). */
  readonly minThresholdG: number;
  /** On a plate of light units the threshold drops to this fraction of a unit's weight: midway between no change and one unit (a 20 g item on a 3 g-noise plate is only 6.7 sigmas, and a 6-sigma threshold missed a sixth of such takes). */
  readonly unitFraction: number;
  /** ...but never below this many noise sigmas: a 5-median's spread is ~0.55 sigma, so 3.5 sigma is still over 6 of them. */
  readonly minThresholdSigmas: number;
  /** Settling spread in noise sigmas: the range of 5 Gaussian readings stays under about 4.5 sigma. */
  readonly settleSigmas: number;
  /** Settling spread floor, grams: for plates read with no noise at all. */
  readonly minSettleG: number;
  /** Settled readings in a row: 3 readings (0.3 s at 10 Hz) so a hand still resting on the plate does not count. */
  readonly settleSamples: number;
  /** Baseline smoothing: follows drift of tens of grams an hour, ignores a single odd median. */
  readonly driftAlpha: number;
}

/** Defaults for plates read at about 10 Hz. */
export const PLATE_CHANGE_DEFAULTS: PlateChangeConfig = {
  windowSamples: 5,
  thresholdSigmas: 6,
  minThresholdG: 9,
  unitFraction: 0.5,
  minThresholdSigmas: 3.5,
  settleSigmas: 6,
  minSettleG: 3,
  settleSamples: 3,
  driftAlpha: 0.05,
};

/**
 * A plate's detector parameters from its noise sigma and reading period, and the weight of the
 * lightest unit it holds (`unitG`; Infinity when unknown): a light unit lowers the threshold.
 */
export function plateChangeParams(noiseSigmaG: number, periodS: number, cfg: PlateChangeConfig = PLATE_CHANGE_DEFAULTS, unitG = Infinity): PlateChangeParams {
  if (cfg.windowSamples % 2 !== 1) throw new Error(`engine: plateChange: windowSamples must be odd, got ${cfg.windowSamples}`);
  const sigmas = Math.min(cfg.thresholdSigmas * noiseSigmaG, cfg.unitFraction * unitG);
  return {
    windowSamples: cfg.windowSamples,
    thresholdG: Math.max(sigmas, cfg.minThresholdSigmas * noiseSigmaG, cfg.minThresholdG),
    settleSpreadG: Math.max(cfg.settleSigmas * noiseSigmaG, cfg.minSettleG),
    settleSamples: cfg.settleSamples,
    driftAlpha: cfg.driftAlpha,
    periodS,
  };
}

/** A fresh detector state; the baseline is set from the first full window. */
export function plateChangeState(params: PlateChangeParams): PlateChangeState {
  return { ring: new Float64Array(params.windowSamples), count: 0, head: 0, baselineG: NaN, changing: false, changeStartT: 0, settled: 0 };
}

const sorted = new Float64Array(64);

/** Median and spread of the ring (the ring is tiny: insertion sort into a module scratch). */
function medianOf(ring: Float64Array, n: number): number {
  for (let i = 0; i < n; i++) {
    const v = ring[i]!;
    let j = i - 1;
    while (j >= 0 && sorted[j]! > v) {
      sorted[j + 1] = sorted[j]!;
      j--;
    }
    sorted[j + 1] = v;
  }
  spreadScratch = sorted[n - 1]! - sorted[0]!;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  meanScratch = sum / n;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}
let spreadScratch = 0;
let meanScratch = 0;

/**
 * Feeds one reading taken at time `t`; returns the change it confirms, or null.
 * The state is updated in place.
 */
export function plateChangeStep(s: PlateChangeState, p: PlateChangeParams, t: number, grams: number): PlateChange | null {
  const w = p.windowSamples;
  s.ring[s.head] = grams;
  s.head = (s.head + 1) % w;
  if (s.count < w) {
    s.count++;
    if (s.count < w) return null;
  }
  const median = medianOf(s.ring, w);
  const spread = spreadScratch;
  // Within a settled window there are no outliers, so the mean is the sharper level estimate.
  const level = spread <= p.settleSpreadG ? meanScratch : median;
  if (Number.isNaN(s.baselineG)) {
    s.baselineG = median;
    return null;
  }
  const dev = median - s.baselineG;
  if (Math.abs(dev) < p.thresholdG) {
    // Back at (or never left) the old level: a lift-and-return or a burst, not a change.
    s.changing = false;
    s.settled = 0;
    s.baselineG += p.driftAlpha * (level - s.baselineG);
    return null;
  }
  if (!s.changing) {
    s.changing = true;
    s.settled = 0;
    // The median turns after half a window of new-level readings.
    s.changeStartT = t - ((w - 1) / 2) * p.periodS;
  }
  if (spread > p.settleSpreadG) {
    s.settled = 0;
    return null;
  }
  s.settled++;
  if (s.settled < p.settleSamples) return null;
  const change: PlateChange = { startT: s.changeStartT, endT: t, deltaG: level - s.baselineG };
  s.baselineG = level;
  s.changing = false;
  s.settled = 0;
  return change;
}
