import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCatalog, parseScenario } from '../../sim/scenario/loadScenario.ts';
import { CameraModel } from '../../sim/sensors/camera/CameraModel.ts';
import { runLogHeader } from '../run/RunLogWriter.ts';
import type { RunLogLine } from '../run/RunLog.ts';
import { collectRun } from '../score/collectRun.ts';
import { RunLogBuilder, row, spawn } from '../score/tinyRunLog.ts';
import { tinyCatalogJson, tinyScenarioJson } from '../testing/tinyStore.ts';
import type { CommandIo } from './CommandIo.ts';
import { cameraGtRowsOfRun, exportCommand } from './exportMot.ts';
import { motCommand } from './mot.ts';

function io(): { io: CommandIo; text: { out: string; err: string } } {
  const text = { out: '', err: '' };
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (d: Buffer) => (text.out += d.toString()));
  err.on('data', (d: Buffer) => (text.err += d.toString()));
  return { io: { out, err } as unknown as CommandIo, text };
}

/** The tiny shop with an overhead camera over (3, 2) and one in the south-west corner looking north-east. */
const CAMERAS = [
  { id: 'top', position: [3, 2, 3.2], lookAt: [3, 2, 0], hfovDeg: 90, resolution: [1280, 720], rateHz: 10 },
  { id: 'sw', position: [0.2, 0.2, 2.8], lookAt: [4, 3, 0], hfovDeg: 90, resolution: [1280, 720], rateHz: 10 },
];

/** A RunLog of the tiny shop with CAMERAS: shopper 1 (1.70 m) stands under `top`, shopper 2 (1.85 m, broad) walks east along y = 3, from 1.2 m to 7.5 m. */
function camerasRunLog(): RunLogLine[] {
  const catalog = parseCatalog(tinyCatalogJson());
  if (!catalog.ok) throw new Error('test: catalog');
  const json = tinyScenarioJson();
  json.sensors = { cameras: CAMERAS };
  const scenario = parseScenario(json, catalog.value, 'catalog.json');
  if (!scenario.ok) throw new Error(`test: scenario ${JSON.stringify(scenario.issues)}`);
  const header = runLogHeader({ scenario: scenario.value, truthIntervalS: 0.1, durationS: 1, endS: 1 });
  const tall = spawn(0, 2, 'b');
  if (tall.kind !== 'spawn') throw new Error('test: spawn');
  const b = new RunLogBuilder(header)
    .event(spawn(0, 1, 'a'))
    .event({ ...tall, shopper: { ...tall.shopper, appearance: { ...tall.shopper.appearance, heightM: 1.85, build: 1.2 } } });
  for (let k = 1; k <= 10; k++) b.truth(k / 10, [row(1, 3, 2), row(2, 0.5 + k * 0.7, 3)]);
  return b.build();
}

