import { describe, expect, it } from 'vitest';
import type { TrackSnapshot } from '../../../engine/api.ts';
import { judgeTracks } from './judgeTracks.ts';

const track = (trackId: number, x: number, y: number, accountId: string | null, state: TrackSnapshot['state'] = 'tracked'): TrackSnapshot =>
  ({ trackId, state, positionM: [x, y], velocityMps: [0, 0], accountId, confidence: 0.9 });

describe('judgeTracks', () => {
  it('names right, unbound, wrong and false tracks, and the missed shopper', () => {
    const truth = [
      { id: 0, x: 0, y: 0, accountId: 'a' },
      { id: 1, x: 5, y: 0, accountId: 'b' },
      { id: 2, x: 10, y: 0, accountId: 'c' },
      { id: 3, x: 20, y: 0, accountId: 'd' },
    ];
    const j = judgeTracks([track(1, 0.2, 0, 'a'), track(2, 5, 0.3, null), track(3, 10.5, 0, 'b'), track(4, 30, 0, 'd')], truth);
    expect(j.trackStatus).toEqual(['bound-right', 'unbound', 'bound-wrong', 'false-track']);
    expect(j.trackTruth).toEqual([0, 1, 2, -1]);
    expect(j.missed).toEqual([3]);
  });

  it('gives each shopper to the closest track only, and leaves lost tracks out', () => {
    const truth = [{ id: 7, x: 1, y: 1, accountId: 'x' }];
    const j = judgeTracks([track(1, 1.6, 1, 'x'), track(2, 1.1, 1, 'x'), track(3, 1, 1, 'x', 'lost')], truth);
    expect(j.trackStatus).toEqual(['false-track', 'bound-right', 'false-track']);
    expect(j.trackTruth).toEqual([-1, 0, -1]);
    expect(j.missed).toEqual([]);
  });

  it('matches within the reach only', () => {
    const truth = [{ id: 0, x: 0, y: 0, accountId: null }];
    expect(judgeTracks([track(1, 0.99, 0, null)], truth).missed).toEqual([]);
    expect(judgeTracks([track(1, 1.01, 0, null)], truth).missed).toEqual([0]);
    expect(judgeTracks([track(1, 1.5, 0, null)], truth, 2).missed).toEqual([]);
  });
});
