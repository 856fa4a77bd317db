import { jsonErrorOffset } from '../../../sim/scenario/jsonErrorOffset.ts';
import { parseCatalog, parseScenario } from '../../../sim/scenario/loadScenario.ts';
import type { Catalog, Scenario } from '../../../sim/scenario/Scenario.ts';
import { ScenarioError } from '../../../sim/scenario/ScenarioIssue.ts';

/** A scenario read in the browser: the frozen scenario, or the lines the CLI would print for it. */
export type ScenarioText = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly lines: readonly string[] };

/** Catalogs the app can resolve a scenario's `catalog` field to, by file name (`catalog.json`). */
export type CatalogFiles = ReadonlyMap<string, unknown>;

/** The last path segment of a path or URL-ish string. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function failure(file: string, issues: ScenarioError['issues']): ScenarioText {
  return { ok: false, lines: new ScenarioError(file, issues).message.split('\n') };
}

/**
 * Parses and validates scenario text exactly as the CLI does (schema, references, geometry) and
 * reports problems in the CLI's words: `sim: N problems in <file>`, then `<file>: json.path: message`.
 * The scenario's `catalog` is looked up by file name among `catalogs` (a browser cannot follow paths).
 */
export function parseScenarioText(text: string, file: string, catalogs: CatalogFiles): ScenarioText {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const offset = jsonErrorOffset(text);
    let where = '';
    if (offset >= 0) {
      const before = text.slice(0, offset);
      where = ` at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    return failure(file, [{ path: '', message: `not valid JSON${where}: ${(err as Error).message}` }]);
  }
  const named = json !== null && typeof json === 'object' && 'catalog' in json && typeof json.catalog === 'string' ? json.catalog : '../assets/catalog.json';
  const catalogJson = catalogs.get(baseName(named));
  if (catalogJson === undefined) {
    const known = [...catalogs.keys()].map((k) => `"${k}"`).join(', ');
    return failure(file, [{ path: 'catalog', message: `the catalog "${named}" is not loaded: open it together with the scenario (known: ${known})` }]);
  }
  const catalog = parseCatalog(catalogJson);
  if (!catalog.ok) return failure(baseName(named), catalog.issues);
  return withCatalog(json, file, catalog.value, named);
}

function withCatalog(json: unknown, file: string, catalog: Catalog, catalogPath: string): ScenarioText {
  const parsed = parseScenario(json, catalog, catalogPath);
  return parsed.ok ? { ok: true, scenario: parsed.value } : failure(file, parsed.issues);
}
