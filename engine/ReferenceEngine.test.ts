import { describe, expect, it } from 'vitest';
import type { EngineEvent, SensorFrame } from './api.ts';
import { ReferenceEngine } from './ReferenceEngine.ts';
import type { SeenPerson } from './testing/syntheticStore.ts';
import { face, overheadFrame, shelfFrame, syntheticStore, walk } from './testing/syntheticStore.ts';

type P = [number, number];
const hold = (p: P, ticks: number): P[] => Array.from({ length: ticks }, () => [p[0], p[1]]);

/** A scripted person: where they are each tick from `start`, and how they look. */
interface Actor {
  readonly start: number;
  readonly look: number;
  readonly path: P[];
}

/** A path through the entry, to stops (each held `dwell` ticks), out through the exit. */
function visit(stops: P[], dwell = 30): P[] {
  const path: P[] = [[1, -0.6], ...walk([1, -0.6], [1, 1], 16)];
  let at: P = [1, 1];
  for (const s of stops) {
    path.push(...walk(at, s, 20), ...hold(s, dwell));
    at = s;
  }
  path.push(...walk(at, [5, 0.6], 20), ...walk([5, 0.6], [5, -0.6], 12));
  return path;
}

const TEA: P = [2.5, 2.9];
const BUN: P = [3.5, 2.9];

/**
 * Drives the engine tick by tick: camera frames from the actors, plate readings from the stock
 * (grams on the tea and bun plates by tick), door passes when an actor crosses y = 0 at a door, and extra frames.
 */
function drive(actors: Actor[], ticks: number, stock: (tick: number) => [number, number], extra: (tick: number, t: number) => SensorFrame[] = () => []): EngineEvent[] {
  const engine = new ReferenceEngine();
  engine.init(syntheticStore());
  const events: EngineEvent[] = [];
  let passFrame = 0;
  for (let tick = 1; tick <= ticks; tick++) {
    const t = Math.round(tick * 0.1 * 1e6) / 1e6;
    const people: SeenPerson[] = [];
    const frames: SensorFrame[] = [];
    for (const a of actors) {
      const i = tick - a.start;
      const p = a.path[i];
      if (p === undefined) continue;
      if (p[1] > -0.3) people.push({ x: p[0], y: p[1], look: a.look });
      const prev = a.path[i - 1];
      if (prev && (prev[1] < 0) !== (p[1] < 0)) {
        const door = p[0] < 3 ? 'in' : 'out';
        frames.push({ kind: 'door-pass', sensorId: door, frame: passFrame++, t, direction: p[1] >= 0 ? 'in' : 'out' });
      }
    }
    const [tea, bun] = stock(tick);
    frames.unshift(overheadFrame(tick, t, people), shelfFrame(tick, t, tea, bun));
    frames.push(...extra(tick, t));
    events.push(...engine.ingest(t, frames));
  }
  events.push(...engine.finish(ticks * 0.1));
  return events;
}

const qr = (t: number, accountId: string, frame = 0): SensorFrame => ({ kind: 'qr-scan', sensorId: 'in-qr', frame, t, at: 'in', token: `qr:${accountId}`, accountId });
const of = <K extends EngineEvent['kind']>(events: EngineEvent[], kind: K) => events.filter((e): e is Extract<EngineEvent, { kind: K }> => e.kind === kind);

