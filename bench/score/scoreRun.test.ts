import { describe, expect, it } from 'vitest';
import { collectRun } from './collectRun.ts';
import { scoreLatency } from './latencyScore.ts';
import { fruinLevel } from './layoutScore.ts';
import { scoreRun } from './scoreRun.ts';
import { percentile } from './stats.ts';
import { RunLogBuilder, row, spawn, tinyHeader } from './tinyRunLog.ts';

/** Two shoppers walk side by side for 2 s (20 samples), each buys something; A takes tea, B a bun and a tea. */
function twoShoppers(engine: (b: RunLogBuilder, t: number, ax: number) => void): RunLogBuilder {
  const b = new RunLogBuilder()
    .event(spawn(0, 1, 'acct-a'))
    .event(spawn(0, 2, 'acct-b'))
    .event({ kind: 'scan', t: 0.1, shopper: 1, at: 'in', method: 'qr', accountId: 'acct-a', faceKey: 'acct-a' })
    .event({ kind: 'scan', t: 0.1, shopper: 2, at: 'in', method: 'qr', accountId: 'acct-b', faceKey: 'acct-b' })
    .event({ kind: 'entered', t: 0.1, shopper: 1, door: 'in', scanned: true })
    .event({ kind: 'entered', t: 0.1, shopper: 2, door: 'in', scanned: true });
  for (let k = 1; k <= 20; k++) {
    const t = Math.round(k * 100) / 1000;
    const ax = 0.5 + k * 0.2;
    b.truth(t, [row(1, ax, 1), row(2, ax, 3)]);
    engine(b, t, ax);
  }
  return b
    .event({ kind: 'exited', t: 2, shopper: 1, door: 'out' })
    .event({ kind: 'exited', t: 2, shopper: 2, door: 'out' })
    .event({ kind: 'receipt', t: 2, visitId: 1, accountId: 'acct-a', shoppers: [1], lines: [{ sku: 'tea', qty: 1, unitCents: 250 }], totalCents: 250 })
    .event({ kind: 'receipt', t: 2, visitId: 2, accountId: 'acct-b', shoppers: [2], lines: [{ sku: 'bun', qty: 1, unitCents: 180 }, { sku: 'tea', qty: 1, unitCents: 250 }], totalCents: 430 });
}

