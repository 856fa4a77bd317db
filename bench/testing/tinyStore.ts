import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCatalog, parseScenario } from '../../sim/scenario/loadScenario.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';

/** Test fixtures: a 6 m × 4 m shop with one shelf, an open entry and a walk-through exit. */

/** A two-SKU catalog, as JSON. */
export function tinyCatalogJson(): Record<string, unknown> {
  return {
    currency: 'EUR',
    skus: [
      { id: 'tea', name: 'Tea', category: 'convenience', priceCents: 250, weightG: 300, sizeM: [0.07, 0.07, 0.2], color: '#336699' },
      { id: 'bun', name: 'Bun', category: 'cafe', priceCents: 180, weightG: 90, sizeM: [0.1, 0.1, 0.05], color: '#cc9933' },
    ],
  };
}

/** The scenario JSON of the tiny shop; `catalog` points at `catalog.json` beside it. */
export function tinyScenarioJson(): Record<string, unknown> {
  return {
    name: 'tiny',
    seed: 7,
    dtS: 0.1,
    truthHz: 2,
    catalog: 'catalog.json',
    store: {
      outline: [[0, 0], [6, 0], [6, 4], [0, 4]],
      shelves: [{
        id: 'shelf-a', center: [3, 3.6], widthM: 2, depthM: 0.5, heightM: 1.5, levels: 2, columns: 2,
        slots: [
          { level: 0, column: 0, sku: 'tea', stock: 10 },
          { level: 1, column: 1, sku: 'bun', stock: 12 },
        ],
      }],
      entries: [{ id: 'in', kind: 'open', position: [1, 0], widthM: 1 }],
      exits: [{ id: 'out', kind: 'walkthrough', position: [5, 0], widthM: 1 }],
    },
    sensors: {},
    crowd: {
      durationS: 30,
      drainS: 120,
      maxInStore: 5,
      arrivals: [{ at: '09:00', perHour: 720 }],
      profiles: [{ name: 'quick', weight: 1, listSize: { mean: 1, min: 1, max: 2 } }],
    },
  };
}

/** The tiny shop as a parsed, frozen Scenario. */
export function tinyScenario(): Scenario {
  const catalog = parseCatalog(tinyCatalogJson());
  if (!catalog.ok) throw new Error(`bench: tiny catalog: ${JSON.stringify(catalog.issues)}`);
  const scenario = parseScenario(tinyScenarioJson(), catalog.value, 'catalog.json');
  if (!scenario.ok) throw new Error(`bench: tiny scenario: ${JSON.stringify(scenario.issues)}`);
  return scenario.value;
}

/** A fresh temp folder holding `catalog.json` and `scenario.json` (the tiny shop, edited by `edit`). */
export function tinyScenarioDir(edit: (json: Record<string, unknown>) => void = () => {}): { dir: string; scenarioFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'storetwin-'));
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify(tinyCatalogJson()));
  const json = tinyScenarioJson();
  edit(json);
  const scenarioFile = join(dir, 'scenario.json');
  writeFileSync(scenarioFile, JSON.stringify(json, null, 2));
  return { dir, scenarioFile };
}
