import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { buildStore } from '../store/Store.ts';
import { checkGeometry } from './checkGeometry.ts';
import { checkReferences } from './checkReferences.ts';
import { jsonErrorOffset } from './jsonErrorOffset.ts';
import type { Catalog, Scenario } from './Scenario.ts';
import { deepFreeze } from './Scenario.ts';
import type { ScenarioIssue } from './ScenarioIssue.ts';
import { ScenarioError, formatPath } from './ScenarioIssue.ts';
import { catalogSchema, scenarioSchema } from './schema.ts';

/** zod 4 leaves the offending value out of its issues unless asked; the messages below quote it. */
const REPORT_INPUT = { reportInput: true } as const;

/** Parsing either gives a frozen value or every issue found. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/** Reads and validates a scenario file and the catalog it names; throws ScenarioError listing every problem. */
export function loadScenarioFile(file: string): Scenario {
  const text = readText(file);
  const json = parseJson(file, text);
  const pre = scenarioSchema.safeParse(json, REPORT_INPUT);
  const catalogRel = pre.success ? pre.data.catalog : catalogPathOf(json);
  const catalogPath = catalogFileOf(file, catalogRel, namesCatalog(json));
  let catalog: Catalog;
  try {
    catalog = loadCatalogFile(catalogPath);
  } catch (err) {
    if (!(err instanceof ScenarioError) || pre.success) throw err;
    // The scenario is broken too (often the very reason its catalog path is wrong): its own
    // problems first, then the catalog's, so the first line names what to fix.
    const catalogIssues = err.issues.map((i) => ({ path: 'catalog', message: `${err.file}${i.path === '' ? '' : ` at ${i.path}`}: ${i.message}` }));
    throw new ScenarioError(file, [...zodIssues(pre.error), ...catalogIssues]);
  }
  const parsed = parseScenario(json, catalog, catalogPath);
  if (!parsed.ok) throw new ScenarioError(file, parsed.issues);
  return parsed.value;
}

/** Reads and validates a catalog file; throws ScenarioError. */
export function loadCatalogFile(file: string): Catalog {
  const parsed = parseCatalog(parseJson(file, readText(file)));
  if (!parsed.ok) throw new ScenarioError(file, parsed.issues);
  return parsed.value;
}

/** Validates a catalog already parsed from JSON. */
export function parseCatalog(json: unknown): Parsed<Catalog> {
  const r = catalogSchema.safeParse(json, REPORT_INPUT);
  if (!r.success) return { ok: false, issues: zodIssues(r.error) };
  const issues: ScenarioIssue[] = [];
  const byId = new Map<string, Catalog['skus'][number]>();
  r.data.skus.forEach((sku, i) => {
    if (byId.has(sku.id)) issues.push({ path: `skus[${i}].id`, message: `duplicate SKU id "${sku.id}"` });
    byId.set(sku.id, sku);
  });
  if (issues.length > 0) return { ok: false, issues };
  const skus = deepFreeze(r.data.skus);
  return { ok: true, value: Object.freeze({ currency: r.data.currency, skus, byId }) };
}

/** Validates a scenario already parsed from JSON against a loaded catalog: schema, references, geometry. */
export function parseScenario(json: unknown, catalog: Catalog, catalogPath = ''): Parsed<Scenario> {
  const r = scenarioSchema.safeParse(json, REPORT_INPUT);
  if (!r.success) return { ok: false, issues: zodIssues(r.error) };
  const refIssues = checkReferences(r.data, new Set(catalog.byId.keys()));
  if (refIssues.length > 0) return { ok: false, issues: refIssues };
  const { catalog: _path, ...rest } = r.data;
  const scenario = deepFreeze({ ...rest, catalogPath }) as Omit<Scenario, 'catalog'>;
  const full = Object.freeze({ ...scenario, catalog }) as Scenario;
  const geoIssues = checkGeometry(buildStore(full));
  if (geoIssues.length > 0) return { ok: false, issues: geoIssues };
  return { ok: true, value: full };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((err as Error).message);
    throw new ScenarioError(file, [{ path: '', message: `cannot read "${file}": ${why}` }]);
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    // Not every JSON.parse message names a position (Node 20: "Unexpected token 'x', ... is not valid JSON").
    const pos = /position (\d+)/.exec(msg);
    const offset = pos ? Number(pos[1]) : jsonErrorOffset(text);
    let where = '';
    if (offset >= 0) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    throw new ScenarioError(file, [{ path: '', message: `not valid JSON${where}: ${msg}` }]);
  }
}

/** storetwin's own catalog, which a scenario naming none uses. */
const BUNDLED_CATALOG = fileURLToPath(new URL('../../assets/catalog.json', import.meta.url));

/** Whether the scenario JSON names its catalog. */
function namesCatalog(json: unknown): boolean {
  return json !== null && typeof json === 'object' && 'catalog' in json;
}

/**
 * The catalog file to read. A scenario that names none means storetwin's own: the default path
 * (relative to the scenario, right inside scenarios/) when it is there, else the bundled file, so a
 * copy of a bundled scenario elsewhere still loads. A named path is always taken as given.
 */
function catalogFileOf(scenarioFile: string, catalogRel: string, named: boolean): string {
  const path = resolve(dirname(scenarioFile), catalogRel);
  return named || existsSync(path) ? path : BUNDLED_CATALOG;
}

function catalogPathOf(json: unknown): string {
  if (json !== null && typeof json === 'object' && 'catalog' in json && typeof json.catalog === 'string') return json.catalog;
  return '../assets/catalog.json';
}

function zodIssues(error: z.ZodError): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...issue.path, key]), message: `unknown field "${key}"` });
    } else {
      out.push({ path: formatPath(issue.path), message: describe(issue) });
    }
  }
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `missing; expected ${issue.expected}` : `expected ${issue.expected}, got ${typeName(issue.input)}`;
    case 'too_small':
      return `expected ${issue.origin === 'array' ? 'at least ' + String(issue.minimum) + ' items' : (issue.inclusive ? '>= ' : '> ') + String(issue.minimum)}, got ${JSON.stringify(issue.input) ?? 'nothing'}`;
    case 'too_big':
      return `expected ${issue.origin === 'array' ? 'at most ' + String(issue.maximum) + ' items' : (issue.inclusive ? '<= ' : '< ') + String(issue.maximum)}, got ${JSON.stringify(issue.input) ?? 'nothing'}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(issue.input)}`;
    default:
      return issue.message;
  }
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return typeof v;
}
