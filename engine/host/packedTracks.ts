import type { EngineEvent, TrackSnapshot, TrackState } from '../api.ts';

/**
 * A `tracks` event packed for the worker boundary: a few flat arrays instead of hundreds of small
 * objects, so the structured clone is short on both threads. Unpacked it is the same event, key
 * order and numbers included (Float64Array keeps every double bit for bit).
 */
export interface PackedTracksEvent {
  readonly kind: 'tracks-packed';
  readonly t: number;
  /** Per track: trackId, x, y, vx, vy, confidence. */
  readonly nums: Float64Array;
  /** Per track: index in TRACK_STATES. */
  readonly states: Uint8Array;
  readonly accountIds: (string | null)[];
}

/** An event as it crosses from the engine worker to the host. */
export type WireEvent = EngineEvent | PackedTracksEvent;

const TRACK_STATES: readonly TrackState[] = ['tentative', 'tracked', 'lost'];
const NUMS = 6;
const EVENT_KEYS = ['kind', 't', 'tracks'] as const;
const SNAPSHOT_KEYS = ['trackId', 'state', 'positionM', 'velocityMps', 'accountId', 'confidence'] as const;

/** True when `o`'s own enumerable keys are exactly `keys`, in that order (what JSON.stringify writes). */
function hasKeys(o: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k) || k !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}

function isPair(v: unknown): v is readonly [number, number] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number' && hasKeys(v, ['0', '1']);
}

/**
 * Packs a `tracks` event whose every snapshot has exactly the TrackSnapshot shape; returns null
 * for anything else (an engine's own extra fields or key order), which then crosses unchanged.
 */
export function packTracks(e: EngineEvent): PackedTracksEvent | null {
  if (e.kind !== 'tracks' || typeof e.t !== 'number' || !Array.isArray(e.tracks) || !hasKeys(e, EVENT_KEYS)) return null;
  const list = e.tracks;
  const n = list.length;
  const nums = new Float64Array(n * NUMS);
  const states = new Uint8Array(n);
  const accountIds: (string | null)[] = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const s: TrackSnapshot | undefined = list[i];
    if (typeof s !== 'object' || s === null || !hasKeys(s, SNAPSHOT_KEYS)) return null;
    const state = TRACK_STATES.indexOf(s.state);
    if (typeof s.trackId !== 'number' || state < 0 || !isPair(s.positionM) || !isPair(s.velocityMps)
      || (s.accountId !== null && typeof s.accountId !== 'string') || typeof s.confidence !== 'number') return null;
    const o = i * NUMS;
    nums[o] = s.trackId;
    nums[o + 1] = s.positionM[0];
    nums[o + 2] = s.positionM[1];
    nums[o + 3] = s.velocityMps[0];
    nums[o + 4] = s.velocityMps[1];
    nums[o + 5] = s.confidence;
    states[i] = state;
    accountIds[i] = s.accountId;
  }
  return { kind: 'tracks-packed', t: e.t, nums, states, accountIds };
}

/** The `tracks` event a PackedTracksEvent was packed from. */
export function unpackTracks(p: PackedTracksEvent): EngineEvent {
  const n = p.states.length;
  if (p.nums.length !== n * NUMS || p.accountIds.length !== n) throw new Error(`engine host: a packed tracks event at t = ${p.t} has ${p.nums.length} numbers for ${n} tracks`);
  const tracks: TrackSnapshot[] = new Array<TrackSnapshot>(n);
  const nums = p.nums;
  for (let i = 0; i < n; i++) {
    const o = i * NUMS;
    tracks[i] = {
      trackId: nums[o]!,
      state: TRACK_STATES[p.states[i]!]!,
      positionM: [nums[o + 1]!, nums[o + 2]!],
      velocityMps: [nums[o + 3]!, nums[o + 4]!],
      accountId: p.accountIds[i]!,
      confidence: nums[o + 5]!,
    };
  }
  return { kind: 'tracks', t: p.t, tracks };
}

/** An engine's events as they cross to the host: `tracks` events packed where they can be. */
export function packEvents(events: readonly EngineEvent[]): WireEvent[] {
  const out: WireEvent[] = new Array<WireEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    out[i] = (e.kind === 'tracks' ? packTracks(e) : null) ?? e;
  }
  return out;
}

/** The engine's events back from their wire form. */
export function unpackEvents(events: readonly WireEvent[]): EngineEvent[] {
  const out: EngineEvent[] = new Array<EngineEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    out[i] = e.kind === 'tracks-packed' ? unpackTracks(e) : e;
  }
  return out;
}
