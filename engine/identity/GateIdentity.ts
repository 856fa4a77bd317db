import type { BindingMethod, DoorInfo, EngineEvent, StoreDescription } from '../api.ts';
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
    if (!this.reidable(track)) return;
    // The best and the runner-up among identities this track could be: lost ones (removed tracks)
    // and bound tracks lost right now (this person may be back under a new track).
    let best: LostIdentity | null = null;
    let bestTrack: Track | null = null;
    let bestCos = -Infinity;
    let secondCos = -Infinity;
    for (const l of this.lost) {
      if (t - l.t > this.cfg.reidWindowS) continue;
      if (!withinReach(track, l.x, l.y, t - l.t)) continue;
      const c = cosine(l.appearance, track.appearance);
      if (c > bestCos) {
        secondCos = bestCos;
        bestCos = c;
        best = l;
      } else if (c > secondCos) {
        secondCos = c;
      }
    }
    for (const other of tracks) {
      if (other === track || other.state !== 'lost' || other.accountId === null || other.exited) continue;
      if (!withinReach(track, other.x, other.y, t - other.lastSeenT)) continue;
      const c = cosine(other.appearance, track.appearance);
      if (c > bestCos) {
        secondCos = bestCos;
        bestCos = c;
        bestTrack = other;
        best = null;
      } else if (c > secondCos) {
        secondCos = c;
      }
    }
    if (bestCos < this.cfg.reidMinCosine) return;
    // In a crowd strangers' looks overlap: an identity goes only to a track that is clearly its best
    // match and clearly better than the runner-up; a doubt waits for the next sweep (appearance sharpens
    // as the track is seen, and the other candidate may leave or be claimed).
    if (bestCos - secondCos < this.cfg.reidMarginMin) return;
    const look = bestTrack !== null ? bestTrack.appearance : best!.appearance;
    const lx = bestTrack !== null ? bestTrack.x : best!.x;
    const ly = bestTrack !== null ? bestTrack.y : best!.y;
    const lostS = t - (bestTrack !== null ? bestTrack.lastSeenT : best!.t);
    for (const other of tracks) {
      if (other === track || other.state !== 'tracked' || !this.reidable(other)) continue;
      if (!withinReach(other, lx, ly, lostS)) continue;
      if (cosine(look, other.appearance) > bestCos - this.cfg.reidMarginMin) return;
    }
    let accountId: string;
    if (bestTrack !== null) {
      accountId = bestTrack.accountId!;
      // The old track hands its identity over and fades out unbound.
      this.visits.get(accountId)?.live.delete(bestTrack.id);
      bestTrack.accountId = null;
      this.admitted.delete(bestTrack.id);
    } else {
      this.lost.splice(this.lost.indexOf(best!), 1);
      accountId = best!.accountId;
    }
    this.admitted.add(track.id);
    this.bind(t, track, accountId, 'reid', null, bestCos, out);
  }

  /**
   * A track that may take a lost identity: unbound, not one that came in through an entry, and in the
   * store (cameras see the queue outside the entry too: someone there has not come in yet).
   */
  private reidable(track: Track): boolean {
    return !this.admitted.has(track.id) && track.accountId === null && !track.exited && insidePolygon(track.x, track.y, this.outline);
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

  /**
   * Door passes still waiting take their tracks. The person who passed is the eligible track (tracked,
   * inside, not admitted, unbound) whose own way in agrees best with the pass: it crossed that door's
   * line at about the pass time, or was first seen just inside it about a walk later. A pass takes a
   * track only when no other waiting pass fits that track better, and one pass with no track yet does
   * not hold up the others (two entries side by side, people a step apart): a later person, who has a
   * pass of their own, is never taken for an earlier one's missing track.
   */
  private bindWaiting(t: number, tracks: readonly Track[], out: EngineEvent[]): void {
    let again = true;
    while (again && this.waiting.length > 0) {
      again = false;
      for (let i = 0; i < this.waiting.length; i++) {
        const b = this.waiting[i]!;
        // Nobody walks in faster than MAX_WALK_MPS: tracks farther from the door cannot be this pass's person.
        const reachM = this.cfg.doorZoneM + MAX_WALK_MPS * Math.max(0, t - b.t + this.cfg.passMatchS);
        let tr: Track | null = null;
        let cost = this.cfg.passMatchS;
        for (const c of tracks) {
          if (c.state !== 'tracked' || this.admitted.has(c.id) || c.accountId !== null) continue;
          if (Math.hypot(c.x - b.door.positionM[0], c.y - b.door.positionM[1]) > reachM) continue;
          if (!insidePolygon(c.x, c.y, this.outline)) continue;
          const k = this.passCost(c, b);
          if (k <= cost) {
            cost = k;
            tr = c;
          }
        }
        if (tr === null) continue;
        let mine = true;
        for (const o of this.waiting) {
          if (o !== b && this.passCost(tr, o) < cost) {
            mine = false;
            break;
          }
        }
        if (!mine) continue;
        this.waiting.splice(i, 1);
        this.admitted.add(tr.id);
        const last = this.lastPass.get(b.door.id);
        if (last && last.t === b.t) last.trackId = tr.id;
        if (b.accountId !== null) this.bind(t, tr, b.accountId, b.method, b.door.id, b.confidence, out);
        again = true;
        break;
      }
    }
  }

  /**
   * How badly a track's way in fits a door pass, seconds (Infinity: it did not come through that door):
   * the gap between the pass and the track's own crossing of the door line (or, for a track first seen
   * inside near the door, that sighting less the walk from the door), plus the walk from the door's
   * frame to where it crossed.
   */
  private passCost(tr: Track, b: WaitingBind): number {
    const [ox, oy] = b.door.positionM;
    const [nx, ny] = b.door.inward;
    const walk = this.cfg.entryWalkMps;
    const half = b.door.widthM / 2;
    const at = tr.crossedLineAt(ox, oy, nx, ny, scratch);
    if (!Number.isNaN(at)) {
      // Beside the frame is a wall: a crossing there is someone else's door (or the street).
      const side = Math.max(0, Math.abs(scratch[0]!) - half);
      return side > this.cfg.doorSlackM ? Infinity : Math.abs(at - b.t) + side / walk;
    }
    const t0 = tr.oldestSample(scratch);
    // The track's first sample is gone from its history: it is no newcomer.
    if (Number.isNaN(t0) || t0 > tr.bornT + 1e-9) return Infinity;
    const dx = scratch[0]! - ox;
    const dy = scratch[1]! - oy;
    const depth = dx * nx + dy * ny;
    const dist = Math.hypot(dx, dy);
    if (depth < 0 || dist > this.cfg.doorZoneM) return Infinity;
    const side = Math.max(0, Math.abs(dx * -ny + dy * nx) - half);
    return Math.abs(t0 - dist / walk - b.t) + side / walk;
  }

  private bind(t: number, tr: Track, accountId: string, method: BindingMethod, at: string | null, confidence: number, out: EngineEvent[]): void {
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

/** Fastest a shopper walks, m/s (brisk walking is 1.5-2 m/s; nobody runs in a store). */
const MAX_WALK_MPS = 2;

/** Whether a track could have walked from (x, y) in `lostS` seconds (2 m of slack for a track's drift while lost). */
function withinReach(track: Track, x: number, y: number, lostS: number): boolean {
  return Math.hypot(track.x - x, track.y - y) <= 2 + MAX_WALK_MPS * lostS;
}

/** Scratch of passCost. */
const scratch = new Float64Array(2);

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let k = 0; k < APPEARANCE_DIM; k++) dot += a[k]! * b[k]!;
  return dot;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
