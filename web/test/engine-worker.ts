// Test page for the engine worker in a real browser Web Worker: the Playwright spec calls window.engineTest.
import type { EngineEvent, SensorFrame } from '../../engine/api.ts';
import { EngineFailure } from '../../engine/host/EngineClient.ts';
import { startBrowserEngine } from '../../engine/host/startBrowserEngine.ts';
import { overheadFrame, shelfFrame, syntheticStore } from '../../engine/testing/syntheticStore.ts';

/** Engine modules the page can load, by name (explicit URLs so Vite serves each one). */
const MODULES: Record<string, string | null> = {
  reference: null,
  throwing: new URL('../../engine/testing/throwingEngine.ts', import.meta.url).href,
  hanging: new URL('../../engine/testing/hangingEngine.ts', import.meta.url).href,
};

/** What one test run returns to the spec. */
export interface EngineTestResult {
  readonly ok: boolean;
  readonly name: string;
  readonly ticks: number;
  readonly kinds: Record<string, number>;
  readonly engineMsTotal: number;
  /** Bytes left in the first camera frame's buffer after sending it: 0 when it was transferred. */
  readonly sentBufferBytes: number;
  readonly error: { readonly kind: string; readonly message: string } | null;
}

async function engineTest(which: string, timeoutMs: number, ticks = 100): Promise<EngineTestResult> {
  const url = MODULES[which];
  if (url === undefined) throw new Error(`engine-worker page: unknown engine ${which}`);
  const kinds: Record<string, number> = {};
  let engineMsTotal = 0;
  let sentBufferBytes = -1;
  let done = 0;
  let name = which;
  try {
    const client = await startBrowserEngine(syntheticStore(), url, { timeoutMs, initTimeoutMs: 30_000 });
    name = client.name;
    try {
      for (let tick = 1; tick <= ticks; tick++) {
        const t = Math.round(tick * 1e5) / 1e6;
        // One person walking in from the entry, scanned at tick 5.
        const cam = overheadFrame(tick, t, [{ x: 1, y: Math.min(2.5, 0.05 * tick - 0.2), look: 3 }]);
        const frames: SensorFrame[] = [cam, shelfFrame(tick, t, 3000, 1080)];
        if (tick === 5) frames.push({ kind: 'qr-scan', sensorId: 'in-qr', frame: 0, t, at: 'in', token: 'qr:acct-1', accountId: 'acct-1' });
        if (tick === 8) frames.push({ kind: 'door-pass', sensorId: 'in', frame: 0, t, direction: 'in' });
        const reply = await client.ingest(t, frames, `ingest at tick ${tick} (t = ${t} s)`);
        if (tick === 1) sentBufferBytes = cam.boxes.buffer.byteLength;
        engineMsTotal += reply.engineMs;
        for (const e of reply.events as EngineEvent[]) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
        done = tick;
      }
    } finally {
      client.close();
    }
    return { ok: true, name, ticks: done, kinds, engineMsTotal, sentBufferBytes, error: null };
  } catch (err) {
    const kind = err instanceof EngineFailure ? err.kind : 'other';
    return { ok: false, name, ticks: done, kinds, engineMsTotal, sentBufferBytes, error: { kind, message: err instanceof Error ? err.message : String(err) } };
  }
}

(window as unknown as { engineTest: typeof engineTest }).engineTest = engineTest;
document.body.dataset.ready = 'true';
