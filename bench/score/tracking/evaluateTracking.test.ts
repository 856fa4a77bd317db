import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clearSequence } from './clear.ts';
import { TRACKING_METRIC_KEYS, evaluateTracking } from './evaluateTracking.ts';
import { hotaSequence } from './hota.ts';
import { identitySequence } from './identity.ts';
import { motSequence, readMotFile } from './motFile.ts';
import type { TrackingSequence } from './TrackingSequence.ts';
import { HOTA_ALPHAS } from './TrackingSequence.ts';

const FIXTURES = '/work/shared/fixtures/mot';
type Expected = Record<(typeof TRACKING_METRIC_KEYS)[number], number>;
interface JsonSequence { numGtIds: number; numTrackerIds: number; frames: { gtIds: number[]; trackerIds: number[]; similarity: number[][] }[]; expected: Expected }

const sequences = JSON.parse(readFileSync(`${FIXTURES}/trackeval-sequences.json`, 'utf8')) as Record<string, JsonSequence>;
const toSequence = (s: JsonSequence): TrackingSequence => ({
  numGtIds: s.numGtIds,
  numTrackerIds: s.numTrackerIds,
  frames: s.frames.map((f) => ({ gtIds: f.gtIds, trackerIds: f.trackerIds, similarity: f.similarity.flat() })),
});

function expectAll(actual: Record<string, number>, expected: Expected): void {
  for (const k of TRACKING_METRIC_KEYS) {
    expect(Math.abs(actual[k]! - expected[k]), `${k}: ${actual[k]} vs TrackEval ${expected[k]}`).toBeLessThanOrEqual(1e-9);
  }
}

describe('tracking metrics equal TrackEval to 1e-9', () => {
  it.each(Object.keys(sequences))('%s (24 numbers)', (name) => {
    expectAll(evaluateTracking([toSequence(sequences[name]!)]).metrics as unknown as Record<string, number>, sequences[name]!.expected);
  });

  it.each([['tud-campus', 'box'], ['floor-walkers', 'floor']] as const)('%s from its MOTChallenge files (%s similarity)', (dir, kind) => {
    const expected = JSON.parse(readFileSync(`${FIXTURES}/${dir}/expected.json`, 'utf8')) as Expected;
    const seq = motSequence(readMotFile(`${FIXTURES}/${dir}/gt.txt`, kind), readMotFile(`${FIXTURES}/${dir}/hyp.txt`, kind), kind);
    expectAll(evaluateTracking([seq]).metrics as unknown as Record<string, number>, expected);
  });

  it('combines sequences as TrackEval: counts summed, AssA weighted by TP per alpha', () => {
    const all = Object.values(sequences).map(toSequence);
    const m = evaluateTracking(all).metrics;
    const sum = (k: keyof Expected) => Object.values(sequences).reduce((a, s) => a + s.expected[k], 0);
    expect(m.CLR_TP).toBe(sum('CLR_TP'));
    expect(m.IDSW).toBe(sum('IDSW'));
    expect(m.IDTP).toBe(sum('IDTP'));
    expect(m.MOTA).toBeCloseTo((sum('CLR_TP') - sum('CLR_FP') - sum('IDSW')) / (sum('CLR_TP') + sum('CLR_FN')), 12);
    expect(m.IDF1).toBeCloseTo(sum('IDTP') / (sum('IDTP') + 0.5 * sum('IDFP') + 0.5 * sum('IDFN')), 12);
    // AssA of the combination, per alpha, is the TP-weighted mean of the sequences' AssA.
    const per = all.map(hotaSequence);
    const a = 10;
    const tp = per.reduce((s, r) => s + r.tp[a]!, 0);
    expect(evaluateTracking(all).hota.assA[a]).toBeCloseTo(per.reduce((s, r) => s + r.assA[a]! * r.tp[a]!, 0) / tp, 12);
  });
});

