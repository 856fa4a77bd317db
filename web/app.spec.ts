import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { Probe } from './src/testProbe.ts';

const probe = (page: Page) => page.evaluate(() => window.__storetwin!.probe());

/** Decodes a PNG in the page and measures it: distinct colours (5 bits per channel) and the share of pixels unlike the background. */
async function pixelStats(page: Page, png: Buffer): Promise<{ colours: number; nonBackground: number; width: number; height: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    let other = 0;
    // The view's background (the ground outside the store) is #8f9a8c.
    for (let i = 0; i < d.length; i += 4) {
      seen.add(((d[i]! >> 3) << 10) | ((d[i + 1]! >> 3) << 5) | (d[i + 2]! >> 3));
      if (Math.abs(d[i]! - 0x8f) + Math.abs(d[i + 1]! - 0x9a) + Math.abs(d[i + 2]! - 0x8c) > 24) other++;
    }
    return { colours: seen.size, nonBackground: other / (d.length / 4), width: c.width, height: c.height };
  }, png.toString('base64'));
}

/** Share of pixels that differ between two PNGs of the same size. */
async function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(async ([x, y]) => {
    const load = async (b64: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, c.width, c.height).data;
    };
    const p = await load(x);
    const q = await load(y);
    let n = 0;
    for (let i = 0; i < p.length; i += 4) if (Math.abs(p[i]! - q[i]!) + Math.abs(p[i + 1]! - q[i + 1]!) + Math.abs(p[i + 2]! - q[i + 2]!) > 30) n++;
    return n / (p.length / 4);
  }, [a.toString('base64'), b.toString('base64')] as const);
}

