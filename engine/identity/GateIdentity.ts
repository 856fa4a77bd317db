import type { DoorInfo, EngineEvent, StoreDescription } from '../api.ts';
import { APPEARANCE_DIM } from '../api.ts';
import type { EngineConfig } from '../EngineConfig.ts';
import { insidePolygon } from '../tracking/insidePolygon.ts';
import type { Track } from '../tracking/Track.ts';

/** A scan at an entry, waiting for the person it admits to pass the door. */
interface PendingScan {
  readonly t: number;
  /** Null: a face that matched no enrolled account. */
  readonly accountId: string | null;
  readonly method: 'qr' | 'face';
  readonly confidence: number;
}

/** A door pass waiting for its track to be confirmed near the door. */
interface WaitingBind {
  readonly t: number;
  readonly door: DoorInfo;
  readonly accountId: string | null;
  readonly method: 'qr' | 'face' | 'group';
  readonly confidence: number;
}

/** An identity whose track was lost mid-visit, kept for re-identification. */
interface LostIdentity {
  readonly accountId: string;
  readonly t: number;
  readonly x: number;
  readonly y: number;
  readonly appearance: Float32Array;
}

/** What GateIdentity tells checkout. */
export interface IdentityHooks {
  /** Every track bound to `accountId` has left: bill it. */
  visitEnded(t: number, accountId: string, trackIds: readonly number[], out: EngineEvent[]): void;
  /** A track leaving unbound: what it carried (for the alert's detail). */
  unboundCart(trackId: number): string;
  /** A track was bound: move anything it picked while unbound to the account. */
  bound(trackId: number, accountId: string): void;
  /** Two unbound tracks were one person: move what `from` picked to `to`. */
  moveCart(from: number, to: number): void;
}

/**
 * Who is who: binds the track passing an entry to the account scanned there (QR, or a face
 * matched to the gallery), binds the members of a group (several passes on scans of one account),
 * raises `tailgating` when someone passes without a scan right behind someone who scanned,
 * recovers an identity after a track loss by appearance, and ends a visit when the account's
 * last track leaves through an exit (`unbound-exit` when the leaver was never bound).
 *
 * Groups: every member shows the holder's code (or face) at the reader, so each pass has its own
 * scan; passes on an account that already has a track in the store are bound with method `group`.
 */
export class GateIdentity {
  private readonly doors = new Map<string, DoorInfo>();
  private readonly pending = new Map<string, PendingScan[]>();
  private readonly lastPass = new Map<string, { t: number; scanned: boolean; trackId: number | null }>();
  private readonly waiting: WaitingBind[] = [];
  private readonly lost: LostIdentity[] = [];
  /** Live tracks bound to each account, and every track it ever had this visit. */
  private readonly visits = new Map<string, { live: Set<number>; all: number[]; someLeft: boolean }>();
  /** Tracks that passed an entry (bound or not): only they raise `unbound-exit`. */
  private readonly admitted = new Set<number>();

  private readonly outline: StoreDescription['outline'];

  constructor(store: StoreDescription, private readonly cfg: EngineConfig['identity'], private readonly hooks: IdentityHooks) {
    for (const d of store.doors) this.doors.set(d.id, d);
    this.outline = store.outline;
  }

  /** The live tracks bound to an account. */
  liveTracks(accountId: string): ReadonlySet<number> | undefined {
    return this.visits.get(accountId)?.live;
  }

  /** A scan (QR, or a face matched or not) at door `at`. */
  scan(t: number, at: string, accountId: string | null, method: 'qr' | 'face', confidence: number): void {
    const door = this.doors.get(at);
    if (door === undefined || door.role !== 'entry') return;
    let q = this.pending.get(at);
    if (!q) this.pending.set(at, (q = []));
    q.push({ t, accountId, method, confidence });
  }