describe('ReferenceEngine on a scripted shop', () => {
  it('bills one shopper exactly for two teas and a bun', () => {
    const a: Actor = { start: 1, look: 3, path: visit([TEA, BUN]) };
    // Two teas leave at tick 60 (during the tea stop), a bun at tick 110 (during the bun stop).
    const events = drive([a], 200, (k) => [300 * (10 - (k >= 60 ? 2 : 0)), 90 * (12 - (k >= 110 ? 1 : 0))], (k, t) => (k === 5 ? [qr(t, 'acct-1')] : []));
    const bindings = of(events, 'binding');
    expect(bindings).toHaveLength(1);
    expect(bindings[0]).toMatchObject({ accountId: 'acct-1', method: 'qr', at: 'in' });
    expect(of(events, 'cart-line').map((l) => [l.accountId, l.sku, l.qty, l.slotId])).toEqual([
      ['acct-1', 'tea', 2, 'shelf-a/f0-0'], ['acct-1', 'bun', 1, 'shelf-a/f1-1'],
    ]);
    const receipts = of(events, 'receipt');
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ accountId: 'acct-1', lines: [{ sku: 'bun', qty: 1, unitCents: 180 }, { sku: 'tea', qty: 2, unitCents: 250 }], totalCents: 680 });
    expect(receipts[0]!.t).toBeGreaterThan(14);
    expect(of(events, 'alert')).toEqual([]);
    // Tracks: one person, confirmed, following the path.
    const tracks = of(events, 'tracks');
    expect(tracks.length).toBeGreaterThan(100);
    const mid = tracks.find((e) => Math.abs(e.t - 6) < 1e-9)!;
    expect(mid.tracks).toHaveLength(1);
    expect(Math.hypot(mid.tracks[0]!.positionM[0] - TEA[0], mid.tracks[0]!.positionM[1] - TEA[1])).toBeLessThan(0.05);
  });

  it('bills two shoppers taking from one shelf in turns, and takes back a wrong-slot put-back', () => {
    const a: Actor = { start: 1, look: 3, path: visit([TEA, BUN]) };
    const b: Actor = { start: 60, look: 9, path: visit([TEA, BUN]) };
    // a: tea at 60, bun at 110. b (60 ticks later): tea at 120... puts a tea back on the bun plate at 170.
    const events = drive([a, b], 280, (k) => [300 * (10 - (k >= 60 ? 1 : 0) - (k >= 120 ? 2 : 0)), 90 * (12 - (k >= 110 ? 1 : 0)) + (k >= 165 ? 300 : 0)],
      (k, t) => (k === 5 ? [qr(t, 'acct-1')] : k === 64 ? [qr(t, 'acct-2', 1)] : []));
    const putBack = of(events, 'cart-line').find((l) => l.qty < 0)!;
    expect(putBack).toMatchObject({ accountId: 'acct-2', slotId: 'shelf-a/f1-1', sku: 'tea', qty: -1 });
    const receipts = of(events, 'receipt');
    expect(receipts.map((r) => [r.accountId, r.lines.map((l) => `${l.qty} ${l.sku}`).join(', ')])).toEqual([
      ['acct-1', '1 bun, 1 tea'],
      ['acct-2', '1 tea'],
    ]);
  });

  it('raises tailgating when two people pass on one scan, and unbound-exit when the second leaves', () => {
    const a: Actor = { start: 1, look: 3, path: visit([TEA]) };
    const sneak: Actor = { start: 9, look: 11, path: visit([BUN]) };
    const events = drive([a, sneak], 200, () => [3000, 1080], (k, t) => (k === 5 ? [qr(t, 'acct-1')] : []));
    const alerts = of(events, 'alert');
    expect(alerts.map((e) => e.alert)).toEqual(['tailgating', 'unbound-exit']);
    expect(alerts[0]!.at).toBe('in');
    expect(of(events, 'binding')).toHaveLength(1);
    expect(of(events, 'receipt')).toHaveLength(1);
  });

  it('flags a pick two shoppers could both have made', () => {
    const a: Actor = { start: 1, look: 3, path: visit([TEA]) };
    const b: Actor = { start: 12, look: 9, path: visit([[2.75, 2.9]]) };
    const events = drive([a, b], 200, (k) => [300 * (10 - (k >= 62 ? 1 : 0)), 1080],
      (k, t) => (k === 2 ? [qr(t, 'acct-1')] : k === 12 ? [qr(t, 'acct-2', 1)] : []));
    const alerts = of(events, 'alert').filter((e) => e.alert === 'ambiguous-pick');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.trackIds).toHaveLength(2);
    const line = of(events, 'cart-line')[0]!;
    expect(line.confidence).toBeLessThan(0.6);
  });

  it('charges a counter order to the face seen there', () => {
    const events = drive([], 30, () => [3000, 1080], (k, t) => (k === 10 ? [
      { kind: 'face-capture', sensorId: 'counter-face', frame: 0, t, at: 'counter', descriptor: face(2, 0.05), quality: 0.9 },
      { kind: 'counter-order', sensorId: 'counter', frame: 0, t, lines: [{ sku: 'coffee', qty: 2 }] },
    ] : []));
    expect(of(events, 'counter-charge')).toEqual([{ kind: 'counter-charge', t: 1, counter: 'counter', accountId: 'acct-2', lines: [{ sku: 'coffee', qty: 2, unitCents: 320 }], totalCents: 640 }]);
  });

  it('charges an unenrolled face to the bound track at the counter, and alerts only when no one is there', () => {
    // acct-1 enters by QR (not enrolled: face(7) is in no gallery entry) and orders at the counter at tick 55.
    const order = (k: number, t: number): SensorFrame[] => (k === 55 ? [
      { kind: 'face-capture', sensorId: 'counter-face', frame: 0, t, at: 'counter', descriptor: face(7, 0.05), quality: 0.9 },
      { kind: 'counter-order', sensorId: 'counter', frame: 0, t, lines: [{ sku: 'coffee', qty: 1 }] },
    ] : []);
    const events = drive([{ start: 1, look: 3, path: visit([[1.2, 2]]) }], 150, () => [3000, 1080], (k, t) => [...(k === 5 ? [qr(t, 'acct-1')] : []), ...order(k, t)]);
    expect(of(events, 'counter-charge').map((c) => [c.accountId, c.totalCents])).toEqual([['acct-1', 320]]);
    expect(of(events, 'alert')).toEqual([]);
    // The same order with no one tracked in the store: nobody to charge, a human settles it.
    const alone = drive([], 80, () => [3000, 1080], order);
    expect(of(alone, 'counter-charge').map((c) => c.accountId)).toEqual([null]);
    expect(of(alone, 'alert').map((a) => [a.alert, a.at])).toEqual([['face-not-matched', 'counter']]);
  });

  it('gives the same events for the same input', () => {
    const run = () => JSON.stringify(drive([{ start: 1, look: 3, path: visit([TEA, BUN]) }], 120, (k) => [k > 60 ? 2700 : 3000, 1080], (k, t) => (k === 5 ? [qr(t, 'acct-1')] : [])));
    expect(run()).toBe(run());
  });
});
