import { linearSumAssignment } from './linearSumAssignment.ts';
import type { TrackingSequence } from './TrackingSequence.ts';
import { MATCH_THRESHOLD as MATCH_THRESHOLD_IMPORTED, checkSequence, countDets } from './TrackingSequence.ts';

// Module-local copies: imported bindings are live getters under some loaders, too slow in the per-frame loops.
const MATCH_THRESHOLD = MATCH_THRESHOLD_IMPORTED;

/** The identity metrics (Ristani et al. 2016) as TrackEval reports them. */
export interface IdentityResult {
  readonly IDTP: number;
  readonly IDFN: number;
  readonly IDFP: number;
  readonly IDF1: number;
  readonly IDP: number;
  readonly IDR: number;
}

/** TrackEval's `Identity._compute_final_fields`. */
function finalFields(idtp: number, idfn: number, idfp: number): IdentityResult {
  return {
    IDTP: idtp,
    IDFN: idfn,
    IDFP: idfp,
    IDF1: idtp / Math.max(1, idtp + 0.5 * idfp + 0.5 * idfn),
    IDP: idtp / Math.max(1, idtp + idfp),
    IDR: idtp / Math.max(1, idtp + idfn),
  };
}

/**
 * Identity metrics of one sequence, equal to TrackEval's `Identity.eval_sequence` (THRESHOLD 0.5).
 * TrackEval solves one (gt + tracker ids)² assignment whose cost is IDFN + IDFP; for every
 * assignment that cost is gtDets + trackerDets - 2 x (co-occurrences of the matched pairs), so
 * IDFN and IDFP depend only on the maximum total co-occurrence of a one-to-one id matching, which
 * is the same whichever optimum is picked. That maximum is found here component by component of
 * the co-occurrence graph, which keeps an hour-long store run (thousands of ids) fast and exact.
 */
export function identitySequence(seq: TrackingSequence): IdentityResult {
  checkSequence(seq);
  const { gtDets, trackerDets } = countDets(seq);
  if (trackerDets === 0) return finalFields(0, gtDets, 0);
  if (gtDets === 0) return finalFields(0, 0, trackerDets);
  const nG = seq.numGtIds;
  const nT = seq.numTrackerIds;
  // Frames in which a gt id and a tracker id are matchable (similarity >= threshold, no eps, as there).
  const together = new Map<number, number>();
  for (const f of seq.frames) {
    const ng = f.gtIds.length;
    const nt = f.trackerIds.length;
    for (let i = 0; i < ng; i++) {
      for (let j = 0; j < nt; j++) {
        if (f.similarity[i * nt + j]! >= MATCH_THRESHOLD) {
          const key = f.gtIds[i]! * nT + f.trackerIds[j]!;
          together.set(key, (together.get(key) ?? 0) + 1);
        }
      }
    }
  }
  const best = maxWeightMatching(together, nG, nT);
  const idfn = gtDets - best;
  const idfp = trackerDets - best;
  return finalFields(gtDets - idfn, idfn, idfp);
}

/** Largest total weight of a one-to-one matching between gt ids and tracker ids, edges keyed g * nT + t. */
function maxWeightMatching(edges: ReadonlyMap<number, number>, nG: number, nT: number): number {
  // Union-find over gt ids 0..nG-1 and tracker ids nG..nG+nT-1.
  const parent = new Int32Array(nG + nT);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const key of edges.keys()) {
    const a = find(Math.floor(key / nT));
    const b = find(nG + (key % nT));
    if (a !== b) parent[a] = b;
  }
  const byComponent = new Map<number, number[]>();
  for (const key of edges.keys()) {
    const root = find(Math.floor(key / nT));
    let list = byComponent.get(root);
    if (list === undefined) byComponent.set(root, (list = []));
    list.push(key);
  }
  let total = 0;
  for (const keys of byComponent.values()) {
    if (keys.length === 1) {
      total += edges.get(keys[0]!)!;
      continue;
    }
    const gts = [...new Set(keys.map((k) => Math.floor(k / nT)))];
    const trs = [...new Set(keys.map((k) => k % nT))];
    const gi = new Map(gts.map((g, i) => [g, i]));
    const ti = new Map(trs.map((t, i) => [t, i]));
    const w = new Float64Array(gts.length * trs.length);
    for (const k of keys) w[gi.get(Math.floor(k / nT))! * trs.length + ti.get(k % nT)!] = edges.get(k)!;
    const { rows, cols } = linearSumAssignment(w, gts.length, trs.length, true);
    for (let k = 0; k < rows.length; k++) total += w[rows[k]! * trs.length + cols[k]!]!;
  }
  return total;
}

/** Combines sequences as TrackEval: counts summed, then the ratios recomputed. */
export function combineIdentity(all: readonly IdentityResult[]): IdentityResult {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  for (const r of all) {
    tp += r.IDTP;
    fn += r.IDFN;
    fp += r.IDFP;
  }
  return finalFields(tp, fn, fp);
}
