import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalogFile, parseScenario } from './scenario/loadScenario.ts';
import type { Scenario } from './scenario/Scenario.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

/** A bundled scenario, optionally edited as JSON first (tests use this to switch behaviours on). */
export function bundledScenario(name: string, edit: (json: Record<string, any>) => void = () => {}): Scenario { // eslint-disable-line @typescript-eslint/no-explicit-any
  const json = JSON.parse(readFileSync(`${root}scenarios/${name}.json`, 'utf8')) as Record<string, unknown>;
  edit(json);
  const parsed = parseScenario(json, loadCatalogFile(`${root}assets/catalog.json`));
  if (!parsed.ok) throw new Error(`sim: test scenario ${name} is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
}
