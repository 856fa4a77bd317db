import { expect, test } from '@playwright/test';
import type { EngineTestResult } from './engine-worker.ts';

type Page = import('@playwright/test').Page;

async function run(page: Page, which: string, timeoutMs: number): Promise<EngineTestResult> {
  await page.goto('/test/engine-worker.html');
  await page.waitForSelector('body[data-ready="true"]');
  return page.evaluate(([w, ms]) => (window as unknown as { engineTest(w: string, ms: number): Promise<EngineTestResult> }).engineTest(w, ms), [which, timeoutMs] as const);
}

test.describe('the engine in a browser Web Worker', () => {
  test('the reference engine tracks and binds, with camera buffers transferred', async ({ page }) => {
    const r = await run(page, 'reference', 10_000);
    expect(r.error).toBeNull();
    expect(r).toMatchObject({ ok: true, name: 'storetwin-reference', ticks: 100 });
    expect(r.kinds.tracks).toBe(100);
    expect(r.kinds.binding).toBe(1);
    expect(r.sentBufferBytes).toBe(0);
    expect(r.engineMsTotal).toBeGreaterThan(0);
  });

  test('an engine that throws ends the run with an error naming engine and tick', async ({ page }) => {
    const r = await run(page, 'throwing', 10_000);
    expect(r.ok).toBe(false);
    expect(r.ticks).toBe(49);
    expect(r.error!.kind).toBe('threw');
    expect(r.error!.message).toMatch(/^engine throwingEngine threw in ingest at tick 50 \(t = 5 s\): test engine: deliberate failure at t = 5/);
  });

  test('an engine that hangs is terminated after the timeout', async ({ page }) => {
    const started = Date.now();
    const r = await run(page, 'hanging', 1500);
    expect(r.ok).toBe(false);
    expect(r.ticks).toBe(29);
    expect(r.error!.kind).toBe('timeout');
    expect(r.error!.message).toMatch(/^engine hangingEngine did not answer in ingest at tick 30 \(t = 3 s\): no answer within 1500 ms/);
    // The page answered soon after the timeout: nothing hung.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
