import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonSchemas } from './jsonSchemas.ts';
import { loadCatalogFile, loadScenarioFile, parseScenario } from './loadScenario.ts';
import type { ScenarioIssue } from './ScenarioIssue.ts';
import { ScenarioError } from './ScenarioIssue.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const catalogPath = join(root, 'assets/catalog.json');
const catalog = loadCatalogFile(catalogPath);
const scenarioFiles = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));

/** A small valid store: an 8 x 6 m room, a wall shelf, a two-faced gondola, a QR entry and a walk-through exit. */
function tinyScenario() {
  return {
    $schema: './scenario.schema.json',
    name: 'tiny',
    seed: 7,
    catalog: catalogPath,
    store: {
      outline: [[0, 0], [8, 0], [8, 6], [0, 6]],
      walls: [] as { id: string; from: number[]; to: number[] }[],
      shelves: [
        {
          id: 'shelf-a', center: [4, 5.75], widthM: 3, depthM: 0.5, heightM: 1.8, levels: 4, columns: 3,
          slots: [
            { level: 0, column: 0, sku: 'cv-cola-330', facings: 6, stock: 24 },
            { level: 1, column: 1, sku: 'cv-chips-original-50', stock: 12 },
          ],
        },
        {
          id: 'gondola-b', kind: 'gondola', center: [4, 3], widthM: 2.4, depthM: 0.9, heightM: 1.5, levels: 3, columns: 2, faces: 'both',
          slots: [
            { level: 0, column: 0, sku: 'cv-water-550', stock: 10 },
            { level: 0, column: 0, face: 'back', sku: 'cv-milk-250', stock: 10 },
          ],
        },
      ] as Record<string, unknown>[],
      entries: [{ id: 'entry', kind: 'qr', position: [1.5, 0] }],
      exits: [{ id: 'exit', kind: 'walkthrough', position: [6.5, 0] }],
    },
    sensors: {
      gateReaders: [{ id: 'entry-qr', at: 'entry', kind: 'qr' }],
      cameras: [{ id: 'cam-1', position: [0.3, 0.3, 3], lookAt: [4, 3, 0], hfovDeg: 90, resolution: [1280, 720], rateHz: 10 }],
    } as Record<string, unknown>,
    crowd: {
      openAt: '09:00',
      durationS: 600,
      maxInStore: 10,
      arrivals: [{ at: '09:00', perHour: 60 }],
      profiles: [{ name: 'shopper', weight: 1, speedMps: { mean: 1.34, sd: 0.26 } }],
    },
  };
}
type Tiny = ReturnType<typeof tinyScenario>;

/** The issues of the tiny scenario after `change`; none when it parses. */
function issuesOf(change: (s: Tiny) => void): readonly ScenarioIssue[] {
  const s = tinyScenario();
  change(s);
  const parsed = parseScenario(s, catalog, catalogPath);
  return parsed.ok ? [] : parsed.issues;
}

const slot = (s: Tiny, shelf: number, i: number) => (s.store.shelves[shelf]!.slots as Record<string, unknown>[])[i]!;

/** Asserts an issue at exactly `path` whose message contains `part`. */
function expectIssue(issues: readonly ScenarioIssue[], path: string, part: string): void {
  expect(issues).toContainEqual({ path, message: expect.stringContaining(part) });
}

