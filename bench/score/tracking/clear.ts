import { assignCandidates } from './disjointPairs.ts';
import type { TrackingSequence } from './TrackingSequence.ts';
import { EPS as EPS_IMPORTED, MATCH_THRESHOLD as MATCH_THRESHOLD_IMPORTED, checkSequence, countDets } from './TrackingSequence.ts';

// Module-local copies: imported bindings are live getters under some loaders, too slow in the per-frame loops.
const EPS = EPS_IMPORTED;
const MATCH_THRESHOLD = MATCH_THRESHOLD_IMPORTED;

/** CLEAR MOT's summed fields (what sequences combine by) and the ratios derived from them. */
export interface ClearResult {
  readonly CLR_TP: number;
  readonly CLR_FN: number;
  readonly CLR_FP: number;
  readonly IDSW: number;
  readonly MT: number;
  readonly PT: number;
  readonly ML: number;
  readonly Frag: number;
  readonly MOTP_sum: number;
  readonly CLR_Frames: number;
  readonly MOTA: number;
  readonly MOTP: number;
  readonly MODA: number;
  readonly CLR_Re: number;
  readonly CLR_Pr: number;
  readonly MTR: number;
  readonly PTR: number;
  readonly MLR: number;
}

type ClearSums = Pick<ClearResult, 'CLR_TP' | 'CLR_FN' | 'CLR_FP' | 'IDSW' | 'MT' | 'PT' | 'ML' | 'Frag' | 'MOTP_sum' | 'CLR_Frames'>;

/** TrackEval's `CLEAR._compute_final_fields`. */
function finalFields(s: ClearSums): ClearResult {
  const gtIds = s.MT + s.ML + s.PT;
  const gtDets = Math.max(1, s.CLR_TP + s.CLR_FN);
  return {
    ...s,
    MOTA: (s.CLR_TP - s.CLR_FP - s.IDSW) / gtDets,
    MOTP: s.MOTP_sum / Math.max(1, s.CLR_TP),
    MODA: (s.CLR_TP - s.CLR_FP) / gtDets,
    CLR_Re: s.CLR_TP / gtDets,
    CLR_Pr: s.CLR_TP / Math.max(1, s.CLR_TP + s.CLR_FP),
    MTR: s.MT / Math.max(1, gtIds),
    PTR: s.PT / Math.max(1, gtIds),
    MLR: s.ML / Math.max(1, gtIds),
  };
}

/**
 * CLEAR MOT of one sequence, as TrackEval's `CLEAR.eval_sequence` with THRESHOLD 0.5: per frame a
 * Hungarian match that first keeps last frame's pairs (weight 1000) and then maximises similarity,
 * pairs below the threshold excluded. An ID switch is a gt matched to another tracker than at its
 * last match, however long ago. Frames where one side is empty are skipped for continuity, as there.
 */
export function clearSequence(seq: TrackingSequence): ClearResult {
  checkSequence(seq);
  const { gtDets, trackerDets } = countDets(seq);
  const frames = seq.frames.length;
  if (trackerDets === 0) {
    return finalFields({ CLR_TP: 0, CLR_FN: gtDets, CLR_FP: 0, IDSW: 0, MT: 0, PT: 0, ML: seq.numGtIds, Frag: 0, MOTP_sum: 0, CLR_Frames: frames });
  }
  if (gtDets === 0) {
    return finalFields({ CLR_TP: 0, CLR_FN: 0, CLR_FP: trackerDets, IDSW: 0, MT: 0, PT: 0, ML: 0, Frag: 0, MOTP_sum: 0, CLR_Frames: frames });
  }
  const nG = seq.numGtIds;
  const gtCount = new Float64Array(nG);
  const gtMatched = new Float64Array(nG);
  const gtFrag = new Float64Array(nG);
  // -1 stands for numpy's NaN: no tracker.
  const prevTracker = new Int32Array(nG).fill(-1);
  const prevStepTracker = new Int32Array(nG).fill(-1);
  const matchedNow = new Int32Array(nG).fill(-1);
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let idsw = 0;
  let motpSum = 0;
  let cost = new Float64Array(0);
  for (const f of seq.frames) {
    const ng = f.gtIds.length;
    const nt = f.trackerIds.length;
    if (ng === 0) {
      fp += nt;
      continue;
    }
    if (nt === 0) {
      fn += ng;
      for (let i = 0; i < ng; i++) gtCount[f.gtIds[i]!]! += 1;
      continue;
    }
    const s = f.similarity;
    if (cost.length !== ng * nt) cost = new Float64Array(ng * nt);
    for (let i = 0; i < ng; i++) {
      const prev = prevStepTracker[f.gtIds[i]!]!;
      for (let j = 0; j < nt; j++) {
        const v = s[i * nt + j]!;
        const score = v < MATCH_THRESHOLD - EPS ? 0 : (f.trackerIds[j] === prev ? 1000 : 0) + v;
        cost[i * nt + j] = -score;
      }
    }
    const { rows, cols, count } = assignCandidates(cost, ng, nt);
    let matches = 0;
    let simSum = 0;
    matchedNow.fill(-1);
    for (let k = 0; k < count; k++) {
      const i = rows[k]!;
      const j = cols[k]!;
      if (!(-cost[i * nt + j]! > EPS)) continue;
      const g = f.gtIds[i]!;
      const tr = f.trackerIds[j]!;
      if (prevTracker[g]! >= 0 && prevTracker[g] !== tr) idsw++;
      matchedNow[g] = tr;
      gtMatched[g]! += 1;
      matches++;
      simSum += s[i * nt + j]!;
    }
    for (let i = 0; i < ng; i++) gtCount[f.gtIds[i]!]! += 1;
    for (let g = 0; g < nG; g++) {
      const now = matchedNow[g]!;
      if (now >= 0) {
        if (prevStepTracker[g]! < 0) gtFrag[g]! += 1;
        prevTracker[g] = now;
      }
      prevStepTracker[g] = now;
    }
    tp += matches;
    fn += ng - matches;
    fp += nt - matches;
    if (matches > 0) motpSum += simSum;
  }
  let mt = 0;
  let ptOrMore = 0;
  let frag = 0;
  for (let g = 0; g < nG; g++) {
    if (gtCount[g]! > 0) {
      const ratio = gtMatched[g]! / gtCount[g]!;
      if (ratio > 0.8) mt++;
      if (ratio >= 0.2) ptOrMore++;
    }
    if (gtFrag[g]! > 0) frag += gtFrag[g]! - 1;
  }
  return finalFields({
    CLR_TP: tp, CLR_FN: fn, CLR_FP: fp, IDSW: idsw, MT: mt, PT: ptOrMore - mt, ML: nG - ptOrMore, Frag: frag, MOTP_sum: motpSum, CLR_Frames: frames,
  });
}

/** Combines sequences as TrackEval: every summed field summed, then the ratios recomputed. */
export function combineClear(all: readonly ClearResult[]): ClearResult {
  const sum = (k: keyof ClearSums) => all.reduce((acc, r) => acc + r[k], 0);
  return finalFields({
    CLR_TP: sum('CLR_TP'), CLR_FN: sum('CLR_FN'), CLR_FP: sum('CLR_FP'), IDSW: sum('IDSW'), MT: sum('MT'), PT: sum('PT'),
    ML: sum('ML'), Frag: sum('Frag'), MOTP_sum: sum('MOTP_sum'), CLR_Frames: sum('CLR_Frames'),
  });
}
