import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Appearance } from '../../truth/Truth.ts';
import { loadCatalogFile, parseScenario } from '../../scenario/loadScenario.ts';
import type { Scenario } from '../../scenario/Scenario.ts';
import type { Shopper } from '../../shoppers/Shopper.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Test fixtures for the camera model: a 10 m x 10 m room with one 1.4 m gondola across the
 * middle (x 3..7, y 4.7..5.3) and one camera at (5, 0.3, 3) looking at (5, 6, 0).
 */
export function cameraRoom(edit: (json: Record<string, any>) => void = () => {}): Scenario { // eslint-disable-line @typescript-eslint/no-explicit-any
  const json: Record<string, unknown> = {
    name: 'camera-room',
    seed: 11,
    store: {
      outline: [[0, 0], [10, 0], [10, 10], [0, 10]],
      shelves: [{ id: 'gondola', center: [5, 5], widthM: 4, depthM: 0.6, heightM: 1.4, levels: 2, columns: 2, slots: [{ level: 0, column: 0, sku: 'cv-water-550', stock: 10 }] }],
      entries: [{ id: 'in', kind: 'open', position: [1, 0], widthM: 1 }],
      exits: [{ id: 'out', kind: 'walkthrough', position: [9, 0], widthM: 1 }],
    },
    sensors: {
      cameras: [{ id: 'cam', position: [5, 0.3, 3], lookAt: [5, 6, 0], hfovDeg: 90, resolution: [1920, 1080], rateHz: 10 }],
    },
    crowd: { durationS: 60, maxInStore: 5, arrivals: [{ at: '09:00', perHour: 60 }], profiles: [{ name: 'p', weight: 1 }] },
  };
  edit(json);
  const catalog = loadCatalogFile(`${root}assets/catalog.json`);
  const parsed = parseScenario(JSON.parse(JSON.stringify(json)), catalog);
  if (!parsed.ok) throw new Error(`sim: camera test room is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}

/** A stand-in shopper with just what cameras read: id, place, heading, body. */
export function standIn(id: number, x: number, y: number, look: Partial<Appearance> = {}, headingRad = Math.PI / 2): Shopper {
  const appearance: Appearance = { heightM: 1.7, build: 1, topColor: '#c0392b', bottomColor: '#2b3a55', ...look };
  return { id, x, y, headingRad, reach: null, spawn: { id, appearance, radiusM: 0.2 } } as unknown as Shopper;
}

/** The scenario JSON of a bundled scenario (tests edit copies). */
export function bundledJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${root}scenarios/${name}.json`, 'utf8')) as Record<string, unknown>;
}
