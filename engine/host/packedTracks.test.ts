import { describe, expect, test } from 'vitest';
import type { EngineEvent } from '../api.ts';
import { packEvents, packTracks, unpackEvents } from './packedTracks.ts';

const tracks: EngineEvent = {
  kind: 'tracks',
  t: 12.3,
  tracks: [
    { trackId: 7, state: 'tracked', positionM: [1.234, -0.001], velocityMps: [0.1 + 0.2, 0], accountId: 'acct-9', confidence: 0.873 },
    { trackId: 12, state: 'lost', positionM: [-3.5, 4e-7], velocityMps: [-0, 1e300], accountId: null, confidence: 0 },
    { trackId: 13, state: 'tentative', positionM: [0, 0], velocityMps: [0, 0], accountId: null, confidence: 1 },
  ],
};

describe('packedTracks', () => {
  test('a tracks event crosses packed and comes back the same, JSON byte for byte, through a structured clone', () => {
    const receipt: EngineEvent = { kind: 'receipt', t: 13, accountId: 'a', trackIds: [7], lines: [{ sku: 's', qty: 1, unitCents: 250 }], totalCents: 250 };
    const wire = structuredClone(packEvents([tracks, receipt]));
    expect(wire[0]!.kind).toBe('tracks-packed');
    expect(wire[1]).toEqual(receipt);
    const back = unpackEvents(wire);
    expect(JSON.stringify(back)).toBe(JSON.stringify([tracks, receipt]));
    expect(back[0]).toEqual(tracks);
  });

  test('an engine\'s own shape (extra field, other key order, string number) crosses unpacked', () => {
    const extra = { ...tracks, tracks: [{ ...tracks.kind === 'tracks' ? tracks.tracks[0]! : null, note: 'x' }] } as unknown as EngineEvent;
    const reordered = { kind: 'tracks', t: 1, tracks: [{ state: 'tracked', trackId: 1, positionM: [0, 0], velocityMps: [0, 0], accountId: null, confidence: 1 }] } as unknown as EngineEvent;
    const badNum = { kind: 'tracks', t: 1, tracks: [{ trackId: '1', state: 'tracked', positionM: [0, 0], velocityMps: [0, 0], accountId: null, confidence: 1 }] } as unknown as EngineEvent;
    const badPair = { kind: 'tracks', t: 1, tracks: [{ trackId: 1, state: 'tracked', positionM: [0, 0, 0], velocityMps: [0, 0], accountId: null, confidence: 1 }] } as unknown as EngineEvent;
    const eventExtra = { kind: 'tracks', t: 1, tracks: [], camera: 'c1' } as unknown as EngineEvent;
    for (const e of [extra, reordered, badNum, badPair, eventExtra]) {
      expect(packTracks(e)).toBeNull();
      expect(JSON.stringify(unpackEvents(structuredClone(packEvents([e]))))).toBe(JSON.stringify([e]));
    }
    expect(packTracks({ kind: 'tracks', t: 2, tracks: [] })).toMatchObject({ kind: 'tracks-packed', t: 2, accountIds: [] });
  });
});
