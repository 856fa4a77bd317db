import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngineTwin } from '../../bench/run/runEngineTwin.ts';
import { bundledScenario } from '../../sim/testing.ts';
import type { EngineEvent } from '../api.ts';
import { shelfFrame, syntheticStore } from '../testing/syntheticStore.ts';
import createEngine from './minimal.ts';

describe('the minimal example engine', () => {
  it('bills a lone shopper for what left the shelf', async () => {
    const engine = createEngine();
    await engine.init(syntheticStore());
    const events: EngineEvent[] = [];
    for (let tick = 1; tick <= 60; tick++) {
      const t = tick / 10;
      const frames = [shelfFrame(tick, t, tick < 20 ? 3000 : 2400, tick < 30 ? 1080 : 990)];
      if (tick === 5) frames.push({ kind: 'qr-scan', sensorId: 'in-qr', frame: 0, t, at: 'in', token: 'tok', accountId: 'acct-1' });
      if (tick === 50) frames.push({ kind: 'door-pass', sensorId: 'out', frame: 0, t, direction: 'out' });
      events.push(...(await engine.ingest(t, frames)));
    }
    const receipts = events.filter((e) => e.kind === 'receipt');
    expect(receipts).toEqual([{ kind: 'receipt', t: 5, accountId: 'acct-1', trackIds: [], lines: [{ sku: 'bun', qty: 1, unitCents: 180 }, { sku: 'tea', qty: 2, unitCents: 250 }], totalCents: 680 }]);
  });

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
});