test('runs tao-cafe in the tab: the store draws, shoppers move, a receipt appears, the heatmap toggles', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 760 });
  // dpr fixed: screenshots are compared pixel by pixel, so the adaptive resolution must hold still.
  await page.goto('/?scenario=tao-cafe&speed=max&dpr=1');
  const canvas = page.locator('[data-testid=view] canvas').first();
  await expect(canvas).toBeVisible();

  // Run until shoppers are inside, then check that they move between two looks.
  await expect.poll(async () => (await probe(page)).present, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  const a: Probe = await probe(page);
  await expect.poll(async () => (await probe(page)).tS, { timeout: 30_000 }).toBeGreaterThan(a.tS + 5);
  const b: Probe = await probe(page);
  const before = new Map(a.positions.map(([id, x, y]) => [id, [x, y]]));
  const moved = b.positions.filter(([id, x, y]) => {
    const p = before.get(id);
    return p !== undefined && Math.hypot(x - p[0]!, y - p[1]!) > 0.5;
  });
  expect(moved.length).toBeGreaterThanOrEqual(1);

  // The engine runs in a real Web Worker and answers every tick.
  const workers = page.workers().map((w) => w.url());
  expect(workers.some((u) => /engine\/host\/worker.browser/.test(u))).toBe(true);
  expect(b.engine?.where).toMatch(/Web Worker/);
  expect(b.engineTrackSnapshots).toBeGreaterThan(a.engineTrackSnapshots + 20);

  // A true receipt, and then an engine receipt, show up in the receipts panel.
  await expect.poll(async () => (await probe(page)).trueReceipts, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('receipt-row').first()).toBeVisible();
  await expect.poll(async () => (await probe(page)).engineReceipts, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.locator('[data-testid=receipt-row].ok, [data-testid=receipt-row].bad').first()).toBeVisible();
  await expect(page.getByTestId('receipt-row').first()).toContainText(/\d+x [a-z0-9-]+.* = \d+\.\d\d/);

  // The canvas draws: many colours, mostly not background.
  await page.getByTestId('pause').click();
  const plain = await canvas.screenshot({ path: info.outputPath('store-view.png') });
  const s = await pixelStats(page, plain);
  expect(s.width).toBeGreaterThan(500);
  expect(s.colours).toBeGreaterThan(40);
  expect(s.nonBackground).toBeGreaterThan(0.3);
  const p: Probe = await probe(page);
  expect(p.frames).toBeGreaterThan(10);

  // Heatmap on: cells get coloured and the picture changes; off: it goes back.
  await page.getByTestId('heatmap').selectOption('occupancy');
  await expect.poll(async () => (await probe(page)).heatmapLit ?? 0, { timeout: 10_000 }).toBeGreaterThan(20);
  await page.waitForTimeout(300);
  const heat = await canvas.screenshot({ path: info.outputPath('heatmap-occupancy.png') });
  expect(await pixelDiff(page, plain, heat)).toBeGreaterThan(0.03);
  // Camera coverage: a different picture again (the cameras see most of the floor).
  await page.getByTestId('heatmap').selectOption('coverage');
  await page.waitForTimeout(700);
  const cover = await canvas.screenshot({ path: info.outputPath('heatmap-coverage.png') });
  expect(await pixelDiff(page, heat, cover)).toBeGreaterThan(0.03);
  await expect.poll(async () => (await probe(page)).heatmapLit ?? 0).toBeGreaterThan(100);
  // A picked camera narrows the coverage layer to the floor that camera sees on its own.
  const litAll = (await probe(page)).heatmapLit ?? 0;
  await page.getByTestId('camera-select').selectOption('cam-sw');
  await expect.poll(async () => (await probe(page)).heatmapLit ?? 0).toBeLessThan(litAll);
  await expect(page.getByTestId('heatmap').locator('option:checked')).toHaveText('coverage (cam-sw only)');
  expect((await probe(page)).heatmapLit ?? 0).toBeGreaterThan(50);
  await page.waitForTimeout(300);
  const one = await canvas.screenshot({ path: info.outputPath('heatmap-coverage-cam-sw.png') });
  expect(await pixelDiff(page, cover, one)).toBeGreaterThan(0.01);
  await page.getByTestId('camera-select').selectOption('');
  await page.getByTestId('heatmap').selectOption('');
  await page.waitForTimeout(300);
  const off = await canvas.screenshot({ path: info.outputPath('heatmap-off.png') });
  expect(await pixelDiff(page, plain, off)).toBeLessThan(0.01);

  // A camera's view appears in an inset.
  await page.getByTestId('camera-select').selectOption({ index: 1 });
  await page.waitForTimeout(300);
  const cam = await canvas.screenshot({ path: info.outputPath('camera-view.png') });
  const inset = await pixelDiff(page, plain, cam);
  expect(inset).toBeGreaterThan(0.05);
  await page.getByTestId('camera-select').selectOption('');

  // The report computes from the run's RunLog lines, with the engine's scores.
  await page.getByTestId('report-compute').click();
  await expect(page.getByTestId('report-table')).toContainText('tracking');
  await expect(page.getByTestId('report-table')).toContainText('reference');

  // Top-down view looks different from the orbit view.
  await page.getByTestId('view-toggle').click();
  await page.waitForTimeout(300);
  const top = await canvas.screenshot({ path: info.outputPath('top-down.png') });
  expect(await pixelDiff(page, plain, top)).toBeGreaterThan(0.1);
  expect(errors).toEqual([]);
});

test('a broken scenario file shows its problems with JSON paths and keeps the current run', async ({ page }, info) => {
  await page.goto('/?scenario=corridor&play=0');
  await expect.poll(async () => (await probe(page)).tick, { timeout: 15_000 }).toBe(0);
  const broken = JSON.stringify({
    name: 'broken', seed: 1, catalog: '../assets/catalog.json',
    store: { outline: [[0, 0], [6, 0], [6, 4], [0, 4]], shelves: [{ id: 's', center: [3, 3.6], widthM: 'wide', depthM: 0.5, heightM: 1.5, levels: 2, slots: [{ level: 0, column: 0, sku: 'cafe-latte-m', stock: 3 }] }],
      entries: [{ id: 'in', kind: 'qr', position: [1, 0] }], exits: [{ id: 'out', kind: 'walkthrough', position: [5, 0] }] },
    crowd: { maxInStore: 0, arrivals: [], profiles: [] },
  });
  await page.getByTestId('file-input').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  const box = page.getByTestId('scenario-errors');
  await expect(box).toContainText('mine.json: store.shelves[0].widthM: expected number, got the string "wide"');
  await expect(box).toContainText('mine.json: crowd.maxInStore: expected >= 1, got 0');
  await expect(box).toContainText(/sim: \d+ problems in mine.json/);
  await page.screenshot({ path: info.outputPath('scenario-errors.png') });

  // Not JSON at all: the line and column are named.
  await page.getByTestId('file-input').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "name": "cut",\n  "seed": 1,\n') });
  await expect(box).toContainText(/cut.json: not valid JSON at line \d+, column \d+/);
  // The run that was loaded is still there.
  expect((await probe(page)).present).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('scenario-select')).toHaveValue('corridor');
});

