import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../../sim/testing.ts';
import { storeDescriptionOf } from './Harness.ts';
import { runEngineTwin } from './runEngineTwin.ts';
import { startNodeEngine } from './startNodeEngine.ts';

// Lives in bench/, not beside the example: engine/ imports nothing of sim/ or bench/, tests included.
describe('engine/examples/minimal.ts through the harness', () => {
  it('runs behind --engine in a worker thread, as storetwin run loads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storetwin-minimal-'));
    const runLogFile = join(dir, 'runlog.jsonl');
    const s = await runEngineTwin({
      scenario: bundledScenario('tao-cafe'), runLogFile, timingsFile: join(dir, 'timings.jsonl'), durationS: 60,
      engineModule: 'engine/examples/minimal.ts', mode: { kind: 'lockstep' },
    });
    expect(s.engine).toMatchObject({ name: 'minimal', ingests: s.ticks });
    const lines = readFileSync(runLogFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; kind?: string });
    expect(lines[0]).toMatchObject({ type: 'header', engine: { name: 'minimal', mode: 'lockstep' } });
    const engineKinds = lines.filter((l) => l.type === 'engine').map((l) => l.kind);
    expect(engineKinds.filter((k) => k === 'receipt').length).toBeGreaterThan(0);
    expect(engineKinds.filter((k) => k === 'cart-line').length).toBeGreaterThan(0);
  });

  // A user's engine often sits in a folder with no package.json, or a CommonJS one: TypeScript's
  // `export default` there used to fail in the worker with Node's "require() ES Module in a cycle".
  it.each([
    ['ESM syntax in a folder with no package.json', 'export default function createEngine() { return ENGINE; }\n'],
    ['CommonJS module.exports.default', 'module.exports = { default: function createEngine() { return ENGINE; } };\n'],
  ])('loads an engine file written in %s', async (_what, source) => {
    const dir = mkdtempSync(join(tmpdir(), 'storetwin-loose-engine-'));
    const file = join(dir, 'loose.ts');
    const engine = '{ init() { return []; }, ingest(t) { return t >= 0.2 ? [{ kind: "alert", t, alert: "unknown-person", at: null, trackIds: [], accountId: null, detail: "loose" }] : []; }, finish() { return []; } }';
    writeFileSync(file, source.replace('ENGINE', engine));
    const { client, init } = await startNodeEngine(storeDescriptionOf(bundledScenario('tao-cafe')), file);
    try {
      expect(init.events).toEqual([]);
      expect((await client.ingest(0.1, [], 'ingest at t = 0.1 s')).events).toEqual([]);
      expect((await client.ingest(0.2, [], 'ingest at t = 0.2 s')).events).toEqual([{ kind: 'alert', t: 0.2, alert: 'unknown-person', at: null, trackIds: [], accountId: null, detail: 'loose' }]);
    } finally {
      client.close();
    }
  });
});