describe('tracking metrics on degenerate input', () => {
  const frame = (gtIds: number[], trackerIds: number[], similarity: number[]) => ({ gtIds, trackerIds, similarity });

  it('an empty sequence scores zero everywhere, without NaN', () => {
    const m = evaluateTracking([{ numGtIds: 0, numTrackerIds: 0, frames: [] }]).metrics;
    for (const k of TRACKING_METRIC_KEYS) expect(Number.isNaN(m[k]), k).toBe(false);
    expect([m.HOTA, m.MOTA, m.IDF1, m.CLR_TP]).toEqual([0, 0, 0, 0]);
    expect(m.LocA).toBe(1);
  });

  it('a tracker that outputs nothing: every gt detection a miss, every gt id mostly lost', () => {
    const seq = { numGtIds: 2, numTrackerIds: 0, frames: [frame([0, 1], [], []), frame([0], [], [])] };
    const m = evaluateTracking([seq]).metrics;
    expect([m.HOTA, m.DetRe, m.MOTA, m.CLR_FN, m.ML, m.IDFN, m.IDF1]).toEqual([0, 0, 0, 3, 2, 3, 0]);
    expect(hotaSequence(seq).fn[0]).toBe(3);
  });

  it('tracks with no ground truth are all false positives (MOTA = -FP, as TrackEval combines)', () => {
    const m = evaluateTracking([{ numGtIds: 0, numTrackerIds: 1, frames: [frame([], [0], []), frame([], [0], [])] }]).metrics;
    expect([m.CLR_FP, m.MOTA, m.IDFP, m.HOTA, m.DetPr]).toEqual([2, -2, 2, 0, 0]);
  });

  it('one perfect frame: everything 1', () => {
    const m = evaluateTracking([{ numGtIds: 1, numTrackerIds: 1, frames: [frame([0], [0], [1])] }]).metrics;
    expect([m.HOTA, m.DetA, m.AssA, m.LocA, m.MOTA, m.MOTP, m.IDF1, m.MT]).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('a match at similarity 0.5 counts for CLEAR and Identity and for the first 10 alphas of HOTA only', () => {
    const seq = { numGtIds: 1, numTrackerIds: 1, frames: [frame([0], [0], [0.5])] };
    expect(clearSequence(seq).CLR_TP).toBe(1);
    expect(identitySequence(seq).IDTP).toBe(1);
    const h = hotaSequence(seq);
    expect([...h.tp]).toEqual([...HOTA_ALPHAS].map((a) => (a <= 0.5 + 1e-12 ? 1 : 0)));
    expect(h.tp.reduce((s, v) => s + v, 0)).toBe(10);
  });

  it('an ID switch, a fragmentation and CLEAR keeping last frame\'s pair over a better newcomer', () => {
    // gt 0 matched to tracker 0, lost for a frame, then to tracker 1: one switch; tracked-lost-tracked: one Frag.
    const seq = {
      numGtIds: 1, numTrackerIds: 2,
      frames: [frame([0], [0], [0.9]), frame([0], [0, 1], [0.6, 0.95]), frame([0], [1], [0.3]), frame([0], [1], [0.9])],
    };
    const c = clearSequence(seq);
    expect([c.CLR_TP, c.CLR_FN, c.CLR_FP, c.IDSW, c.Frag]).toEqual([3, 1, 2, 1, 1]);
    expect(c.MOTP).toBeCloseTo((0.9 + 0.6 + 0.9) / 3, 12);
  });

  it('rejects a malformed sequence with a bench: error', () => {
    expect(() => hotaSequence({ numGtIds: 1, numTrackerIds: 1, frames: [frame([0], [0], [1, 1])] })).toThrow(/bench: tracking frame 0: similarity has 2 entries/);
    expect(() => clearSequence({ numGtIds: 1, numTrackerIds: 1, frames: [frame([3], [0], [1])] })).toThrow(/gt id 3 outside 0..0/);
  });
});
