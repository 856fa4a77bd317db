import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../api.ts';
import { ENGINE_DEFAULTS } from '../EngineConfig.ts';
import { syntheticStore } from '../testing/syntheticStore.ts';
import { Track } from '../tracking/Track.ts';
import { GateIdentity } from './GateIdentity.ts';

function trackAt(id: number, x: number, y: number): Track {
  const tr = new Track(id, 0, 1, 10);
  tr.state = 'tracked';
  tr.kf[0] = x;
  tr.kf[1] = y;
  return tr;
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
  const tracks = Array.from({ length: people }, (_, i) => trackAt(i + 1, 9, 9));
  tracks.forEach((tr, i) => {
    const t = 1 + 2 * i;
    id.scan(t, 'in', 'acct-1', 'qr', 1);
    tr.kf[0] = 1;
    tr.kf[1] = 0.5;
    id.doorPass(t + 0.5, 'in', 'in', tracks, out);
    tr.kf[0] = 3; // walks on into the store
  });
  expect(out.filter((e) => e.kind === 'binding').map((e) => e.kind === 'binding' && e.trackId)).toEqual(tracks.map((tr) => tr.id));
  const last = tracks.at(-1)!;
  if (people === 2) {
    const first = tracks[0]!;
    first.kf[0] = 5;
    first.kf[1] = 0.3;
    id.doorPass(10, 'out', 'out', [first], out);
  }
  expect(ended).toEqual([]);
  last.kf[0] = 3;
  last.kf[1] = 3;
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
});