  /** A person passed a door's barrier or beam. */
  doorPass(t: number, doorId: string, direction: 'in' | 'out', tracks: readonly Track[], out: EngineEvent[]): void {
    const door = this.doors.get(doorId);
    if (door === undefined) return;
    if (direction === 'out' || door.role === 'exit') {
      // The person leaving is most likely someone with a visit to close: bound tracks first.
      const tr = this.nearest(tracks, door, (tr) => !tr.exited && tr.state !== 'tentative' && tr.accountId !== null)
        ?? this.nearest(tracks, door, (tr) => !tr.exited && tr.state !== 'tentative');
      if (tr) this.exit(t, tr, door.id, out);
      return;
    }
    const q = this.pending.get(doorId) ?? [];
    while (q.length > 0 && t - q[0]!.t > this.cfg.scanToPassS) q.shift();
    const scan = q.shift();
    const prev = this.lastPass.get(doorId);
    this.lastPass.set(doorId, { t, scanned: scan !== undefined, trackId: null });
    let accountId: string | null = null;
    let method: WaitingBind['method'] = 'qr';
    let confidence = 0;
    if (scan) {
      accountId = scan.accountId;
      method = accountId !== null && this.visits.has(accountId) ? 'group' : scan.method;
      confidence = scan.confidence;
    } else if (door.kind !== 'open') {
      const behind = prev !== undefined && prev.scanned && t - prev.t <= this.cfg.tailgateWindowS;
      out.push({
        kind: 'alert', t, alert: behind ? 'tailgating' : 'unknown-person', at: doorId,
        trackIds: behind && prev.trackId !== null ? [prev.trackId] : [], accountId: null,
        detail: behind ? `a second person passed ${doorId} ${round(t - prev.t)} s after one scan` : `a person passed ${doorId} without a scan`,
      });
    }
    this.waiting.push({ t, door, accountId, method, confidence });
    this.bindWaiting(t, tracks, out);
  }

  /** Newly confirmed tracks may be the person a door pass is waiting for, or a lost identity found again. */
  confirmed(t: number, track: Track, tracks: readonly Track[], out: EngineEvent[]): void {
    this.bindWaiting(t, tracks, out);
    this.reidentify(t, track, tracks, out);
  }

  /**
   * Re-identification sweep: every unbound track that did not come in through an entry is matched
   * against identities lost recently (removed tracks, and bound tracks currently lost), by appearance
   * within walking reach. Call it now and then (it is cheap: few tracks are unbound).
   */
  sweep(t: number, tracks: readonly Track[], out: EngineEvent[]): void {
    for (const tr of tracks) if (tr.state === 'tracked') this.reidentify(t, tr, tracks, out);
  }

  private reidentify(t: number, track: Track, tracks: readonly Track[], out: EngineEvent[]): void {
    if (this.admitted.has(track.id) || track.accountId !== null || track.exited) return;
    let best: LostIdentity | null = null;
    let bestTrack: Track | null = null;
    let bestCos = this.cfg.reidMinCosine;
    for (const l of this.lost) {
      if (t - l.t > this.cfg.reidWindowS) continue;
      if (Math.hypot(track.x - l.x, track.y - l.y) > 2 + 2 * (t - l.t)) continue;
      const c = cosine(l.appearance, track.appearance);
      if (c > bestCos) {
        bestCos = c;
        best = l;
      }
    }
    // A bound track that is lost right now may be this person under a new track.
    for (const other of tracks) {
      if (other === track || other.state !== 'lost' || other.accountId === null || other.exited) continue;
      if (Math.hypot(track.x - other.x, track.y - other.y) > 2 + 2 * (t - other.lastSeenT)) continue;
      const c = cosine(other.appearance, track.appearance);
      if (c > bestCos) {
        bestCos = c;
        bestTrack = other;
        best = null;
      }
    }
    let accountId: string;
    if (bestTrack !== null) {
      accountId = bestTrack.accountId!;
      // The old track hands its identity over and fades out unbound.
      this.visits.get(accountId)?.live.delete(bestTrack.id);
      bestTrack.accountId = null;
      this.admitted.delete(bestTrack.id);
    } else if (best !== null) {
      this.lost.splice(this.lost.indexOf(best), 1);
      accountId = best.accountId;
    } else {
      return;
    }
    this.admitted.add(track.id);
    this.bind(t, track, accountId, 'reid', null, bestCos, out);
  }

  /**
   * The tracker found two tracks to be one person and dropped `drop` for `keep`: the identity and
   * the cart follow the person (`keep` takes the account when only `drop` had one).
   */
  merged(t: number, drop: Track, keep: Track, out: EngineEvent[]): void {
    if (this.admitted.has(drop.id)) this.admitted.add(keep.id);
    const acct = drop.accountId;
    if (acct === null) {
      if (keep.accountId !== null) this.hooks.bound(drop.id, keep.accountId);
      else this.hooks.moveCart(drop.id, keep.id);
      return;
    }
    this.visits.get(acct)?.live.delete(drop.id);
    drop.accountId = null;
    if (keep.accountId === null) this.bind(t, keep, acct, 'reid', null, 1, out);
  }

  /** A track the tracker removed: left through an exit, or lost mid-store (kept for re-identification). */
  removed(t: number, track: Track, out: EngineEvent[]): void {
    if (track.exited) return;
    for (const d of this.doors.values()) {
      if (d.role === 'exit' && Math.hypot(track.x - d.positionM[0], track.y - d.positionM[1]) <= this.cfg.doorZoneM) {
        this.exit(t, track, d.id, out);
        return;
      }
    }
    const acct = track.accountId;
    if (acct === null) return;
    this.visits.get(acct)?.live.delete(track.id);
    this.lost.push({ accountId: acct, t, x: track.x, y: track.y, appearance: Float32Array.from(track.appearance) });
  }

