import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './parseScenarioText.ts';

const root = new URL('../../../', import.meta.url);
const catalogs = new Map([['catalog.json', JSON.parse(readFileSync(new URL('assets/catalog.json', root), 'utf8')) as unknown]]);
const taoCafe = readFileSync(new URL('scenarios/tao-cafe.json', root), 'utf8');

describe('parseScenarioText', () => {
  it('loads a bundled scenario with the bundled catalog', () => {
    const r = parseScenarioText(taoCafe, 'scenarios/tao-cafe.json', catalogs);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.name).toBe('tao-cafe');
  });

  it('reports schema problems as the CLI prints them, with JSON paths', () => {
    const json = JSON.parse(taoCafe);
    json.store.shelves[0].widthM = 'wide';
    json.crowd.maxInStore = 0;
    const r = parseScenarioText(JSON.stringify(json), 'mine.json', catalogs);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.lines[0]).toBe('sim: 2 problems in mine.json');
    expect(r.lines).toContain('mine.json: store.shelves[0].widthM: expected number, got the string "wide"');
    expect(r.lines).toContain('mine.json: crowd.maxInStore: expected >= 1, got 0');
  });

  it('names the line and column of broken JSON', () => {
    const r = parseScenarioText('{\n  "name": "x",\n  oops\n}', 'cut.json', catalogs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.lines[1]).toMatch(/^cut\.json: not valid JSON at line 3, column \d+: /);
  });

  it('asks for a catalog it does not have', () => {
    const json = JSON.parse(taoCafe);
    json.catalog = '../assets/other-catalog.json';
    const r = parseScenarioText(JSON.stringify(json), 'mine.json', catalogs);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.lines[1]).toMatch(/^mine\.json: catalog: the catalog "..\/assets\/other-catalog.json" is not loaded/);
  });
});
