import { assignCandidates } from './disjointPairs.ts';
import type { TrackingSequence } from './TrackingSequence.ts';
import { EPS as EPS_IMPORTED, HOTA_ALPHAS as HOTA_ALPHAS_IMPORTED, checkSequence, countDets } from './TrackingSequence.ts';

// Module-local copies: imported bindings are live getters under some loaders, too slow in the per-frame loops.
const EPS = EPS_IMPORTED;
const HOTA_ALPHAS = HOTA_ALPHAS_IMPORTED;

const NA = HOTA_ALPHAS.length;
/** Largest gt x tracker id count kept as a dense matrix (64 MB); beyond it a map. */
const DENSE_MAX = 8_000_000;

/** HOTA's per-alpha fields for one sequence or a combination of sequences (TrackEval's `res`). */
export interface HotaArrays {
  readonly tp: Float64Array;
  readonly fn: Float64Array;
  readonly fp: Float64Array;
  readonly assA: Float64Array;
  readonly assRe: Float64Array;
  readonly assPr: Float64Array;
  readonly locA: Float64Array;
  readonly detA: Float64Array;
  readonly detRe: Float64Array;
  readonly detPr: Float64Array;
  readonly hota: Float64Array;
}

/** HOTA's headline numbers: each field's mean over the 19 alphas, as TrackEval reports them. */
export interface HotaSummary {
  readonly HOTA: number;
  readonly DetA: number;
  readonly AssA: number;
  readonly LocA: number;
  readonly DetRe: number;
  readonly DetPr: number;
  readonly AssRe: number;
  readonly AssPr: number;
}

function zeros(): Float64Array {
  return new Float64Array(NA);
}

/** Fills detA, detRe, detPr and hota from tp, fn, fp and assA (TrackEval's `_compute_final_fields`). */
function finalFields(r: Omit<HotaArrays, 'detA' | 'detRe' | 'detPr' | 'hota'>): HotaArrays {
  const detA = zeros();
  const detRe = zeros();
  const detPr = zeros();
  const hota = zeros();
  for (let a = 0; a < NA; a++) {
    const tp = r.tp[a]!;
    detRe[a] = tp / Math.max(1, tp + r.fn[a]!);
    detPr[a] = tp / Math.max(1, tp + r.fp[a]!);
    detA[a] = tp / Math.max(1, tp + r.fn[a]! + r.fp[a]!);
    hota[a] = Math.sqrt(detA[a]! * r.assA[a]!);
  }
  return { ...r, detA, detRe, detPr, hota };
}

/**
 * HOTA of one sequence, as TrackEval's `HOTA.eval_sequence`: a global alignment score per id
 * pair from similarity-weighted co-occurrence, per frame a Hungarian match maximising alignment x
 * similarity, then per alpha the matches with similarity >= alpha (less numpy's eps).
 */