  /** Binds door passes still waiting (their person may have stepped inside since). Call every tick. */
  settle(t: number, tracks: readonly Track[], out: EngineEvent[]): void {
    if (this.waiting.length > 0) this.bindWaiting(t, tracks, out);
  }

  /**
   * Drops door passes that waited too long for a track, and lost identities too old to find again.
   * A group visit some of whose people already left through an exit, left with no live track and no
   * identity to recover, is billed then: the rest were lost for good (gone out unseen, or swallowed by
   * another's track in a crowd), but the cart is known. A visit none of whose tracks left waits: its
   * person may still be inside.
   */
  expire(t: number, out: EngineEvent[]): void {
    let w = 0;
    for (const b of this.waiting) if (t - b.t <= this.cfg.bindWaitS) this.waiting[w++] = b;
    this.waiting.length = w;
    let k = 0;
    let gone: string[] | null = null;
    for (const l of this.lost) {
      if (t - l.t <= this.cfg.reidWindowS) this.lost[k++] = l;
      else (gone ??= []).push(l.accountId);
    }
    this.lost.length = k;
    if (gone === null) return;
    for (const acct of gone) {
      const v = this.visits.get(acct);
      if (v === undefined || !v.someLeft || v.live.size > 0 || this.lost.some((l) => l.accountId === acct)) continue;
      this.visits.delete(acct);
      this.hooks.visitEnded(t, acct, v.all, out);
    }
  }

  private bindWaiting(t: number, tracks: readonly Track[], out: EngineEvent[]): void {
    while (this.waiting.length > 0) {
      const b = this.waiting[0]!;
      // The person who passed is inside now; the next in the queue is still outside.
      const tr = this.nearest(tracks, b.door, (tr) => tr.state === 'tracked' && !this.admitted.has(tr.id) && tr.accountId === null && insidePolygon(tr.x, tr.y, this.outline));
      if (!tr) return;
      this.waiting.shift();
      this.admitted.add(tr.id);
      const last = this.lastPass.get(b.door.id);
      if (last && last.t === b.t) last.trackId = tr.id;
      if (b.accountId !== null) this.bind(t, tr, b.accountId, b.method, b.door.id, b.confidence, out);
    }
  }

  private bind(t: number, tr: Track, accountId: string, method: 'qr' | 'face' | 'reid' | 'group', at: string | null, confidence: number, out: EngineEvent[]): void {
    tr.accountId = accountId;
    let v = this.visits.get(accountId);
    if (!v) this.visits.set(accountId, (v = { live: new Set(), all: [], someLeft: false }));
    v.live.add(tr.id);
    v.all.push(tr.id);
    out.push({ kind: 'binding', t, trackId: tr.id, accountId, method, at, confidence: round(confidence) });
    this.hooks.bound(tr.id, accountId);
  }

  private exit(t: number, tr: Track, doorId: string, out: EngineEvent[]): void {
    tr.exited = true;
    const acct = tr.accountId;
    if (acct === null) {
      if (this.admitted.has(tr.id)) {
        out.push({ kind: 'alert', t, alert: 'unbound-exit', at: doorId, trackIds: [tr.id], accountId: null, detail: `track ${tr.id} left unbound${this.hooks.unboundCart(tr.id)}` });
      }
      return;
    }
    const v = this.visits.get(acct);
    if (!v) return;
    v.live.delete(tr.id);
    v.someLeft = true;
    if (v.live.size > 0) return;
    this.visits.delete(acct);
    // Identities of this account lost mid-visit are not coming back: the visit is over.
    for (let i = this.lost.length - 1; i >= 0; i--) if (this.lost[i]!.accountId === acct) this.lost.splice(i, 1);
    this.hooks.visitEnded(t, acct, v.all, out);
  }

  private nearest(tracks: readonly Track[], door: DoorInfo, ok: (tr: Track) => boolean): Track | null {
    let best: Track | null = null;
    let bestD = this.cfg.doorZoneM;
    for (const tr of tracks) {
      if (!ok(tr)) continue;
      const d = Math.hypot(tr.x - door.positionM[0], tr.y - door.positionM[1]);
      if (d <= bestD) {
        bestD = d;
        best = tr;
      }
    }
    return best;
  }
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let k = 0; k < APPEARANCE_DIM; k++) dot += a[k]! * b[k]!;
  return dot;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