const tmp = mkdtempSync(join(tmpdir(), 'storetwin-scenario-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes `text` to a file in the temp dir and returns the ScenarioError its loading throws. */
function loadError(name: string, text: string | null): ScenarioError {
  const file = join(tmp, name);
  if (text !== null) writeFileSync(file, text);
  try {
    loadScenarioFile(file);
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw err;
  }
  throw new Error(`test: ${name} loaded without an error`);
}

describe('the tiny fixture', () => {
  it('is valid, and parses into a frozen scenario with defaults filled in', () => {
    const parsed = parseScenario(tinyScenario(), catalog, catalogPath);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const s = parsed.value;
    expect(Object.isFrozen(s.store.shelves[0]!.slots[0])).toBe(true);
    expect(s.store.shelves[0]!.kind).toBe('shelf');
    expect(s.store.shelves[0]!.slots[1]!.facings).toBe(1);
    expect(s.store.entries[0]!.widthM).toBe(0.9);
    expect(s.crowd.profiles[0]!.speedMps).toEqual({ mean: 1.34, sd: 0.26, min: 0.5, max: 2.2 });
    expect(s.catalog.byId.get('cv-cola-330')!.weightG).toBe(350);
  });

  it('loads from a file, with the catalog path resolved', () => {
    const file = join(tmp, 'tiny.json');
    writeFileSync(file, JSON.stringify(tinyScenario()));
    expect(loadScenarioFile(file).catalogPath).toBe(catalogPath);
  });
});

describe('broken scenarios: file level', () => {
  it.each([
    ['a trailing comma', '{\n  "name": "x",\n}', 'line 3, column 1'],
    ['a bare word', '{\n  "name": "x",\n  "seed": tru\n}', 'line 3, column 14'],
    ['single quotes', "{\n  'name': 'x'\n}", 'line 2, column 3'],
    ['an early end', '{\n  "store": {\n', 'line 3, column 1'],
    ['text after the value', '{}\n}', 'line 2, column 1'],
  ])('not JSON (%s) names the line and column', (_what, text, where) => {
    const err = loadError('bad.json', text);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]!.path).toBe('');
    expect(err.issues[0]!.message).toContain(`not valid JSON at ${where}`);
    expect(err.message).toMatch(/^sim: 1 problem in .*bad\.json/);
  });

  it('a missing file says so', () => {
    const err = loadError('nowhere.json', null);
    expect(err.issues).toEqual([{ path: '', message: expect.stringContaining('no such file') }]);
  });

  it('a copy of a bundled scenario (it names no catalog) loads anywhere with storetwin\'s catalog; a named one is taken as given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'storetwin-copy-'));
    const copy = join(dir, 'my-cafe.json');
    writeFileSync(copy, readFileSync(join(root, 'scenarios', 'tao-cafe.json'), 'utf8'));
    const mine = loadScenarioFile(copy);
    const bundled = loadScenarioFile(join(root, 'scenarios', 'tao-cafe.json'));
    expect(mine.catalogPath).toBe(join(root, 'assets', 'catalog.json'));
    expect([...mine.catalog.byId.keys()]).toEqual([...bundled.catalog.byId.keys()]);
    expect(mine.store).toEqual(bundled.store);
    const named = join(dir, 'named.json');
    writeFileSync(named, JSON.stringify({ ...JSON.parse(readFileSync(copy, 'utf8')), catalog: '../assets/catalog.json' }));
    expect(() => loadScenarioFile(named)).toThrow('no such file');
    rmSync(dir, { recursive: true });
  });

  it('a missing catalog names the catalog file', () => {
    const s = { ...tinyScenario(), catalog: './no-catalog.json' };
    const err = loadError('orphan.json', JSON.stringify(s));
    expect(err.file).toBe(join(tmp, 'no-catalog.json'));
    expect(err.issues[0]!.message).toContain('no such file');
  });

  it('a broken scenario whose catalog is missing too names its own problems first, then the catalog', () => {
    const err = loadError('broken.json', JSON.stringify({ name: 3, catalog: './gone.json' }));
    expect(err.file).toBe(join(tmp, 'broken.json'));
    expect(err.issues[0]).toEqual({ path: 'name', message: 'expected string, got number' });
    expect(err.issues.map((i) => i.path)).toContain('store');
    expect(err.issues.at(-1)).toEqual({ path: 'catalog', message: expect.stringMatching(/gone\.json: cannot read .*no such file/) });
  });

  it('every issue appears in the thrown message as "file: path: message"', () => {
    const s = tinyScenario();
    s.crowd.openAt = '9:00';
    const err = loadError('clock.json', JSON.stringify(s));
    expect(err.message).toContain(`${join(tmp, 'clock.json')}: crowd.openAt: a time of day "HH:MM"`);
  });
});

describe('broken scenarios: schema', () => {
  it('an unknown field names its path', () => {
    expect(issuesOf((s) => (s.sensors.foo = 1))).toEqual([{ path: 'sensors.foo', message: 'unknown field "foo"' }]);
    expect(issuesOf((s) => (slot(s, 0, 1).colour = 'red'))).toEqual([{ path: 'store.shelves[0].slots[1].colour', message: 'unknown field "colour"' }]);
  });

  it('a wrong type says what was expected and what came', () => {
    expect(issuesOf((s) => (s.store.shelves[0]!.widthM = '3'))).toEqual([
      { path: 'store.shelves[0].widthM', message: 'expected number, got the string "3"' },
    ]);
  });

  it('a missing field says it is missing', () => {
    expect(issuesOf((s) => delete s.store.shelves[1]!.levels)).toEqual([
      { path: 'store.shelves[1].levels', message: 'missing; expected number' },
    ]);
  });

  it('a value in the wrong unit is out of range (134 for 1.34 m/s)', () => {
    expect(issuesOf((s) => (s.crowd.profiles[0]!.speedMps.mean = 134))).toEqual([
      { path: 'crowd.profiles[0].speedMps.mean', message: 'expected <= 3, got 134' },
    ]);
  });

  it('a bad clock string names the expected format', () => {
    expectIssue(issuesOf((s) => (s.crowd.openAt = '9:00')), 'crowd.openAt', 'a time of day "HH:MM"');
    expectIssue(issuesOf((s) => (s.crowd.arrivals[0]!.at = '24:00')), 'crowd.arrivals[0].at', 'a time of day "HH:MM"');
  });

  it('an unknown enum value lists the allowed ones', () => {
    expect(issuesOf((s) => (s.store.entries[0]!.kind = 'badge'))).toEqual([
      { path: 'store.entries[0].kind', message: 'expected one of "qr", "face", "open", got "badge"' },
    ]);
  });
});