describe('scoreRun on tiny RunLogs', () => {
  it('a perfect engine scores 1 everywhere', () => {
    const b = twoShoppers((b, t, ax) => {
      if (t === 0.1) b.engine({ kind: 'binding', t, trackId: 10, accountId: 'acct-a', method: 'qr', at: 'in', confidence: 1 }).engine({ kind: 'binding', t, trackId: 11, accountId: 'acct-b', method: 'qr', at: 'in', confidence: 1 });
      b.tracks(t, [[10, ax, 1, 'acct-a'], [11, ax, 3, 'acct-b']]);
    });
    b.engine({ kind: 'receipt', t: 2.5, accountId: 'acct-a', trackIds: [10], lines: [{ sku: 'tea', qty: 1, unitCents: 250 }], totalCents: 250 })
      .engine({ kind: 'receipt', t: 3, accountId: 'acct-b', trackIds: [11], lines: [{ sku: 'tea', qty: 1, unitCents: 250 }, { sku: 'bun', qty: 1, unitCents: 180 }], totalCents: 430 });
    const s = scoreRun(collectRun(b.build()), null);
    expect(s.tracking).toMatchObject({ HOTA: 1, MOTA: 1, IDF1: 1, CLR_TP: 40, IDSW: 0, frames: 20 });
    expect(s.identity).toMatchObject({ scannedVisits: 2, boundRightAtEntry: 2, boundRightAtEntryRate: 1, wrongBindings: 0, midVisitSwitches: 0, visitsChargedToWrongAccount: 0, checkedAgainstTracks: true });
    expect(s.checkout).toMatchObject({ trueReceipts: 2, exactReceipts: 2, exactReceiptRate: 1, itemPrecision: 1, itemRecall: 1, itemF1: 1, overchargedCents: 0, underchargedCents: 0, reviewsPer1000: 0, wrongLines: [] });
    expect(s.checkout!.exitToReceiptMeanS).toBeCloseTo(0.75, 12);
    expect(s.errors!.missed.personSPerM2.every((v) => v === 0)).toBe(true);
  });

  it('an engine that outputs nothing: all misses, no receipts, rates defined', () => {
    const s = scoreRun(collectRun(twoShoppers(() => {}).build()), null);
    expect(s.tracking).toMatchObject({ HOTA: 0, MOTA: 0, IDF1: 0, CLR_FN: 40, CLR_FP: 0 });
    expect(s.identity).toMatchObject({ boundRightAtEntry: 0, boundRightAtEntryRate: 0, checkedAgainstTracks: false });
    expect(s.checkout).toMatchObject({ exactReceipts: 0, exactReceiptRate: 0, itemPrecision: null, itemRecall: 0, underchargedCents: 680, overchargedCents: 0 });
    expect(s.checkout!.wrongLines.map((l) => l.cause)).toEqual(['no receipt for the visit', 'no receipt for the visit', 'no receipt for the visit']);
    // 2 s x 2 shoppers missed, spread over cells: the missed map holds all of it.
    const sum = s.errors!.missed.personSPerM2.reduce((a, v) => a + v, 0) * 0.25;
    expect(sum).toBeCloseTo(4, 9);
  });

  it('a swapped track, a wrong account on the track, a wrong receipt: each counted once, every wrong line listed', () => {
    const b = twoShoppers((b, t, ax) => {
      if (t === 0.1) b.engine({ kind: 'binding', t, trackId: 10, accountId: 'acct-b', method: 'qr', at: 'in', confidence: 1 });
      // Track 10 follows A; A's track becomes 12 halfway and carries acct-x. B is followed throughout by 11.
      b.tracks(t, [[t <= 1 ? 10 : 12, ax, 1, t <= 1 ? 'acct-a' : 'acct-x'], [11, ax + 0.3, 3, null]]);
    });
    b.engine({ kind: 'receipt', t: 2.5, accountId: 'acct-b', trackIds: [10], lines: [{ sku: 'tea', qty: 2, unitCents: 250 }], totalCents: 500 })
      .engine({ kind: 'alert', t: 1, alert: 'ambiguous-pick', at: null, trackIds: [10], accountId: null, detail: 'x' });
    const s = scoreRun(collectRun(b.build()), null);
    expect(s.tracking!.IDSW).toBe(1);
    expect(s.tracking!.CLR_TP).toBe(40);
    expect(s.tracking!.MOTP).toBeCloseTo(0.85 * 0.5 + 0.5, 12); // half the matches at 0 m, half at 0.3 m
    expect(s.identity).toMatchObject({ boundRightAtEntry: 0, wrongBindings: 1, midVisitSwitches: 1, visitsChargedToWrongAccount: 1 });
    expect(s.checkout).toMatchObject({ exactReceipts: 0, overchargedCents: 250, underchargedCents: 250 + 180, alerts: 1, reviewsPer1000: 500 });
    expect(s.checkout!.itemPrecision).toBeCloseTo(0.5, 12);
    expect(s.checkout!.itemRecall).toBeCloseTo(1 / 3, 12);
    expect(s.checkout!.wrongLines.map((l) => [l.accountId, l.sku, l.qtyDelta, l.cause])).toEqual([
      ['acct-a', 'tea', -1, 'no receipt for the visit'],
      ['acct-b', 'bun', -1, 'missed item'],
      ['acct-b', 'tea', 1, 'extra item'],
    ]);
  });

  it('an empty run and a one-frame run give defined numbers, no NaN', () => {
    const empty = scoreRun(collectRun(new RunLogBuilder().build()), null);
    expect(empty.tracking).toMatchObject({ HOTA: 0, MOTA: 0, IDF1: 0, frames: 0 });
    expect(empty.checkout).toMatchObject({ exactReceiptRate: null, itemPrecision: null, itemRecall: null, reviewsPer1000: null });
    expect(empty.layout.peakDensityPerM2).toBe(0);
    expect(Object.values(empty.layout.fruinShare)).toEqual([0, 0, 0, 0, 0, 0]);
    const one = scoreRun(collectRun(new RunLogBuilder().truth(0.1, [row(1, 1, 1)]).tracks(0.1, [[5, 1.2, 1, null]]).build()), null);
    expect(one.tracking!.MOTA).toBe(1);
    expect(one.tracking!.MOTP).toBeCloseTo(0.9, 12);
    const json = JSON.stringify([empty, one], (_k, v) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v));
    expect(json).not.toContain('NaN');
  });

  it('a twin-only run has no engine metrics', () => {
    const s = scoreRun(collectRun(new RunLogBuilder(tinyHeader(null)).truth(0.1, [row(1, 1, 1)]).build()), null);
    expect([s.hasEngine, s.tracking, s.checkout, s.identity, s.errors]).toEqual([false, null, null, null, null]);
  });

  it('ignores tracks outside the staleness window and shoppers outside the outline', () => {
    const b = new RunLogBuilder().tracks(0.1, [[1, 1, 1, null]]).truth(0.1, [row(1, 1, 1), row(2, 1, -0.5)]).truth(0.7, [row(1, 1, 1)]);
    const s = scoreRun(collectRun(b.build()), null);
    // Frame 0.1: 1 match (shopper 2 is outside, not scored); frame 0.7: the 0.1 tracks are 0.6 s old, so a miss.
    expect([s.tracking!.CLR_TP, s.tracking!.CLR_FN, s.tracking!.CLR_FP]).toEqual([1, 1, 0]);
  });
});

