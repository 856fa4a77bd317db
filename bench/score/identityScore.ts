import type { RunData } from './collectRun.ts';
import type { StoreTracking } from './storeTracking.ts';
import { ratio } from './stats.ts';

/** How bindings are judged. */
export interface IdentityScoreConfig {
  /** A binding counts as made at entry from 1 s before the scan to this long after it: the shopper is through the gate by then. */
  readonly entryWindowS: number;
}

/** Defaults of IdentityScoreConfig. */
export const IDENTITY_SCORE: IdentityScoreConfig = { entryWindowS: 5 };

/** Whether visits were billed to the right people. */
export interface IdentityScore {
  /** Visits whose account was scanned (QR or face) at an entry. */
  readonly scannedVisits: number;
  /** Of those, visits whose account the engine bound at entry to the scanning shopper's track. */
  readonly boundRightAtEntry: number;
  readonly boundRightAtEntryRate: number | null;
  /** Bindings whose track was, at the time, following a shopper of another account (or a tailgater). */
  readonly wrongBindings: number;
  /** Changes of the account carried by the track following a shopper, from one account to another, mid-visit. */
  readonly midVisitSwitches: number;
  /** Engine receipts whose account is not the account of the shoppers its tracks mostly followed (or of no visit at all). */
  readonly visitsChargedToWrongAccount: number;
  /** Whether bindings could be checked against tracks (false: the engine reported none; accounts alone were compared). */
  readonly checkedAgainstTracks: boolean;
}

/**
 * Identity metrics. A binding belongs to the shopper its track was matched to (the one-to-one
 * floor match within 1 m) at the first truth sample at or after the binding.
 */
export function scoreIdentity(run: RunData, tracking: StoreTracking, config: IdentityScoreConfig = IDENTITY_SCORE): IdentityScore {
  const accountOf = new Map<number, string | null>();
  const visitOf = new Map<number, number>();
  for (const e of run.events) {
    if (e.kind === 'spawn') {
      accountOf.set(e.shopper.id, e.shopper.accountId);
      visitOf.set(e.shopper.id, e.shopper.visitId);
    }
  }
  const checked = tracking.engineReportedTracks;
  const { times } = tracking;
  // The shopper a track followed at a time: first truth sample at or after t.
  const shopperOfTrackAt = (trackId: number, t: number): number | null => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! < t - 1e-9) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= times.length) return null;
    const frame = tracking.sequence.frames[lo]!;
    const match = tracking.matchOfGt[lo]!;
    for (let i = 0; i < match.length; i++) {
      const tr = match[i]!;
      if (tr >= 0 && tracking.trackIdOf[frame.trackerIds[tr]!] === trackId) return tracking.shopperOf[frame.gtIds[i]!]!;
    }
    return null;
  };

  const bindings = run.engine.filter((e) => e.kind === 'binding');
  let wrongBindings = 0;
  const bindingShopper = bindings.map((b) => {
    const s = checked ? shopperOfTrackAt(b.trackId, b.t) : null;
    if (s !== null && accountOf.get(s) !== b.accountId) wrongBindings++;
    return s;
  });

  const scannedVisits = new Map<number, { shopper: number; account: string; t: number }>();
  for (const e of run.events) {
    if (e.kind !== 'scan' || e.accountId === null) continue;
    const v = visitOf.get(e.shopper) ?? -1 - e.shopper;
    if (!scannedVisits.has(v)) scannedVisits.set(v, { shopper: e.shopper, account: e.accountId, t: e.t });
  }
  let boundRight = 0;
  for (const scan of scannedVisits.values()) {
    const ok = bindings.some((b, k) => (b.method === 'qr' || b.method === 'face')
      && b.accountId === scan.account && b.t >= scan.t - 1 && b.t <= scan.t + config.entryWindowS
      && (!checked || bindingShopper[k] === scan.shopper));
    if (ok) boundRight++;
  }

  // Mid-visit switches: the account on the track matched to a shopper, frame by frame.
  let switches = 0;
  const lastAccount = new Map<number, string>();
  // Which shoppers each track mostly followed, for the receipts.
  const follow = new Map<number, Map<number, number>>();
  tracking.sequence.frames.forEach((frame, f) => {
    const tf = tracking.trackFrame[f];
    if (tf === null || tf === undefined) return;
    const match = tracking.matchOfGt[f]!;
    for (let i = 0; i < match.length; i++) {
      const tr = match[i]!;
      if (tr < 0) continue;
      const shopper = tracking.shopperOf[frame.gtIds[i]!]!;
      const trackId = tracking.trackIdOf[frame.trackerIds[tr]!]!;
      let counts = follow.get(trackId);
      if (counts === undefined) follow.set(trackId, (counts = new Map()));
      counts.set(shopper, (counts.get(shopper) ?? 0) + 1);
      const account = tf.accounts[tr];
      if (account === null || account === undefined) continue;
      const before = lastAccount.get(shopper);
      if (before !== undefined && before !== account) switches++;
      lastAccount.set(shopper, account);
    }
  });

  const trueAccounts = new Set([...accountOf.values()].filter((a): a is string => a !== null));
  let wrongCharged = 0;
  for (const e of run.engine) {
    if (e.kind !== 'receipt') continue;
    if (!trueAccounts.has(e.accountId)) {
      wrongCharged++;
      continue;
    }
    if (!checked) continue;
    const votes = new Map<number, number>();
    for (const trackId of e.trackIds) for (const [s, n] of follow.get(trackId) ?? []) votes.set(s, (votes.get(s) ?? 0) + n);
    let best: number | null = null;
    let bestN = 0;
    for (const [s, n] of votes) if (n > bestN || (n === bestN && best !== null && s < best)) [best, bestN] = [s, n];
    if (best !== null && accountOf.get(best) !== e.accountId) wrongCharged++;
  }

  return {
    scannedVisits: scannedVisits.size,
    boundRightAtEntry: boundRight,
    boundRightAtEntryRate: ratio(boundRight, scannedVisits.size),
    wrongBindings,
    midVisitSwitches: switches,
    visitsChargedToWrongAccount: wrongCharged,
    checkedAgainstTracks: checked,
  };
}