export function hotaSequence(seq: TrackingSequence): HotaArrays {
  checkSequence(seq);
  const { gtDets, trackerDets } = countDets(seq);
  const tp = zeros();
  const fn = zeros();
  const fp = zeros();
  const assA = zeros();
  const assRe = zeros();
  const assPr = zeros();
  const locA = zeros();
  if (trackerDets === 0 || gtDets === 0) {
    fn.fill(trackerDets === 0 ? gtDets : 0);
    fp.fill(trackerDets === 0 ? 0 : trackerDets);
    locA.fill(1);
    return finalFields({ tp, fn, fp, assA, assRe, assPr, locA });
  }
  const nT = seq.numTrackerIds;
  const gtCount = new Float64Array(seq.numGtIds);
  const trCount = new Float64Array(nT);
  // Similarity-IoU summed per id pair: dense when it fits, else sparse (only ids seen together can pair).
  const dense = seq.numGtIds * nT <= DENSE_MAX ? new Float64Array(seq.numGtIds * nT) : null;
  const potential = new Map<number, number>();
  const getPotential = (key: number): number => (dense !== null ? dense[key]! : (potential.get(key) ?? 0));
  let rowSum = new Float64Array(0);
  let colSum = new Float64Array(0);
  for (const f of seq.frames) {
    const ng = f.gtIds.length;
    const nt = f.trackerIds.length;
    if (rowSum.length < ng) rowSum = new Float64Array(ng);
    if (colSum.length < nt) colSum = new Float64Array(nt);
    rowSum.fill(0);
    colSum.fill(0);
    const s = f.similarity;
    for (let i = 0; i < ng; i++) {
      for (let j = 0; j < nt; j++) {
        const v = s[i * nt + j]!;
        rowSum[i]! += v;
        colSum[j]! += v;
      }
    }
    for (let i = 0; i < ng; i++) {
      const g = f.gtIds[i]!;
      for (let j = 0; j < nt; j++) {
        const v = s[i * nt + j]!;
        // A zero similarity adds exactly 0 (the sums start at +0): skipping it changes no bit, and
        // on the floor most pairs are over 2 m apart.
        if (v === 0) continue;
        const denom = colSum[j]! + rowSum[i]! - v;
        const simIou = denom > EPS ? v / denom : 0;
        const key = g * nT + f.trackerIds[j]!;
        if (dense !== null) dense[key]! += simIou;
        else if (simIou !== 0) potential.set(key, (potential.get(key) ?? 0) + simIou);
      }
      gtCount[g]! += 1;
    }
    for (let j = 0; j < nt; j++) trCount[f.trackerIds[j]!]! += 1;
  }

  // Per id pair seen matched, its count at each alpha: slot k holds counts[k * NA + a].
  const slotOf = new Map<number, number>();
  let counts = new Float64Array(64 * NA);
  let score = new Float64Array(0);
  const matchesAt = new Float64Array(NA);
  const simSumAt = new Float64Array(NA);
  for (const f of seq.frames) {
    const ng = f.gtIds.length;
    const nt = f.trackerIds.length;
    if (ng === 0) {
      for (let a = 0; a < NA; a++) fp[a]! += nt;
      continue;
    }
    if (nt === 0) {
      for (let a = 0; a < NA; a++) fn[a]! += ng;
      continue;
    }
    const s = f.similarity;
    if (score.length < ng * nt) score = new Float64Array(ng * nt);
    for (let i = 0; i < ng; i++) {
      const g = f.gtIds[i]!;
      for (let j = 0; j < nt; j++) {
        const v = s[i * nt + j]!;
        // -(align x 0) is -0 for the finite, non-negative align: written without the lookup.
        if (v === 0) {
          score[i * nt + j] = -0;
          continue;
        }
        const tr = f.trackerIds[j]!;
        const pm = dense !== null ? dense[g * nT + tr]! : getPotential(g * nT + tr);
        const align = pm / (gtCount[g]! + trCount[tr]! - pm);
        // Negated, as TrackEval passes -score_mat to the minimiser.
        score[i * nt + j] = -(align * v);
      }
    }
    const { rows, cols, count } = assignCandidates(ng * nt === score.length ? score : score.subarray(0, ng * nt), ng, nt);
    matchesAt.fill(0);
    simSumAt.fill(0);
    for (let k = 0; k < count; k++) {
      const v = s[rows[k]! * nt + cols[k]!]!;
      if (v < HOTA_ALPHAS[0]! - EPS) continue;
      const key = f.gtIds[rows[k]!]! * nT + f.trackerIds[cols[k]!]!;
      let slot = slotOf.get(key);
      if (slot === undefined) {
        slot = slotOf.size;
        slotOf.set(key, slot);
        if ((slot + 1) * NA > counts.length) {
          const grown = new Float64Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
      // Matches in row order, alphas ascending: each alpha's similarity sum adds in the order TrackEval's does.
      for (let a = 0; a < NA && v >= HOTA_ALPHAS[a]! - EPS; a++) {
        matchesAt[a]!++;
        simSumAt[a]! += v;
        counts[slot * NA + a]! += 1;
      }
    }
    for (let a = 0; a < NA; a++) {
      const matches = matchesAt[a]!;
      tp[a]! += matches;
      fn[a]! += ng - matches;
      fp[a]! += nt - matches;
      if (matches > 0) locA[a]! += simSumAt[a]!;
    }
  }

  // Row-major order of the pairs, as numpy sums the dense matrix.
  const pairs = [...slotOf.entries()].sort((x, y) => x[0] - y[0]);
  for (let a = 0; a < NA; a++) {
    let sumA = 0;
    let sumRe = 0;
    let sumPr = 0;
    for (const [key, slot] of pairs) {
      const m = counts[slot * NA + a]!;
      if (m === 0) continue;
      const gc = gtCount[Math.floor(key / nT)]!;
      const tc = trCount[key % nT]!;
      sumA += m * (m / Math.max(1, gc + tc - m));
      sumRe += m * (m / Math.max(1, gc));
      sumPr += m * (m / Math.max(1, tc));
    }
    const denom = Math.max(1, tp[a]!);
    assA[a] = sumA / denom;
    assRe[a] = sumRe / denom;
    assPr[a] = sumPr / denom;
    locA[a] = Math.max(1e-10, locA[a]!) / Math.max(1e-10, tp[a]!);
  }
  return finalFields({ tp, fn, fp, assA, assRe, assPr, locA });
}

/** Combines sequences as TrackEval's `HOTA.combine_sequences`: counts summed, AssA/AssRe/AssPr/LocA weighted by TP. */
export function combineHota(all: readonly HotaArrays[]): HotaArrays {
  const tp = zeros();
  const fn = zeros();
  const fp = zeros();
  for (const r of all) {
    for (let a = 0; a < NA; a++) {
      tp[a]! += r.tp[a]!;
      fn[a]! += r.fn[a]!;
      fp[a]! += r.fp[a]!;
    }
  }
  const weighted = (pick: (r: HotaArrays) => Float64Array): Float64Array => {
    const out = zeros();
    for (const r of all) for (let a = 0; a < NA; a++) out[a]! += pick(r)[a]! * r.tp[a]!;
    return out;
  };
  const assA = weighted((r) => r.assA);
  const assRe = weighted((r) => r.assRe);
  const assPr = weighted((r) => r.assPr);
  const locA = weighted((r) => r.locA);
  for (let a = 0; a < NA; a++) {
    assA[a] = assA[a]! / Math.max(1, tp[a]!);
    assRe[a] = assRe[a]! / Math.max(1, tp[a]!);
    assPr[a] = assPr[a]! / Math.max(1, tp[a]!);
    locA[a] = Math.max(1e-10, locA[a]!) / Math.max(1e-10, tp[a]!);
  }
  return finalFields({ tp, fn, fp, assA, assRe, assPr, locA });
}

/** The means over the alphas that TrackEval prints. */
export function summarizeHota(r: HotaArrays): HotaSummary {
  return {
    HOTA: mean(r.hota),
    DetA: mean(r.detA),
    AssA: mean(r.assA),
    LocA: mean(r.locA),
    DetRe: mean(r.detRe),
    DetPr: mean(r.detPr),
    AssRe: mean(r.assRe),
    AssPr: mean(r.assPr),
  };
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}
