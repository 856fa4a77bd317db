import catalogJson from '../../../assets/catalog.json';
import { baseName } from './parseScenarioText.ts';

/** The scenario the app opens when none is asked for. */
export const DEFAULT_SCENARIO = 'tao-cafe';

const files = import.meta.glob<string>('../../../scenarios/*.json', { eager: true, query: '?raw', import: 'default' });

/** Bundled scenarios as text, by name (file name without `.json`), sorted; the JSON schema is left out. */
export const BUNDLED_SCENARIOS: ReadonlyMap<string, string> = new Map(
  Object.entries(files)
    .map(([path, text]) => [baseName(path).replace(/\.json$/, ''), text] as const)
    .filter(([name]) => name !== 'scenario.schema')
    .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
);

/** Catalogs bundled with the app, by file name. */
export const BUNDLED_CATALOGS: ReadonlyMap<string, unknown> = new Map([['catalog.json', catalogJson]]);