describe('broken scenarios: references', () => {
  it('an unknown SKU', () => {
    expect(issuesOf((s) => (slot(s, 0, 1).sku = 'X123'))).toEqual([
      { path: 'store.shelves[0].slots[1].sku', message: 'unknown SKU "X123" (not in the catalog)' },
    ]);
  });

  it('duplicate ids across fixtures, doors and sensors', () => {
    expect(issuesOf((s) => (s.store.shelves[1]!.id = 'shelf-a'))).toEqual([
      { path: 'store.shelves[1].id', message: 'duplicate id "shelf-a" (first used at store.shelves[0].id)' },
    ]);
    const cams = (s: Tiny) => s.sensors.cameras as { id: string }[];
    expectIssue(issuesOf((s) => (cams(s)[0]!.id = 'entry')), 'sensors.cameras[0].id', 'duplicate id "entry"');
  });

  it('a slot level or column beyond the shelf', () => {
    expect(issuesOf((s) => (slot(s, 0, 0).level = 4))).toEqual([
      { path: 'store.shelves[0].slots[0].level', message: 'level 4 but the shelf has 4 levels (0..3)' },
    ]);
    expectIssue(issuesOf((s) => (slot(s, 1, 0).column = 2)), 'store.shelves[1].slots[0].column', 'column 2 but the shelf has 2 columns');
  });

  it('a back-face slot on a one-faced shelf, and two slots in one place', () => {
    expectIssue(issuesOf((s) => (slot(s, 0, 0).face = 'back')), 'store.shelves[0].slots[0].face', 'back-face slot');
    expectIssue(issuesOf((s) => Object.assign(slot(s, 0, 1), { level: 0, column: 0 })), 'store.shelves[0].slots[1]', 'two slots at level 0, column 0');
  });

  it('a QR entry without a QR reader', () => {
    expect(issuesOf((s) => (s.sensors.gateReaders = []))).toEqual([
      { path: 'store.entries[0]', message: 'a "qr" entry needs a "qr" reader in sensors.gateReaders (at: "entry")' },
    ]);
  });

  it('a reader at no door', () => {
    expectIssue(issuesOf((s) => (s.sensors.gateReaders = [{ id: 'r', at: 'nowhere', kind: 'beam' }, { id: 'q', at: 'entry', kind: 'qr' }])),
      'sensors.gateReaders[0].at', '"nowhere" is not an entry, exit, counter or fitting room');
  });

  it('a shelf flush against a wall is inside; one through the wall is not', () => {
    // shelf-a is 0.5 m deep centred at y = 5.5: its back edge lies exactly on the north wall.
    expect(issuesOf(() => {})).toEqual([]);
    expectIssue(issuesOf((s) => (s.store.shelves[0]!.center = [4, 5.8])), 'store.shelves[0]', '"shelf-a" is not inside the store outline');
  });

  it('a fitting room with a face screen needs a face reader, and a reader must suit what it serves', () => {
    expectIssue(issuesOf((s) => {
      (s.store as Record<string, unknown>).fittingRooms = [{ id: 'room-1', center: [1, 4.5], widthM: 1.2, depthM: 1.2, heightM: 2.2 }];
    }), 'store.fittingRooms[0]', 'needs a "face" reader');
    expectIssue(issuesOf((s) => (s.sensors.gateReaders as unknown[]).push({ id: 'q2', at: 'exit', kind: 'qr' })),
      'sensors.gateReaders[1].kind', 'a "qr" reader cannot serve exit of kind walkthrough "exit"');
  });

  it('wrongAccountShare on a reader that is not a QR reader', () => {
    const fault = (reader: string) => (s: Tiny) => {
      (s.sensors.gateReaders as unknown[]).push({ id: 'exit-beam', at: 'exit', kind: 'beam' });
      (s as Record<string, unknown>).faults = [{ kind: 'gate-misread', reader, rate: 0.1, wrongAccountShare: 0.5 }];
    };
    expect(issuesOf(fault('entry-qr'))).toEqual([]);
    expect(issuesOf(fault('exit-beam'))).toEqual([
      { path: 'faults[0].wrongAccountShare', message: expect.stringContaining('reader "exit-beam" is a beam reader; wrongAccountShare applies to QR readers only') },
    ]);
  });

  it('arrival times that do not increase', () => {
    expectIssue(issuesOf((s) => s.crowd.arrivals.push({ at: '08:00', perHour: 10 })), 'crowd.arrivals[1].at', 'times must increase');
  });
});