test('step advances one tick; seeking back re-simulates the very same state', async ({ page }) => {
  await page.goto('/?scenario=tao-cafe&play=0');
  await expect.poll(async () => (await probe(page)).engine?.name ?? '', { timeout: 15_000 }).toBe('storetwin-reference');
  await page.getByTestId('step').click();
  await expect.poll(async () => (await probe(page)).tick).toBe(1);
  await page.getByTestId('step').click();
  await expect.poll(async () => (await probe(page)).tick).toBe(2);

  const seek = async (tS: number) => {
    await page.getByTestId('seek').fill(String(tS));
    await expect.poll(async () => (await probe(page)).tS, { timeout: 30_000 }).toBeCloseTo(tS, 5);
    await expect(page.getByTestId('clock')).not.toContainText('seeking');
  };
  await seek(90);
  const first = await probe(page);
  expect(first.present).toBeGreaterThanOrEqual(2);
  await seek(150);
  const later = await probe(page);
  expect(later.positions).not.toEqual(first.positions);
  await seek(90);
  const again = await probe(page);
  expect(again.tick).toBe(first.tick);
  expect(again.positions).toEqual(first.positions);
  expect(again.trueReceipts).toBe(first.trueReceipts);
  expect(again.engineReceipts).toBe(first.engineReceipts);
});

test('past 300 s simulated the report computes (HOTA over >= 3000 truth frames); playing at 1x draws shoppers between ticks', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?scenario=tao-cafe&play=0&speed=1');
  await expect.poll(async () => (await probe(page)).engine?.name ?? '', { timeout: 15_000 }).toBe('storetwin-reference');
  // Truth is sampled at 10 Hz, so only a run past 300 s holds >= 3000 truth frames (where scoring once took a worker thread).
  await page.getByTestId('seek').fill('310');
  await expect.poll(async () => (await probe(page)).tS, { timeout: 60_000 }).toBeCloseTo(310, 5);
  await expect(page.getByTestId('clock')).not.toContainText('seeking');

  // Inter-tick smoothing: at 1x (10 ticks/s, more frames than that) most frames draw between two ticks.
  const a = await probe(page);
  expect(a.present).toBeGreaterThanOrEqual(1);
  await page.getByTestId('play').click();
  await page.waitForTimeout(2000);
  await page.getByTestId('pause').click();
  const b = await probe(page);
  expect(b.tS - a.tS).toBeGreaterThan(0.5);
  expect(b.blendedFrames - a.blendedFrames).toBeGreaterThanOrEqual(Math.min(10, (b.frames - a.frames) / 3));
  // Paused: the latest tick is drawn exactly.
  await expect.poll(async () => (await probe(page)).blend).toBe(1);

  await page.getByTestId('report-compute').click();
  const table = page.getByTestId('report-table');
  await expect(table).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-testid=report] .error-text')).toHaveCount(0);
  const cell = async (section: string, key: string) => {
    const rows = table.locator('tr');
    const texts = await rows.allInnerTexts();
    const at = texts.findIndex((t) => t.trim() === section);
    const row = texts.slice(at + 1).find((t) => t.split('\t')[0]!.trim() === key);
    return row?.split('\t')[1]?.trim() ?? '';
  };
  const hota = Number(await cell('tracking', 'HOTA'));
  expect(hota).toBeGreaterThan(0.2);
  expect(hota).toBeLessThanOrEqual(1);
  expect(Number(await cell('tracking', 'frames'))).toBeGreaterThanOrEqual(3000);
  expect(errors).toEqual([]);
});
