import { describe, expect, it } from 'vitest';
import type { CameraDetectionsFrame, EngineEvent } from '../api.ts';
import { APPEARANCE_DIM, KEYPOINTS } from '../api.ts';
import { ENGINE_DEFAULTS } from '../EngineConfig.ts';
import { ReferenceEngine } from '../ReferenceEngine.ts';
import { OVERHEAD, overheadFrame, shelfFrame, syntheticStore, walk } from '../testing/syntheticStore.ts';

/** The overhead camera's pixel of a point in the store (see OVERHEAD: 10 m up, looking down). */
function pixel(x: number, y: number, z: number): [number, number] {
  return [(100 * (x - 3)) / (10 - z) + 300, (-100 * (y - 2)) / (10 - z) + 200];
}

/** The overhead frame of the people, with person i's right wrist seen at `wrists[i]` (a store point) when given. */
function frameWithWrists(frame: number, t: number, people: { x: number; y: number; look: number; wrist: [number, number, number] | null }[]): CameraDetectionsFrame {
  const f = overheadFrame(frame, t, people);
  const K = KEYPOINTS.length;
  const R = KEYPOINTS.indexOf('rightWrist');
  people.forEach((p, i) => {
    if (p.wrist === null) return;
    const [u, v] = pixel(...p.wrist);
    f.keypoints.set([u, v, 1], (i * K + R) * 3);
  });
  expect(f.appearance.length).toBe(people.length * APPEARANCE_DIM);
  return f;
}

/**
 * Two shoppers stand 0.3 m either side of the tea slot's stand point (equally near by the floor);
 * `reacher` (0: the west one, 1: the east one) puts a hand in the tea slot while a tea leaves the plate.
 */
function pickBetweenTwo(reacher: 0 | 1, wristRadiusM = ENGINE_DEFAULTS.checkout.wristRadiusM): { events: EngineEvent[]; trackAt: (x: number) => number } {
  const engine = new ReferenceEngine({ ...ENGINE_DEFAULTS, checkout: { ...ENGINE_DEFAULTS.checkout, wristRadiusM } });
  engine.init(syntheticStore());
  const store = syntheticStore();
  const reach = store.shelves[0]!.plates[0]!.reachPointM;
  const events: EngineEvent[] = [];
  const spots = [[2.2, 2.9], [2.8, 2.9]] as const;
  for (let tick = 1; tick <= 90; tick++) {
    const t = Math.round(tick * 0.1 * 1e6) / 1e6;
    const reaching = tick >= 30 && tick <= 42;
    const people = spots.map(([x, y], i) => ({
      x, y, look: 5 + i,
      // The other's hand hangs at their side, 1 m up.
      wrist: (reaching && i === reacher ? [reach[0], reach[1], reach[2]] : [x + 0.2, y, 1]) as [number, number, number],
    }));
    const tea = tick < 36 ? 3000 : 2700;
    events.push(...engine.ingest(t, [frameWithWrists(tick, t, people), shelfFrame(tick, t, tea, 1080)]));
  }
  const tracks = events.filter((e) => e.kind === 'tracks').at(-1)!;
  const trackAt = (x: number) => tracks.tracks.reduce((b, s) => (Math.abs(s.positionM[0] - x) < Math.abs(b.positionM[0] - x) ? s : b)).trackId;
  return { events, trackAt };
}

