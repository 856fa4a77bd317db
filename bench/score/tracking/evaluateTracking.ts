import type { ClearResult } from './clear.ts';
import { clearSequence, combineClear } from './clear.ts';
import type { HotaArrays, HotaSummary } from './hota.ts';
import { combineHota, hotaSequence, summarizeHota } from './hota.ts';
import type { IdentityResult } from './identity.ts';
import { combineIdentity, identitySequence } from './identity.ts';
import type { TrackingSequence } from './TrackingSequence.ts';

/** The headline tracking numbers, keyed as TrackEval names them: HOTA's means, CLEAR's and Identity's fields. */
export interface TrackingMetrics
  extends HotaSummary,
    Pick<ClearResult, 'MOTA' | 'MOTP' | 'CLR_TP' | 'CLR_FN' | 'CLR_FP' | 'IDSW' | 'MT' | 'PT' | 'ML' | 'Frag'>,
    IdentityResult {}

/** The metric names of TrackingMetrics, in TrackEval's order. */
export const TRACKING_METRIC_KEYS = [
  'HOTA', 'DetA', 'AssA', 'LocA', 'DetRe', 'DetPr', 'AssRe', 'AssPr',
  'MOTA', 'MOTP', 'CLR_TP', 'CLR_FN', 'CLR_FP', 'IDSW', 'MT', 'PT', 'ML', 'Frag',
  'IDF1', 'IDP', 'IDR', 'IDTP', 'IDFN', 'IDFP',
] as const satisfies readonly (keyof TrackingMetrics)[];

/** Everything the three metric families computed, per sequence and combined. */
export interface TrackingEvaluation {
  readonly hota: HotaArrays;
  readonly clear: ClearResult;
  readonly identity: IdentityResult;
  readonly metrics: TrackingMetrics;
}

/** Picks the headline numbers out of the three families' results. */
export function trackingMetrics(hota: HotaArrays, clear: ClearResult, identity: IdentityResult): TrackingMetrics {
  return {
    ...summarizeHota(hota),
    MOTA: clear.MOTA, MOTP: clear.MOTP, CLR_TP: clear.CLR_TP, CLR_FN: clear.CLR_FN, CLR_FP: clear.CLR_FP, IDSW: clear.IDSW,
    MT: clear.MT, PT: clear.PT, ML: clear.ML, Frag: clear.Frag,
    IDF1: identity.IDF1, IDP: identity.IDP, IDR: identity.IDR, IDTP: identity.IDTP, IDFN: identity.IDFN, IDFP: identity.IDFP,
  };
}

/**
 * HOTA, CLEAR and Identity over one or more sequences, combined as TrackEval combines sequences
 * (its COMBINED_SEQ row; for one sequence that row equals the sequence's own apart from the
 * degenerate case of a sequence with no ground truth, where TrackEval prints MOTA 0 per sequence
 * but -FP combined).
 */
export function evaluateTracking(sequences: readonly TrackingSequence[]): TrackingEvaluation {
  const hota = combineHota(sequences.map(hotaSequence));
  const clear = combineClear(sequences.map(clearSequence));
  const identity = combineIdentity(sequences.map(identitySequence));
  return { hota, clear, identity, metrics: trackingMetrics(hota, clear, identity) };
}