describe('broken scenarios: geometry', () => {
  it('a shelf through the outer wall', () => {
    expect(issuesOf((s) => (s.store.shelves[0]!.center = [4, 5.9]))).toEqual([
      { path: 'store.shelves[0]', message: '"shelf-a" is not inside the store outline' },
    ]);
  });

  it('overlapping shelves', () => {
    expect(issuesOf((s) => (s.store.shelves[1]!.center = [4, 5.3]))).toEqual([
      { path: 'store.shelves[1]', message: '"gondola-b" overlaps "shelf-a" (store.shelves[0])' },
    ]);
  });

  it('a door off the outline', () => {
    expect(issuesOf((s) => (s.store.exits[0]!.position = [6.5, 0.5]))).toEqual([
      { path: 'store.exits[0].position', message: '"exit" is 0.50 m off the outline; a door must sit on it' },
    ]);
  });

  it('an unreachable slot: a shelf boxed in behind another', () => {
    const issues = issuesOf((s) => {
      const one = (sku: string) => [{ level: 0, column: 0, sku, stock: 5 }];
      // The blocker stands 0.1 m in front of the boxed shelf: nowhere to stand for the boxed slot.
      s.store.shelves.push(
        { id: 'boxed', center: [1, 5.6], widthM: 1.2, depthM: 0.5, heightM: 1.8, levels: 1, slots: one('cv-gum-40') },
        { id: 'blocker', center: [1.2, 5.0], widthM: 2, depthM: 0.5, heightM: 1.2, levels: 1, slots: one('cv-tissues') },
      );
    });
    expect(issues).toEqual([{ path: 'store.shelves[2].slots[0]', message: expect.stringContaining('slot "boxed/f0-0" cannot be reached from entry "entry"') }]);
  });

  it('an exit walled off from the entry', () => {
    const issues = issuesOf((s) => s.store.walls.push({ id: 'partition', from: [5.8, 0], to: [5.8, 6] }));
    expectIssue(issues, 'store.exits[0]', '"exit" cannot be reached from entry "entry"');
    expectIssue(issues, 'store.shelves[0].slots[0]', 'no exit can be reached from slot "shelf-a/f0-0"');
  });

  it('an entry too narrow to walk through', () => {
    expectIssue(issuesOf((s) => Object.assign(s.store.entries[0]!, { widthM: 0.5 })), 'store.entries[0]', '"entry" cannot be walked through from outside');
  });
});

describe('the committed scenarios', () => {
  it('there are scenarios, among them the default one', () => {
    expect(scenarioFiles).toContain('tao-cafe.json');
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(7);
  });

  it.each(scenarioFiles)('%s loads, names its schema, and is named after its file', (file) => {
    const path = join(root, 'scenarios', file);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { $schema?: unknown };
    expect(json.$schema).toBe('./scenario.schema.json');
    const s = loadScenarioFile(path);
    expect(`${s.name}.json`).toBe(file);
    expect(s.catalogPath).toBe(catalogPath);
  });

  it('the catalog holds cafe, convenience and fashion SKUs and names its schema', () => {
    const json = JSON.parse(readFileSync(catalogPath, 'utf8')) as { $schema?: unknown };
    expect(json.$schema).toBe('./catalog.schema.json');
    expect(catalog.currency).toBe('CNY');
    for (const category of ['cafe', 'convenience', 'fashion']) {
      expect(catalog.skus.filter((s) => s.category === category).length).toBeGreaterThanOrEqual(22);
    }
  });

  it('the committed JSON Schemas match the zod schemas (run `npm run schema` after changing schema.ts)', () => {
    for (const [file, schema] of Object.entries(jsonSchemas())) {
      expect(JSON.parse(readFileSync(join(root, file), 'utf8')), file).toEqual(schema);
    }
  });
});
