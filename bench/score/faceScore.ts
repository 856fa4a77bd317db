import type { FaceCaptureFrame, StoreDescription } from '../../engine/api.ts';
import { FACE_DIM } from '../../engine/api.ts';
import type { TruthEvent } from '../../sim/truth/Truth.ts';
import type { RunLogHeader } from '../run/RunLog.ts';
import type { ErrorCurvePoint, FaceRatesConfig } from './faceErrorRates.ts';
import { FACE_RATES, identificationRates, verificationRates } from './faceErrorRates.ts';

/** Where a face reader sits: at a door (gate), a face-pay counter, or a fitting room. */
export type FacePlace = 'gates' | 'counters' | 'fittingRooms';

/** The FNIR keys of report.json (FACE_RATES.fpirTargets). */
export type FnirKey = 'fnirAtFpir1pct' | 'fnirAtFpir10pct';
/** The FNMR keys of report.json (FACE_RATES.fmrTargets). */
export type FnmrKey = 'fnmrAtFmr0_01pct' | 'fnmrAtFmr0_1pct' | 'fnmrAtFmr1pct';

/** Face error rates of one group of readers; rates are null when a side (mated, non-mated, genuine, impostor) is empty. */
export type FaceRates = {
  /** Captures scored as 1:N searches of the gallery. */
  readonly searches: number;
  /** Searches by enrolled people (their face is in the gallery). */
  readonly matedSearches: number;
  /** Searches by people not enrolled (tailgaters, companions, accounts that did not opt in). */
  readonly nonMatedSearches: number;
  /** Mated searches whose mate is the top candidate, at any score. */
  readonly rank1HitRate: number | null;
  readonly genuineComparisons: number;
  readonly impostorComparisons: number;
  /** FPIR (achieved), FNIR, threshold (accept above) from the strictest threshold up. */
  readonly identificationCurve: readonly ErrorCurvePoint[];
  /** FMR (achieved), FNMR, threshold (accept above). */
  readonly verificationCurve: readonly ErrorCurvePoint[];
} & { readonly [K in FnirKey | FnmrKey]: number | null };

/** Face metrics of a run: captures vs the enrolled gallery, by where they were taken. */
export interface FaceScore {
  /** Enrolled faces the captures were searched against (the StoreDescription's gallery); null when the run had no face captures (the gallery is not built). */
  readonly gallerySize: number | null;
  /** Face captures with no truth face scan at the same reader and time (not scored; should be 0). */
  readonly unmatchedCaptures: number;
  readonly gates: FaceRates;
  readonly counters: FaceRates;
  /** Every capture: gates, counters and fitting rooms. */
  readonly all: FaceRates;
}

/** One capture with its truth: which gallery entry is its mate (-1: not enrolled). */
export interface FaceSearch {
  readonly place: FacePlace;
  readonly descriptor: ArrayLike<number>;
  readonly mateIndex: number;
}

/**
 * Pairs each face-capture frame with the truth face scan it came from (same reader location
 * `at`, same time, in order) and looks its true face up in the gallery. Captures of a scan that
 * was lost to a misread never exist, so every capture should find its scan.
 */
export function faceSearchesOf(
  header: RunLogHeader, events: readonly TruthEvent[], captures: readonly FaceCaptureFrame[], gallery: StoreDescription['gallery'],
): { searches: FaceSearch[]; unmatched: number } {
  const store = header.scenarioJson.store as Partial<RunLogHeader['scenarioJson']['store']>;
  const counters = new Set((store.counters ?? []).map((c) => c.id));
  const rooms = new Set((store.fittingRooms ?? []).map((f) => f.id));
  const mateOf = new Map(gallery.map((g, i) => [g.accountId, i]));
  const scans = new Map<string, string[]>();
  for (const e of events) {
    if (e.kind !== 'scan' || e.method !== 'face') continue;
    const key = `${e.at}\u0000${e.t}`;
    const list = scans.get(key);
    if (list === undefined) scans.set(key, [e.faceKey]);
    else list.push(e.faceKey);
  }
  const searches: FaceSearch[] = [];
  let unmatched = 0;
  for (const c of captures) {
    if (c.descriptor.length !== FACE_DIM) throw new Error(`bench: face-capture ${c.sensorId} frame ${c.frame} (t ${c.t}) has ${c.descriptor.length} values, expected ${FACE_DIM}`);
    const faceKey = scans.get(`${c.at}\u0000${c.t}`)?.shift();
    if (faceKey === undefined) {
      unmatched++;
      continue;
    }
    const place: FacePlace = counters.has(c.at) ? 'counters' : rooms.has(c.at) ? 'fittingRooms' : 'gates';
    searches.push({ place, descriptor: c.descriptor, mateIndex: mateOf.get(faceKey) ?? -1 });
  }
  return { searches, unmatched };
}

