import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../../sim/testing.ts';
import { runEngineTwin } from './runEngineTwin.ts';

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
  });});
