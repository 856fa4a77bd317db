import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../api.ts';
import { ENGINE_DEFAULTS } from '../EngineConfig.ts';
import { syntheticStore } from '../testing/syntheticStore.ts';
import { Track } from '../tracking/Track.ts';
import { GateIdentity } from './GateIdentity.ts';

function trackAt(id: number, x: number, y: number, t = 0): Track {
  const tr = new Track(id, t, 1, 40);
  tr.state = 'tracked';
  moveTo(tr, t, x, y);
  return tr;
}

/** The tracker's update of a track: its position at time t, remembered. */
function moveTo(tr: Track, t: number, x: number, y: number): void {
  tr.t = t;
  tr.kf[0] = x;
  tr.kf[1] = y;
  tr.remember();
}

function hooks(): ConstructorParameters<typeof GateIdentity>[2] {
  return { visitEnded: () => {}, unboundCart: () => '', bound: () => {}, moveCart: () => {} };
}

function bindings(out: readonly EngineEvent[]): [number, string][] {
  return out.flatMap((e) => (e.kind === 'binding' ? [[e.trackId, e.accountId] as [number, string]] : []));
}

/**
 * One visit of acct-1 by `people` shoppers who each scan at the entry and pass it; then the first
 * leaves through the exit (when there are two), and the last is lost mid-store for good.
 */
function lostVisit(people: 1 | 2): { ended: number[]; out: EngineEvent[] } {
  const cfg = ENGINE_DEFAULTS.identity;
  const ended: number[] = [];
  const id = new GateIdentity(syntheticStore(), cfg, {
    visitEnded: (t) => ended.push(t),
    unboundCart: () => '',
    bound: () => {},
    moveCart: () => {},
  });
  const out: EngineEvent[] = [];
  // Each waits outside the entry (at y < 0), then walks through it.
  const tracks = Array.from({ length: people }, (_, i) => trackAt(i + 1, 1, -0.6 - i));
  tracks.forEach((tr, i) => {
    const t = 1 + 2 * i;
    id.scan(t, 'in', 'acct-1', 'qr', 1);
    moveTo(tr, t, 1, -0.3);
    moveTo(tr, t + 0.5, 1, 0.3);
    id.doorPass(t + 0.5, 'in', 'in', tracks, out);
    moveTo(tr, t + 1, 3, 0.5); // walks on into the store
  });
  expect(out.filter((e) => e.kind === 'binding').map((e) => e.kind === 'binding' && e.trackId)).toEqual(tracks.map((tr) => tr.id));
  const last = tracks.at(-1)!;
  if (people === 2) {
    const first = tracks[0]!;
    moveTo(first, 9, 5, 0.3);
    id.doorPass(10, 'out', 'out', [first], out);
  }
  expect(ended).toEqual([]);
  moveTo(last, 19, 3, 3);
  id.removed(20, last, out);
  for (let t = 20; t <= 20 + cfg.reidWindowS + 1; t += 0.5) id.expire(t, out);
  return { ended, out };
}

