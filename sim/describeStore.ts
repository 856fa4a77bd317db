import type { FixtureInfo, PlateInfo, StoreDescription, WeighedShelf } from '../engine/api.ts';
import { API_VERSION } from '../engine/api.ts';
import { Rng } from './rng/Rng.ts';
import type { Scenario } from './scenario/Scenario.ts';
import { calibrationFaults } from './sensors/faults/FaultPlan.ts';
import { CameraModel } from './sensors/camera/CameraModel.ts';
import { faceIdentity } from './sensors/faces.ts';
import type { Store } from './store/Store.ts';
import { buildStore } from './store/Store.ts';
import { STAND_OFF_M } from './store/StoreLayout.ts';

/** Largest account population whose gallery is built (each account costs a seeded draw; millions would stall the start of a run). */
export const GALLERY_MAX_POPULATION = 200_000;

/** Whether an account opted in to face pay: fixed per account and seed (the same draw as the Spawner's). */
export function isFaceEnrolled(scenario: Scenario, accountId: string): boolean {
  return new Rng(scenario.seed, `account:${accountId}`).chance(scenario.crowd.accounts.faceEnrolledShare);
}

/**
 * What a store operator knows, as the engine is told it: floor plan, fixtures, weighed shelves
 * (plates in the order of their ShelfWeightFrame `grams`), doors, counters, readers, catalog,
 * camera calibrations (as believed: a calibration-error fault shows here) and the face gallery
 * of every enrolled account `acct-0` .. `acct-<population-1>`. Never any ground truth of a run.
 */
export function describeStore(scenario: Scenario, store: Store = buildStore(scenario)): StoreDescription {
  const st = scenario.store;
  const fixtures: FixtureInfo[] = [
    ...st.shelves.map((s) => ({ id: s.id, kind: s.kind, heightM: s.heightM })),
    ...st.counters.map((c) => ({ id: c.id, kind: 'counter' as const, heightM: c.heightM })),
    ...st.fittingRooms.map((f) => ({ id: f.id, kind: 'fitting-room' as const, heightM: f.heightM })),
  ].map((f, i) => ({ ...f, corners: store.fixtures[i]!.corners.map((p) => [p[0], p[1]] as const) }));

  // Same grouping as WeightPlates: plated slots by shelf, shelves and slots in scenario order.
  const byShelf = new Map<string, PlateInfo[]>();
  for (const s of store.slots) {
    if (!s.plated) continue;
    const a = s.access;
    const list = byShelf.get(s.shelfId) ?? [];
    list.push({
      slotId: s.id,
      sku: s.sku.id,
      facings: s.facings,
      initialStock: s.initialStock,
      // The front edge lies STAND_OFF_M from where the shopper stands, towards the shelf.
      reachPointM: [a.standAt[0] + a.facing[0] * STAND_OFF_M, a.standAt[1] + a.facing[1] * STAND_OFF_M, a.reachTo[2]],
      standPointM: [a.standAt[0], a.standAt[1]],
    });
    byShelf.set(s.shelfId, list);
  }
  const shelves: WeighedShelf[] = [...byShelf].map(([id, plates]) => ({ id, plates }));

  const errors = calibrationFaults(scenario);
  const cameras = scenario.sensors.cameras.map((decl) => {
    const cam = CameraModel.fromDecl(decl, scenario.dtS);
    const e = errors.get(decl.id);
    return (e ? cam.withError(e) : cam).calibration();
  });

  const doors = [
    ...store.entries.map((d) => ({ role: 'entry' as const, d })),
    ...store.exits.map((d) => ({ role: 'exit' as const, d })),
  ].map(({ role, d }) => ({ id: d.id, role, kind: d.kind, positionM: d.position, widthM: d.widthM, inward: [d.inward[0] + 0, d.inward[1] + 0] as const }));  // + 0: no -0 in the JSON

  return {
    apiVersion: API_VERSION,
    name: scenario.name,
    currency: scenario.catalog.currency,
    dtS: scenario.dtS,
    outline: st.outline,
    walls: store.walls.map((w) => ({ from: w.from, to: w.to, thicknessM: w.thicknessM })),
    fixtures,
    shelves,
    plateSpec: { rateHz: scenario.sensors.plates.rateHz, noiseSigmaG: scenario.sensors.plates.noiseSigmaG },
    catalog: scenario.catalog.skus.map((s) => ({ sku: s.id, name: s.name, priceCents: s.priceCents, weightG: s.weightG })),
    cameras,
    doors,
    counters: st.counters.map((c) => ({ id: c.id, positionM: c.center, menu: c.menu.map((m) => m.sku) })),
    fittingRooms: st.fittingRooms.map((f) => ({ id: f.id, positionM: f.center })),
    readers: scenario.sensors.gateReaders.map((r) => ({ id: r.id, kind: r.kind, at: r.at })),
    gallery: faceGallery(scenario),
  };
}

/** The enrolled accounts' faces, in account order; descriptors rounded to 1e-4 like captures. */
export function faceGallery(scenario: Scenario): StoreDescription['gallery'] {
  const n = scenario.crowd.accounts.population;
  if (n > GALLERY_MAX_POPULATION) {
    throw new Error(`sim: describeStore: crowd.accounts.population ${n} is above ${GALLERY_MAX_POPULATION}, too many accounts to build a face gallery for`);
  }
  const out: { accountId: string; descriptor: number[] }[] = [];
  for (let i = 0; i < n; i++) {
    const accountId = `acct-${i}`;
    if (!isFaceEnrolled(scenario, accountId)) continue;
    out.push({ accountId, descriptor: Array.from(faceIdentity(scenario.seed, accountId), (x) => Math.round(x * 1e4) / 1e4 + 0) });
  }
  return out;
}