/** Unit rows of the gallery, packed (FACE_DIM per entry); stored descriptors are rounded, so re-normalised. */
function packGallery(gallery: StoreDescription['gallery']): Float64Array {
  const g = new Float64Array(gallery.length * FACE_DIM);
  gallery.forEach((e, i) => {
    if (e.descriptor.length !== FACE_DIM) throw new Error(`bench: gallery entry ${e.accountId} has ${e.descriptor.length} values, expected ${FACE_DIM}`);
    let n = 0;
    for (const x of e.descriptor) n += x * x;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < FACE_DIM; d++) g[i * FACE_DIM + d] = e.descriptor[d]! / n;
  });
  return g;
}

/**
 * Scores face searches with cosine similarity against every gallery entry (a reference matcher,
 * independent of the engine's own decisions) and returns FNIR at FPIR and FNMR at FMR with their
 * curves, for gates, counters and all readers. A mate tied with the top score counts as rank 1.
 */
export function scoreFaceSearches(searches: readonly FaceSearch[], gallery: StoreDescription['gallery'] | null, unmatched = 0, config: FaceRatesConfig = FACE_RATES): FaceScore {
  if (gallery === null && searches.length > 0) throw new Error('bench: scoreFaceSearches: searches without a gallery');
  const size = gallery?.length ?? 0;
  const g = packGallery(gallery ?? []);
  const scores = new Float64Array(size);
  const q = new Float64Array(FACE_DIM);
  type Acc = { mated: number[]; nonMated: number[]; genuine: number[]; impostor: Float64Array; nImp: number };
  const groups = new Map<FacePlace, Acc>();
  const count = new Map<FacePlace, number>();
  for (const s of searches) count.set(s.place, (count.get(s.place) ?? 0) + 1);
  for (const [place, n] of count) groups.set(place, { mated: [], nonMated: [], genuine: [], impostor: new Float64Array(n * size), nImp: 0 });
  for (const s of searches) {
    let n = 0;
    for (let d = 0; d < FACE_DIM; d++) n += s.descriptor[d]! * s.descriptor[d]!;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < FACE_DIM; d++) q[d] = s.descriptor[d]! / n;
    let top = -Infinity;
    for (let i = 0, o = 0; i < size; i++, o += FACE_DIM) {
      let dot = 0;
      for (let d = 0; d < FACE_DIM; d++) dot += q[d]! * g[o + d]!;
      scores[i] = dot;
      if (dot > top) top = dot;
    }
    const acc = groups.get(s.place)!;
    for (let i = 0; i < size; i++) if (i !== s.mateIndex) acc.impostor[acc.nImp++] = scores[i]!;
    if (s.mateIndex >= 0) {
      const mate = scores[s.mateIndex]!;
      acc.genuine.push(mate);
      acc.mated.push(mate >= top ? mate : -Infinity);
    } else {
      acc.nonMated.push(top);
    }
  }
  const empty: Acc = { mated: [], nonMated: [], genuine: [], impostor: new Float64Array(0), nImp: 0 };
  const rates = (accs: readonly Acc[]): FaceRates => {
    const mated = accs.flatMap((a) => a.mated);
    const nonMated = accs.flatMap((a) => a.nonMated);
    const genuine = accs.flatMap((a) => a.genuine);
    const nImp = accs.reduce((s, a) => s + a.nImp, 0);
    const impostor = new Float64Array(nImp);
    let o = 0;
    for (const a of accs) {
      impostor.set(a.impostor.subarray(0, a.nImp), o);
      o += a.nImp;
    }
    const id = identificationRates({ matedRank1: mated, nonMatedTop: nonMated }, config);
    const ver = verificationRates({ genuine, impostor }, config);
    return {
      searches: mated.length + nonMated.length,
      matedSearches: mated.length,
      nonMatedSearches: nonMated.length,
      rank1HitRate: id.rank1HitRate,
      ...(id.fnirAt as Record<FnirKey, number | null>),
      genuineComparisons: genuine.length,
      impostorComparisons: nImp,
      ...(ver.fnmrAt as Record<FnmrKey, number | null>),
      identificationCurve: id.curve,
      verificationCurve: ver.curve,
    };
  };
  return {
    gallerySize: gallery === null ? null : size,
    unmatchedCaptures: unmatched,
    gates: rates([groups.get('gates') ?? empty]),
    counters: rates([groups.get('counters') ?? empty]),
    all: rates([...groups.values()]),
  };
}