describe('layout and latency', () => {
  it('Fruin levels at the walkway thresholds', () => {
    expect([0, 0.31, 0.32, 0.43, 0.72, 1.08, 2.17, 2.18].map(fruinLevel)).toEqual([0, 0, 1, 1, 2, 3, 4, 5]);
  });

  it('crowding: 5 people within 1.5 m is 0.71 persons/m², level C', () => {
    const rows = [row(1, 2, 2), row(2, 2.5, 2), row(3, 2, 2.5), row(4, 1.5, 2), row(5, 2, 1.5)];
    const s = scoreRun(collectRun(new RunLogBuilder(tinyHeader(null)).truth(0.1, rows).build()), null);
    expect(s.layout.peakDensityPerM2).toBeCloseTo(5 / (Math.PI * 2.25), 12);
    expect(s.layout.fruinShare.C).toBe(1);
  });

  it('latency percentiles interpolate like numpy; no timings gives nulls', () => {
    const lines = [1, 2, 3, 4, 100].map((engineMs, tick) => ({ type: 'timing' as const, tick, t: tick / 10, frames: 1, engineMs, roundTripMs: engineMs + 1, latencyMs: null }));
    const l = scoreLatency({ lines, footer: { type: 'timing-footer', mode: 'lockstep', ingests: 5, deliveredFrames: 5, droppedFrames: 0, wallS: 1, realTimeFactor: 2 } });
    expect(l.p50Ms).toBe(3);
    expect(l.p95Ms).toBeCloseTo(80.8, 9);
    expect(l.p99Ms).toBeCloseTo(96.16, 9);
    expect([l.maxMs, l.droppedFrames]).toEqual([100, 0]);
    expect(l.histogram.reduce((a, v) => a + v, 0)).toBe(5);
    expect(scoreLatency(null)).toMatchObject({ ingests: 0, p99Ms: null, droppedFrames: null });
    expect(percentile([], 50)).toBeNull();
  });
});

describe('scoreRun with and without a worker thread', () => {
  it('a run long enough for the worker scores the same in place (as a browser tab does) and on a thread', () => {
    // 3200 frames of three shoppers walking in circles, a noisy engine that swaps two of them midway.
    const b = new RunLogBuilder();
    for (let k = 1; k <= 3200; k++) {
      const t = Math.round(k * 100) / 1000;
      const rows = [1, 2, 3].map((id) => row(id, 5 + 2 * Math.cos(k / 50 + id), 5 + 2 * Math.sin(k / 50 + id)));
      b.truth(t, rows);
      const swap = k > 1600 ? [11, 10, 12] : [10, 11, 12];
      b.tracks(t, rows.map((r, i) => [swap[i]!, r[1] + 0.3 * Math.sin(k * 7 + i), r[2] + 0.3 * Math.cos(k * 3 + i), null] as [number, number, number, null]));
    }
    const run = collectRun(b.build());
    expect(run.truth.length).toBeGreaterThanOrEqual(3000);
    const inPlace = scoreRun(run, null);
    const threaded = scoreRun(run, null, { threads: true });
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(inPlace));
    expect(inPlace.tracking!.IDSW).toBeGreaterThan(0);
    expect(inPlace.tracking!.HOTA).toBeGreaterThan(0.1);
    expect(inPlace.tracking!.HOTA).toBeLessThan(1);
  });
});
