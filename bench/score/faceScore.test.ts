import { describe, expect, it } from 'vitest';
import type { FaceCaptureFrame } from '../../engine/api.ts';
import { FACE_DIM } from '../../engine/api.ts';
import { collectRun } from './collectRun.ts';
import { faceSearchesOf, scoreFaceSearches } from './faceScore.ts';
import { scoreRun } from './scoreRun.ts';
import { RunLogBuilder, tinyHeader } from './tinyRunLog.ts';

/** A unit-combination descriptor: weights on axes. */
function face(...weights: [axis: number, w: number][]): number[] {
  const v = new Array<number>(FACE_DIM).fill(0);
  for (const [a, w] of weights) v[a] = w;
  return v;
}

const gallery = [
  { accountId: 'acct-a', descriptor: face([0, 1]) },
  { accountId: 'acct-b', descriptor: face([1, 1]) },
  { accountId: 'acct-c', descriptor: face([2, 1]) },
];

function header() {
  const h = tinyHeader();
  return { ...h, scenarioJson: { ...h.scenarioJson, store: { ...h.scenarioJson.store, counters: [{ id: 'till' }], fittingRooms: [] } } } as unknown as typeof h;
}

/** Five captures with known cosine scores against a, b, c, plus one capture with no truth scan. */
function run() {
  const b = new RunLogBuilder(header());
  let frame = 0;
  const capture = (t: number, at: string, faceKey: string, accountId: string | null, descriptor: number[]) => {
    b.event({ kind: 'scan', t, shopper: frame, at, method: 'face', accountId, faceKey });
    b.sensor({ kind: 'face-capture', sensorId: `${at}-face`, frame: frame++, t, at, descriptor, quality: 0.9 } as FaceCaptureFrame);
  };
  capture(1, 'in', 'acct-a', 'acct-a', face([0, 0.8], [3, 0.6])); // scores a 0.8, b 0, c 0
  capture(2, 'in', 'acct-b', 'acct-b', face([0, 0.8], [1, 0.6])); // a 0.8 beats its mate b 0.6: a rank-1 miss
  capture(3, 'in', 'person-9', null, face([2, 0.5], [4, Math.sqrt(0.75)])); // not enrolled, top c 0.5
  capture(4, 'till', 'person-10', null, face([5, 1])); // not enrolled, top 0
  capture(5, 'till', 'acct-c', 'acct-c', face([2, 1])); // c 1.0
  b.sensor({ kind: 'face-capture', sensorId: 'in-face', frame: frame++, t: 6, at: 'in', descriptor: face([0, 1]), quality: 0.9 });
  return collectRun(b.build());
}

describe('face metrics from captures and the gallery', () => {
  it('pairs captures with truth scans and finds mates in the gallery', () => {
    const r = run();
    const { searches, unmatched } = faceSearchesOf(r.header, r.events, r.faceCaptures, gallery);
    expect(unmatched).toBe(1);
    expect(searches.map((s) => [s.place, s.mateIndex])).toEqual([['gates', 0], ['gates', 1], ['gates', -1], ['counters', -1], ['counters', 2]]);
  });

  it('FNIR at FPIR and FNMR at FMR by place, from known scores', () => {
    const s = scoreRun(run(), null, { gallery }).face;
    expect([s.gallerySize, s.unmatchedCaptures]).toEqual([3, 1]);
    // Gates: mated [0.8 (rank 1), miss], non-mated top [0.5]. FPIR 1 %: accept above 0.5, a is found.
    expect(s.gates).toMatchObject({ searches: 3, matedSearches: 2, nonMatedSearches: 1, rank1HitRate: 0.5, fnirAtFpir1pct: 0.5, fnirAtFpir10pct: 0.5 });
    // Gates, 1:1: genuine [0.8, 0.6]; impostors 2 + 2 + 3 = 7, the best 0.8 (b's capture vs a): accept above 0.8, both genuine fail.
    expect(s.gates).toMatchObject({ genuineComparisons: 2, impostorComparisons: 7, fnmrAtFmr1pct: 1, fnmrAtFmr0_1pct: 1 });
    // Counters: mated [1.0], non-mated top [0]: found.
    expect(s.counters).toMatchObject({ searches: 2, matedSearches: 1, nonMatedSearches: 1, fnirAtFpir1pct: 0, genuineComparisons: 1, impostorComparisons: 5 });
    // Counters 1:1: impostors [0, 0, 0, 0, 0] (the till's captures are orthogonal to other faces), genuine 1.0 passes.
    expect(s.counters.fnmrAtFmr1pct).toBe(0);
    // All: mated [0.8, miss, 1.0], non-mated top [0.5, 0]: accept above 0.5, one miss of three.
    expect(s.all).toMatchObject({ searches: 5, matedSearches: 3, fnirAtFpir1pct: 1 / 3, impostorComparisons: 12 });
    expect(s.all.identificationCurve[0]!.slice(0, 2)).toEqual([0, 1 / 3]);
    expect(s.all.identificationCurve[0]![2]).toBeCloseTo(0.5, 12);
  });

  it('a run without face captures builds no gallery and has null rates', () => {
    const s = scoreRun(collectRun(new RunLogBuilder().build()), null).face;
    expect(s.gallerySize).toBeNull();
    expect(s.all).toMatchObject({ searches: 0, fnirAtFpir1pct: null, fnmrAtFmr1pct: null, identificationCurve: [] });
  });

  it('names a malformed capture', () => {
    expect(() => scoreFaceSearches([{ place: 'gates', descriptor: [1, 0], mateIndex: -1 }], gallery)).not.toThrow();
    const r = collectRun(new RunLogBuilder().sensor({ kind: 'face-capture', sensorId: 'gate-f', frame: 3, t: 1, at: 'in', descriptor: [1, 0], quality: 1 }).build());
    expect(() => faceSearchesOf(r.header, r.events, r.faceCaptures, gallery)).toThrow('bench: face-capture gate-f frame 3 (t 1) has 2 values, expected 32');
  });
});