describe('Checkout attribution', () => {
  it('charges the shopper whose wrist was in the slot, not a neighbour standing as near', () => {
    for (const reacher of [0, 1] as const) {
      const { events, trackAt } = pickBetweenTwo(reacher);
      const lines = events.filter((e) => e.kind === 'cart-line');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ sku: 'tea', qty: 1, slotId: 'shelf-a/f0-0', trackId: trackAt(reacher === 0 ? 2.2 : 2.8) });
      expect(events.filter((e) => e.kind === 'alert' && e.alert === 'ambiguous-pick')).toHaveLength(0);
    }
  });

  it('without wrists the same pick is a coin toss and raises ambiguous-pick', () => {
    const { events } = pickBetweenTwo(1, 0);
    expect(events.filter((e) => e.kind === 'cart-line')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'alert' && e.alert === 'ambiguous-pick')).toHaveLength(1);
  });

  it('a far shopper whose wrist ray merely lines up with the slot loses to the one standing there', () => {
    // Near stands at the tea slot's stand point, hand 4 cm off the reach point; far stands 1 m away,
    // its wrist ray passing exactly through the reach point (a ray fixes no depth).
    const store = syntheticStore();
    const [rx, ry, rz] = store.shelves[0]!.plates[0]!.reachPointM;
    const run = (handFloorWeight: number) => {
      const engine = new ReferenceEngine({ ...ENGINE_DEFAULTS, checkout: { ...ENGINE_DEFAULTS.checkout, handFloorWeight } });
      engine.init(syntheticStore());
      const events: EngineEvent[] = [];
      for (let tick = 1; tick <= 90; tick++) {
        const t = Math.round(tick * 0.1 * 1e6) / 1e6;
        const reaching = tick >= 30 && tick <= 42;
        const people = [
          { x: 2.5, y: 2.9, look: 5, wrist: (reaching ? [rx + 0.04, ry, rz] : [2.7, 2.9, 1]) as [number, number, number] },
          { x: 3.5, y: 2.9, look: 6, wrist: (reaching ? [rx, ry, rz] : [3.7, 2.9, 1]) as [number, number, number] },
        ];
        events.push(...engine.ingest(t, [frameWithWrists(tick, t, people), shelfFrame(tick, t, tick < 36 ? 3000 : 2700, 1080)]));
      }
      const tracks = events.filter((e) => e.kind === 'tracks').at(-1)!;
      const near = tracks.tracks.find((x) => Math.abs(x.positionM[0] - 2.5) < 0.2)!.trackId;
      const lines = events.filter((e) => e.kind === 'cart-line');
      expect(lines).toHaveLength(1);
      return { charged: lines[0]!.trackId === near ? 'near' : 'far', alerts: events.filter((e) => e.kind === 'alert').length };
    };
    expect(run(ENGINE_DEFAULTS.checkout.handFloorWeight)).toEqual({ charged: 'near', alerts: 0 });
    // Wrist rays alone (weight 0) charge the far shopper.
    expect(run(0).charged).toBe('far');
  });

  /** A person of teaReplay: floor point, look, and the wrist seen (null: none) at a tick. */
  type TeaPerson = { x: number; y: number; look: number; wrist: [number, number, number] | null };

  /**
   * 9 s of the synthetic store in which one tea leaves its plate at 3.6 s (tick 36), with the people
   * `at(tick, reachPoint)` gives; returns the events, and the track nearest floor x `chargedX` (within `tolM`).
   */
  function teaReplay(at: (tick: number, reach: readonly [number, number, number]) => TeaPerson[], chargedX: number, tolM = 0.2) {
    const store = syntheticStore();
    const reach = store.shelves[0]!.plates[0]!.reachPointM;
    const engine = new ReferenceEngine();
    engine.init(store);
    const events: EngineEvent[] = [];
    for (let tick = 1; tick <= 90; tick++) {
      const t = Math.round(tick * 0.1 * 1e6) / 1e6;
      events.push(...engine.ingest(t, [frameWithWrists(tick, t, at(tick, reach)), shelfFrame(tick, t, tick < 36 ? 3000 : 2700, 1080)]));
    }
    const tracks = events.filter((e) => e.kind === 'tracks').at(-1)!;
    const expected = tracks.tracks.find((x) => Math.abs(x.positionM[0] - chargedX) < tolM)!.trackId;
    return { events, expected, lines: events.filter((e) => e.kind === 'cart-line'), alerts: events.filter((e) => e.kind === 'alert') };
  }

  it('counts the hand that is in the slot when the weight changes, not one that was there a second before', () => {
    // West and east stand equally near the tea slot. West's hand rests exactly on the reach point
    // from 2.0 to 2.6 s (touching, not taking); east's hand is 4 cm off it from 3.3 to 3.9 s, while
    // the tea leaves the plate at 3.6 s.
    const r = teaReplay((tick, [rx, ry, rz]) => [
      { x: 2.2, y: 2.9, look: 5, wrist: tick >= 20 && tick <= 26 ? [rx, ry, rz] : [2.4, 2.9, 1] },
      { x: 2.8, y: 2.9, look: 6, wrist: tick >= 33 && tick <= 39 ? [rx + 0.04, ry, rz] : [3.0, 2.9, 1] },
    ], 2.8);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ sku: 'tea', qty: 1, trackId: r.expected });
    expect(r.alerts).toHaveLength(0);
  });

  it('a hand seen in the slot at two instants beats one lucky ray at one instant', () => {
    // Both stand equally near. East's hand is 6 cm off the reach point from 3.3 to 3.9 s; west's
    // wrist is seen exactly on it once (3.6 s, as the tea leaves) and 0.3 m beside it just before.
    const r = teaReplay((tick, [rx, ry, rz]) => [
      { x: 2.2, y: 2.9, look: 5, wrist: tick === 36 ? [rx, ry, rz] : tick === 35 ? [rx - 0.3, ry, rz] : [2.4, 2.9, 1] },
      { x: 2.8, y: 2.9, look: 6, wrist: tick >= 33 && tick <= 39 ? [rx + 0.06, ry, rz] : [3.0, 2.9, 1] },
    ], 2.8);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ sku: 'tea', qty: 1, trackId: r.expected });
  });

  it('without hands, the one standing at the slot when the item left is charged, not one who passed by', () => {
    // West walks up to the stand point (2.5, 2.9), 1.2 s before the tea leaves, and back 0.6 m;
    // east stands 0.25 m from it throughout. No wrists are seen.
    const r = teaReplay((tick) => [
      { x: 2.5, y: tick <= 24 ? Math.max(1.5, 2.9 - (24 - tick) * 0.1) : Math.max(2.3, 2.9 - (tick - 24) * 0.1), look: 5, wrist: null },
      { x: 2.75, y: 2.9, look: 6, wrist: null },
    ], 2.75, 0.1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ sku: 'tea', qty: 1, trackId: r.expected });
    expect(r.alerts).toHaveLength(0);
  });

  it('reads the overhead camera pixel of a store point as the calibration does', () => {
    // The floor homography of OVERHEAD maps pixel(x, y, 0) back to (x, y).
    const [u, v] = pixel(4, 1, 0);
    const H = OVERHEAD.floorFromPixel;
    expect(H[0]! * u + H[1]! * v + H[2]!).toBeCloseTo(4, 9);
    expect(H[3]! * u + H[4]! * v + H[5]!).toBeCloseTo(1, 9);
  });

  it('a put-back onto another slot is what the shopper carries when two SKUs weigh the same', () => {
    // Tea and bun weigh 300 g each here: a tea taken and put back on the bun plate reads as a bun
    // by weight alone; the shopper carries a tea and no bun.
    const store = syntheticStore();
    const same = { ...store, catalog: store.catalog.map((c) => (c.sku === 'bun' ? { ...c, weightG: 300 } : c)) };
    const engine = new ReferenceEngine();
    engine.init(same);
    const path: [number, number][] = [...Array.from({ length: 40 }, () => [2.5, 2.9] as [number, number]), ...walk([2.5, 2.9], [3.5, 2.9], 10), ...Array.from({ length: 40 }, () => [3.5, 2.9] as [number, number])];
    const events: EngineEvent[] = [];
    path.forEach(([x, y], i) => {
      const tick = i + 1;
      const t = Math.round(tick * 0.1 * 1e6) / 1e6;
      const tea = tick < 25 ? 3000 : 2700;
      const bun = tick < 70 ? 1080 : 1380;
      events.push(...engine.ingest(t, [overheadFrame(tick, t, [{ x, y, look: 5 }]), shelfFrame(tick, t, tea, bun)]));
    });
    const lines = events.filter((e) => e.kind === 'cart-line').map((e) => ({ slotId: e.slotId, sku: e.sku, qty: e.qty }));
    expect(lines).toEqual([
      { slotId: 'shelf-a/f0-0', sku: 'tea', qty: 1 },
      { slotId: 'shelf-a/f1-1', sku: 'tea', qty: -1 },
    ]);
  });
});