describe('GateIdentity', () => {
  it('bills a group visit once the members still inside are lost for good after another left', () => {
    const { ended } = lostVisit(2);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toBeGreaterThan(20 + ENGINE_DEFAULTS.identity.reidWindowS);
    expect(ended[0]).toBeLessThanOrEqual(20.5 + ENGINE_DEFAULTS.identity.reidWindowS);
  });

  it('keeps waiting for a lost shopper none of whose visit has left', () => {
    expect(lostVisit(1).ended).toEqual([]);
  });

  it('binds a door pass to the person who came through then, never to the next one in when the first is unseen', () => {
    const id = new GateIdentity(syntheticStore(), ENGINE_DEFAULTS.identity, hooks());
    const out: EngineEvent[] = [];
    // acct-1 scans and passes at 1.5 s, but no camera picks them up; acct-2 follows 2 s later.
    id.scan(1, 'in', 'acct-1', 'qr', 1);
    id.doorPass(1.5, 'in', 'in', [], out);
    const second = trackAt(7, 1, -1.2, 2.5);
    moveTo(second, 3.1, 1, -0.3);
    id.scan(3, 'in', 'acct-2', 'qr', 1);
    moveTo(second, 3.5, 1, 0.2);
    id.doorPass(3.5, 'in', 'in', [second], out);
    moveTo(second, 4, 1.3, 0.8);
    id.settle(4, [second], out);
    expect(bindings(out)).toEqual([[7, 'acct-2']]);
  });

  it('binds each of two entries side by side to the track that crossed its own frame', () => {
    const store = syntheticStore();
    const twin = { ...store, doors: [...store.doors, { id: 'in-2', role: 'entry' as const, kind: 'qr', positionM: [2.8, 0] as const, widthM: 1, inward: [0, 1] as const }] };
    const id = new GateIdentity(twin, ENGINE_DEFAULTS.identity, hooks());
    const out: EngineEvent[] = [];
    // B passes 'in' first but is not tracked yet; A crosses in-2, 1.8 m away, a moment later.
    const a = trackAt(3, 2.8, -0.8, 1);
    id.scan(1.5, 'in', 'acct-1', 'qr', 1);
    id.scan(1.6, 'in-2', 'acct-2', 'qr', 1);
    moveTo(a, 1.9, 2.8, -0.2);
    id.doorPass(2, 'in', 'in', [a], out);
    moveTo(a, 2.1, 2.8, 0.3);
    id.doorPass(2.1, 'in-2', 'in', [a], out);
    // B is first seen inside, 0.6 m past 'in', at 2.6 s.
    const b = trackAt(4, 1, 0.6, 2.6);
    id.settle(2.6, [a, b], out);
    expect(bindings(out)).toEqual([[3, 'acct-2'], [4, 'acct-1']]);
  });

  /** An identity (acct-1) bound at the entry and lost mid-store at (3, 2) at 10 s, its look mostly axis 0. */
  function lostAt10(): { id: GateIdentity; out: EngineEvent[] } {
    const id = new GateIdentity(syntheticStore(), ENGINE_DEFAULTS.identity, hooks());
    const out: EngineEvent[] = [];
    const tr = trackAt(1, 1, -0.6);
    tr.appearance.set([1]);
    id.scan(1, 'in', 'acct-1', 'qr', 1);
    moveTo(tr, 1.5, 1, 0.3);
    id.doorPass(1.5, 'in', 'in', [tr], out);
    moveTo(tr, 9, 3, 2);
    id.removed(10, tr, out);
    out.length = 0;
    return { id, out };
  }

  function looking(id: number, x: number, y: number, look: readonly number[]): Track {
    const tr = trackAt(id, x, y, 11);
    tr.appearance.set(look);
    return tr;
  }

  it('gives a lost identity back to a new track in the store that looks like it, never to one still outside', () => {
    const { id, out } = lostAt10();
    const outside = looking(5, 1, -0.7, [0.99, 0.14]);
    id.sweep(12, [outside], out);
    expect(bindings(out)).toEqual([]);
    const inside = looking(6, 3.5, 2, [0.99, 0.14]);
    id.sweep(12.5, [outside, inside], out);
    expect(bindings(out)).toEqual([[6, 'acct-1']]);
  });

  it('gives a lost identity to neither of two new tracks that look like it about equally', () => {
    const { id, out } = lostAt10();
    const a = looking(5, 3.5, 2, [0.99, 0.14]);
    const b = looking(6, 2.5, 2, [0.98, 0, 0.2]);
    id.sweep(12, [a, b], out);
    expect(bindings(out)).toEqual([]);
    // Once the look-alike has gone (left, or been claimed), the identity goes to the one that stays.
    id.sweep(13, [a], out);
    expect(bindings(out)).toEqual([[5, 'acct-1']]);
  });
});
