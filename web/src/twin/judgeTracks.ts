import type { TrackSnapshot } from '../../../engine/api.ts';
import type { MarkStatus } from '../../../sim/render/TrackMarkers.ts';

/** Tunables of judging engine tracks against truth for display (not a score: HOTA lives in bench/score). */
export const JUDGE = {
  /** A track further than this from every true shopper is a false track, metres (the bench's similarity reaches 0 at 2 m). */
  matchM: 1.0,
} as const;

/** A true shopper as the judge needs it. */
export interface TruthPoint {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  /** The account the shopper's visit is bound to; null for a tailgater. */
  readonly accountId: string | null;
}

/** What the judge decided: a status per track (same order) and the true shoppers no track covers. */
export interface TrackJudgement {
  readonly trackStatus: MarkStatus[];
  /** For each track, the true shopper it was matched to, or -1. */
  readonly trackTruth: number[];
  /** Indices into the truth array of shoppers with no track within reach. */
  readonly missed: number[];
}

/**
 * Matches tracks to true shoppers greedily by distance (closest pairs first, each used once, within
 * JUDGE.matchM) and names what each track is: bound to the right account, unbound, bound to the wrong
 * account, or matching nobody. Lost tracks are left out (the engine says it does not see them).
 * Pure; fine for the tens of people a store floor holds.
 */
export function judgeTracks(tracks: readonly TrackSnapshot[], truth: readonly TruthPoint[], matchM: number = JUDGE.matchM): TrackJudgement {
  const pairs: { d: number; ti: number; si: number }[] = [];
  for (let ti = 0; ti < tracks.length; ti++) {
    const tr = tracks[ti]!;
    if (tr.state === 'lost') continue;
    for (let si = 0; si < truth.length; si++) {
      const s = truth[si]!;
      const d = Math.hypot(tr.positionM[0] - s.x, tr.positionM[1] - s.y);
      if (d <= matchM) pairs.push({ d, ti, si });
    }
  }
  // Ties broken by indices so the result never depends on sort stability.
  pairs.sort((a, b) => a.d - b.d || a.ti - b.ti || a.si - b.si);
  const trackTruth = tracks.map(() => -1);
  const used = new Uint8Array(truth.length);
  for (const p of pairs) {
    if (trackTruth[p.ti] !== -1 || used[p.si]) continue;
    trackTruth[p.ti] = p.si;
    used[p.si] = 1;
  }
  const trackStatus = tracks.map((tr, i): MarkStatus => {
    const si = trackTruth[i]!;
    if (si < 0) return 'false-track';
    if (tr.accountId === null) return 'unbound';
    return tr.accountId === truth[si]!.accountId ? 'bound-right' : 'bound-wrong';
  });
  const missed: number[] = [];
  for (let si = 0; si < truth.length; si++) if (!used[si]) missed.push(si);
  return { trackStatus, trackTruth, missed };
}
