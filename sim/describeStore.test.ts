import { describe, expect, it } from 'vitest';
import { Spawner } from './crowd/Spawner.ts';
import { describeStore, isFaceEnrolled } from './describeStore.ts';
import { faceIdentity } from './sensors/faces.ts';
import { WeightPlates } from './sensors/WeightPlates.ts';
import { buildStore } from './store/Store.ts';
import { bundledScenario } from './testing.ts';

describe('describeStore', () => {
  const scenario = bundledScenario('tao-cafe');
  const store = buildStore(scenario);
  const d = describeStore(scenario, store);

  it('lists plates in the order the ShelfWeightFrame grams use', () => {
    const frames: { sensorId: string; grams: readonly number[] }[] = [];
    new WeightPlates(scenario, store).sample({ tick: 0, t: 0, slotGrams: (i) => (i + 1) * 1000 }, frames);
    expect(d.shelves.map((s) => s.id)).toEqual(frames.map((f) => f.sensorId));
    for (const [k, f] of frames.entries()) {
      const plates = d.shelves[k]!.plates;
      expect(plates).toHaveLength(f.grams.length);
      // Each plate's reading carries its slot's grams: (index + 1) kg plus the 500 g tare and 2 g noise.
      plates.forEach((p, j) => expect(Math.abs(f.grams[j]! - 500 - (store.slotById.get(p.slotId)!.index + 1) * 1000)).toBeLessThan(12));
    }
  });

  it('puts each plate\'s reach point on its slot\'s front edge, at the slot\'s column and level', () => {
    const shelf = scenario.store.shelves.find((s) => s.id === 'gondola-c')!; // rotation 0: front faces -y
    const plates = d.shelves.find((s) => s.id === 'gondola-c')!.plates;
    for (const p of plates) {
      const slot = shelf.slots.find((s) => `gondola-c/${s.face === 'front' ? 'f' : 'b'}${s.level}-${s.column}` === p.slotId)!;
      const colW = shelf.widthM / shelf.columns;
      const x = shelf.center[0] - shelf.widthM / 2 + (slot.column + 0.5) * colW;
      const y = shelf.center[1] + (slot.face === 'front' ? -1 : 1) * shelf.depthM / 2;
      expect(p.reachPointM[0]).toBeCloseTo(x, 9);
      expect(p.reachPointM[1]).toBeCloseTo(y, 9);
      expect(p.reachPointM[2]).toBeCloseTo(Math.min(2, (slot.level + 0.5) * shelf.heightM / shelf.levels), 9);
      expect(Math.abs(p.standPointM[1] - y)).toBeCloseTo(0.45, 9);
      expect(p.sku).toBe(slot.sku);
      expect(p.initialStock).toBe(slot.stock);
    }
    expect(plates.length).toBe(shelf.slots.length);
  });

  it('describes doors with inward unit vectors, fixtures, readers, counters and the catalog', () => {
    const entry = d.doors.find((x) => x.id === 'entry')!;
    expect(entry).toMatchObject({ role: 'entry', kind: 'qr', positionM: [2, 0], inward: [0, 1] });
    expect(d.doors.find((x) => x.id === 'exit')).toMatchObject({ role: 'exit', kind: 'walkthrough' });
    expect(d.fixtures).toHaveLength(scenario.store.shelves.length + scenario.store.counters.length);
    expect(d.fixtures.find((f) => f.id === 'counter')!.kind).toBe('counter');
    for (const f of d.fixtures) {
      let area = 0;
      f.corners.forEach((a, i) => {
        const b = f.corners[(i + 1) % f.corners.length]!;
        area += a[0] * b[1] - b[0] * a[1];
      });
      expect(area).toBeGreaterThan(0); // counter-clockwise
    }
    expect(d.readers).toContainEqual({ id: 'counter-face', kind: 'face', at: 'counter' });
    expect(d.counters[0]!.menu.length).toBeGreaterThan(0);
    expect(d.catalog.length).toBe(scenario.catalog.skus.length);
    expect(d.cameras.map((c) => c.id)).toEqual(scenario.sensors.cameras.map((c) => c.id));
    expect(d.dtS).toBe(0.1);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d); // structured-clone and JSON safe
  });

  it('sends the face of every enrolled account and of no other', () => {
    const spawner = new Spawner(scenario, store, new Map(), { emit: () => {}, admit: () => {}, walkTo: () => {} });
    const enrolled = new Set(d.gallery.map((g) => g.accountId));
    const n = scenario.crowd.accounts.population;
    expect(enrolled.size / n).toBeGreaterThan(scenario.crowd.accounts.faceEnrolledShare - 0.03);
    expect(enrolled.size / n).toBeLessThan(scenario.crowd.accounts.faceEnrolledShare + 0.03);
    for (let i = 0; i < n; i += 7) {
      const id = `acct-${i}`;
      expect(enrolled.has(id)).toBe(spawner.enrolled(id));
      expect(isFaceEnrolled(scenario, id)).toBe(spawner.enrolled(id));
    }
    const g = d.gallery[3]!;
    const truth = faceIdentity(scenario.seed, g.accountId);
    g.descriptor.forEach((v, k) => expect(Math.abs(v - truth[k]!)).toBeLessThanOrEqual(5e-5 + 1e-12));
  });

  it('gives the believed calibration when a calibration fault is declared', () => {
    const faulty = bundledScenario('tao-cafe', (j) => {
      j.faults = [{ kind: 'calibration-error', camera: 'cam-sw', positionM: [0.2, 0, 0], yawDeg: 2 }];
    });
    const e = describeStore(faulty);
    const a = d.cameras.find((c) => c.id === 'cam-sw')!;
    const b = e.cameras.find((c) => c.id === 'cam-sw')!;
    expect(b.positionM[0] - a.positionM[0]).toBeCloseTo(0.2, 12);
    expect(b.rotation).not.toEqual(a.rotation);
    expect(e.cameras.find((c) => c.id === 'cam-se')).toEqual(d.cameras.find((c) => c.id === 'cam-se'));
  });
});
