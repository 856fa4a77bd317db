import { describe, expect, it } from 'vitest';
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
});
