import type { EngineConfig } from '../EngineConfig.ts';
import { camsEmpty, camsIntersect } from './cameraSets.ts';
import type { Track } from './Track.ts';

/** Reused buffers of `mergeDuplicateTracks`, per track index (grow, never shrink). */
export class DuplicateScratch {
  x = new Float64Array(64);
  y = new Float64Array(64);
  /** 1: seen at the latest update and not tentative, so it may be a duplicate. */
  ok = new Uint8Array(64);

  /** Makes room for `n` tracks. */
  ensure(n: number): void {
    if (this.x.length >= n) return;
    this.x = new Float64Array(n * 2);
    this.y = new Float64Array(n * 2);
    this.ok = new Uint8Array(n * 2);
  }
}

/**
 * The tracker's duplicate-track merge. Two seen tracks closer than mergeM that no camera saw both
 * of (their camera sets, `camWords` words each, do not intersect) are one person seen twice: after
 * mergeUpdates such updates in a row the weaker is dropped from `tracks` (a bound one is kept over
 * an unbound one; tracks bound to two different accounts are two people). Appends [dropped, kept]
 * pairs to `merged`; updates each track's dupCount.
 */
export function mergeDuplicateTracks(tracks: Track[], cfg: EngineConfig['tracking'], camWords: number, scratch: DuplicateScratch, merged: [Track, Track][]): void {
  const m2 = cfg.mergeM * cfg.mergeM;
  const words = camWords;
  const nt = tracks.length;
  // The pair loop reads flat copies (candidate flag, position): a track's camera set is one more
  // indirection, so it is read only for the few pairs close enough.
  scratch.ensure(nt);
  const { x: px, y: py, ok } = scratch;
  for (let i = 0; i < nt; i++) {
    const tr = tracks[i]!;
    tr.dupSeen = false;
    ok[i] = tr.state === 'tentative' || camsEmpty(tr.seenBy, 0, words) ? 0 : 1;
    px[i] = tr.x;
    py[i] = tr.y;
  }
  const first = merged.length;
  for (let i = 0; i < nt; i++) {
    if (ok[i] === 0) continue;
    const ax = px[i]!;
    const ay = py[i]!;
    for (let k = i + 1; k < nt; k++) {
      if (ok[k] === 0) continue;
      const bx = px[k]!;
      const by = py[k]!;
      if ((ax - bx) * (ax - bx) + (ay - by) * (ay - by) > m2) continue;
      const a = tracks[i]!;
      const b = tracks[k]!;
      if (camsIntersect(a.seenBy, 0, b.seenBy, 0, words)) continue;
      if (a.accountId !== null && b.accountId !== null && a.accountId !== b.accountId) continue;
      // The younger track counts the evidence.
      b.dupCount++;
      b.dupSeen = true;
      if (b.dupCount >= cfg.mergeUpdates) {
        const dropA = a.accountId === null && (b.accountId !== null || a.hits < b.hits);
        merged.push(dropA ? [a, b] : [b, a]);
      }
    }
  }
  for (const tr of tracks) if (!tr.dupSeen) tr.dupCount = 0;
  if (merged.length === first) return;
  const gone = new Set<Track>();
  let w = first;
  for (let m = first; m < merged.length; m++) {
    const [drop, keep] = merged[m]!;
    if (gone.has(drop) || gone.has(keep)) continue;
    gone.add(drop);
    merged[w++] = [drop, keep];
  }
  merged.length = w;
  let k = 0;
  for (const tr of tracks) if (!gone.has(tr)) tracks[k++] = tr;
  tracks.length = k;
}