describe('storetwin export --format mot: per-camera truth boxes', () => {
  it('boxes the shopper under a camera around their projected feet and head, in frames numbered as the floor files', () => {
    const lines = camerasRunLog();
    const cams = cameraGtRowsOfRun(collectRun(lines));
    expect(cams.map((c) => c.cameraId)).toEqual(['top', 'sw']);
    const top = cams[0]!.gt.trim().split('\n').map((l) => l.split(',').map(Number));
    const model = CameraModel.fromDecl({ ...CAMERAS[0]!, rollDeg: 0 } as never, 0.1);
    const feet = new Float64Array(2);
    const head = new Float64Array(2);
    model.project(3, 2, 0, feet);
    model.project(3, 2, 1.7, head);
    const ones = top.filter((r) => r[1] === 1);
    expect(ones.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const [, , l, t, w, h, conf, ...rest] of ones) {
      for (const p of [feet, head]) {
        expect(p[0]).toBeGreaterThanOrEqual(l!);
        expect(p[0]).toBeLessThanOrEqual(l! + w!);
        expect(p[1]).toBeGreaterThanOrEqual(t!);
        expect(p[1]).toBeLessThanOrEqual(t! + h!);
      }
      // From above: the head circle, 0.23 m at 1.5 m, 98.1 px each side of the centre.
      expect(w).toBeCloseTo((2 * 640 * 0.23) / 1.5, -0.5);
      expect(conf).toBe(1);
      expect(rest).toEqual([-1, -1, -1]);
    }
    // Shopper 2 walks out of the overhead camera's view (it sees 3.2 m either side at the floor, less at the head) and is clipped on the way.
    const twos = top.filter((r) => r[1] === 2);
    expect(twos.length).toBeGreaterThan(0);
    expect(twos.length).toBeLessThan(10);
    for (const r of twos) {
      expect(r[2]).toBeGreaterThanOrEqual(0);
      expect(r[3]).toBeGreaterThanOrEqual(0);
      expect(r[2]! + r[4]!).toBeLessThanOrEqual(1280 + 0.011);
      expect(r[3]! + r[5]!).toBeLessThanOrEqual(720 + 0.011);
    }
    // Feet 3.2 m + 0.28 m east of the camera are at the image edge: frame 8 (x 6.1) is clipped, 9 and 10 (6.8, 7.5) are out.
    expect(twos.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(twos[7]![2]! + twos[7]![4]!).toBeCloseTo(1280, 1);
    // The corner camera sees both all along.
    const sw = cams[1]!.gt.trim().split('\n');
    expect(sw.length).toBe(20);
  });

  it('writes truth/<camera>/gt.txt that storetwin mot reads: truth against itself is HOTA 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'storetwin-export-cam-'));
    const runLogFile = join(dir, 'runlog.jsonl');
    writeFileSync(runLogFile, camerasRunLog().map((l) => JSON.stringify(l)).join('\n') + '\n');
    const t = io();
    expect(exportCommand(runLogFile, { format: 'mot', out: join(dir, 'mot') }, t.io)).toBe(0);
    expect(t.text.out).toContain('2 camera(s) (top, sw)');
    // This log has no engine: hyp.txt is written empty, and stderr says why.
    expect(readFileSync(join(dir, 'mot/hyp.txt'), 'utf8')).toBe('');
    expect(t.text.err).toBe(`storetwin export: ${join(dir, 'mot', 'hyp.txt')} is empty: the RunLog has no engine tracks (a run with --no-engine, or an engine that reported none)\n`);
    const floorFrames = new Set(readFileSync(join(dir, 'mot/gt.txt'), 'utf8').trim().split('\n').map((l) => l.split(',')[0]));
    for (const cam of ['top', 'sw']) {
      const gt = join(dir, 'mot/truth', cam, 'gt.txt');
      for (const l of readFileSync(gt, 'utf8').trim().split('\n')) expect(floorFrames.has(l.split(',')[0])).toBe(true);
      const m = io();
      expect(motCommand(gt, gt, { json: true }, m.io), m.text.err).toBe(0);
      const metrics = JSON.parse(m.text.out);
      expect(metrics.similarity).toBe('box IoU');
      expect(metrics.HOTA).toBe(1);
      expect(metrics.IDSW).toBe(0);
      expect(metrics.CLR_TP).toBe(cam === 'top' ? readFileSync(gt, 'utf8').trim().split('\n').length : 20);
    }
  });

  it('refuses a log whose truth has a shopper never spawned, naming them, and writes nothing', () => {
    const lines = camerasRunLog().filter((l) => !(l.type === 'event' && l.kind === 'spawn' && l.shopper.id === 2));
    const dir = mkdtempSync(join(tmpdir(), 'storetwin-export-cam-'));
    const runLogFile = join(dir, 'runlog.jsonl');
    writeFileSync(runLogFile, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const t = io();
    expect(exportCommand(runLogFile, { format: 'mot', out: join(dir, 'mot') }, t.io)).toBe(2);
    expect(t.text.err).toContain('shopper 2, who has no spawn event');
    expect(() => readFileSync(join(dir, 'mot/gt.txt'))).toThrow();
  });
});
