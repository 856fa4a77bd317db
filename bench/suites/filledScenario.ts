import { readFileSync } from 'node:fs';
import { loadCatalogFile, parseScenario } from '../../sim/scenario/loadScenario.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';

/** A bundled scenario's JSON, open to edits before it is parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ScenarioJsonDraft = any;

/**
 * A bundled scenario's JSON with a heavier arrival rate and open doorways (a scanning gate admits
 * about one person per 2.5 s, too few to fill a store), so the store fills to the crowd being timed.
 * Only beam readers stay at the entries. The shipped file is not changed.
 */
export function filledScenarioJson(root: string, name: string, perHour: number, maxInStore: number): ScenarioJsonDraft {
  const json = JSON.parse(readFileSync(`${root}scenarios/${name}.json`, 'utf8'));
  json.crowd.arrivals = [{ at: json.crowd.openAt ?? '09:00', perHour }];
  json.crowd.maxInStore = maxInStore;
  const entries = new Set<string>(json.store.entries.map((e: { id: string }) => e.id));
  for (const e of json.store.entries) e.kind = 'open';
  json.sensors.gateReaders = (json.sensors.gateReaders ?? []).filter((r: { at: string; kind: string }) => !entries.has(r.at) || r.kind === 'beam');
  return json;
}

/** Parses an edited bench scenario against the bundled catalog; a bench edit that breaks it throws. */
export function parseBenchScenario(root: string, name: string, json: ScenarioJsonDraft): Scenario {
  const parsed = parseScenario(json, loadCatalogFile(`${root}assets/catalog.json`));
  if (!parsed.ok) throw new Error(`bench: ${name}: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}
