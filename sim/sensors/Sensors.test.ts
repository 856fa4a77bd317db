import { describe, expect, it } from 'vitest';
import type { FaceCaptureFrame, QrScanFrame } from '../../engine/api.ts';
import type { TruthEvent } from '../truth/Truth.ts';
import { bundledScenario } from '../testing.ts';
import { World } from '../World.ts';
import { faceIdentity } from './faces.ts';
import { Sensors } from './Sensors.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Scan = Extract<TruthEvent, { kind: 'scan' }>;

/** Runs tao-cafe without cameras, every shopper ordering at the face-pay counter; returns the reader frames with the scans they read. */
function run(edit: (j: Json) => void, ticks = 1500) {
  const scenario = bundledScenario('tao-cafe', (j) => {
    j.crowd.arrivals = [{ at: '12:00', perHour: 1500 }];
    j.crowd.profiles.forEach((p: Json) => (p.counterProb = 1));
    edit(j);
  });
  const world = new World(scenario, { durationS: 150 });
  const sensors = new Sensors(world, { cameras: false });
  const faces: { frame: FaceCaptureFrame; scan: Scan }[] = [];
  const qrs: { frame: QrScanFrame; scan: Scan }[] = [];
  let qrScans = 0;
  for (let i = 0; i < ticks; i++) {
    world.step();
    const scans = world.lastStepEvents.filter((e): e is Scan => e.kind === 'scan');
    qrScans += scans.filter((s) => s.method === 'qr').length;
    world.takeEvents();
    // Reader frames come out in the order of the scans they read.
    const pending = [...scans];
    for (const f of sensors.sample()) {
      if (f.kind !== 'face-capture' && f.kind !== 'qr-scan') continue;
      const k = pending.findIndex((s) => s.at === f.at && s.method === (f.kind === 'qr-scan' ? 'qr' : 'face'));
      const scan = pending.splice(k, 1)[0]!;
      if (f.kind === 'face-capture') faces.push({ frame: f, scan });
      else qrs.push({ frame: f, scan });
    }
  }
  return { faces, qrs, qrScans, sensors, seed: scenario.seed };
}

describe('face readers', () => {
  it('capture worse faces under worse light: lower quality, further from the identity', () => {
    const lit = (lighting: number) => run((j) => {
      j.sensors.gateReaders.find((r: Json) => r.id === 'counter-face').lighting = lighting;
    });
    const bright = lit(1);
    const dim = lit(0.4);
    expect(bright.faces.length).toBeGreaterThan(5);
    expect(dim.faces.length).toBe(bright.faces.length);
    const stats = (r: ReturnType<typeof run>) => {
      let q = 0;
      let d = 0;
      for (const { frame, scan } of r.faces) {
        q += frame.quality;
        const id = faceIdentity(r.seed, scan.faceKey);
        d += 1 - frame.descriptor.reduce((s, v, k) => s + v * id[k]!, 0);
      }
      return { quality: q / r.faces.length, distance: d / r.faces.length };
    };
    const b = stats(bright);
    const m = stats(dim);
    // Customers face the counter's reader: quality is lighting x U(0.8, 1).
    for (const { frame } of bright.faces) {
      expect(frame.quality).toBeGreaterThanOrEqual(0.8 - 1e-3);
      expect(frame.quality).toBeLessThanOrEqual(1);
    }
    for (const { frame } of dim.faces) {
      expect(frame.quality).toBeGreaterThanOrEqual(0.32 - 1e-3);
      expect(frame.quality).toBeLessThanOrEqual(0.4 + 1e-3);
    }
    expect(m.quality).toBeLessThan(b.quality * 0.45);
    expect(m.distance).toBeGreaterThan(2 * b.distance);
  });
});

describe('gate misreads', () => {
  it('at a QR reader, a share of misreads reads a wrong account instead of nothing', () => {
    const base = run(() => {});
    expect(base.qrs.length).toBeGreaterThan(10);
    for (const { frame, scan } of base.qrs) expect(frame.accountId).toBe(scan.accountId);

    const wrong = run((j) => {
      j.faults = [{ kind: 'gate-misread', reader: 'entry-qr', rate: 1, wrongAccountShare: 1 }];
    });
    expect(wrong.qrs.length).toBe(base.qrs.length);
    const population = 20_000; // tao-cafe's crowd.accounts.population
    for (const { frame, scan } of wrong.qrs) {
      expect(frame.accountId).not.toBe(scan.accountId);
      expect(frame.accountId).toMatch(/^acct-\d+$/);
      expect(Number(frame.accountId.slice(5))).toBeLessThan(population);
      expect(frame.token.startsWith(`qr:${frame.accountId}:`)).toBe(true);
    }
    expect(wrong.sensors.faultReport()[0]!.effect).toEqual({ readsWrongAccount: wrong.qrs.length });

    const half = run((j) => {
      j.faults = [{ kind: 'gate-misread', reader: 'entry-qr', rate: 1, wrongAccountShare: 0.5 }];
    });
    const effect = half.sensors.faultReport()[0]!.effect;
    expect(effect.readsWrongAccount! + effect.readsMissed!).toBe(base.qrs.length);
    expect(half.qrs.length).toBe(effect.readsWrongAccount);
    expect(effect.readsWrongAccount! / base.qrs.length).toBeGreaterThan(0.2);
    expect(effect.readsWrongAccount! / base.qrs.length).toBeLessThan(0.8);
  });
});

describe('plate faults', () => {
  /** The readings of shelf wall-s1 over the first 3 s of tao-cafe. */
  const readings = (faults: unknown[]) => {
    const scenario = bundledScenario('tao-cafe', (j) => (j.faults = faults));
    const world = new World(scenario, { durationS: 60 });
    const sensors = new Sensors(world, { cameras: false });
    const out: { t: number; grams: readonly number[] }[] = [];
    const first = sensors.sample();
    for (let i = 0; i <= 30; i++) {
      for (const f of i === 0 ? first : sensors.sample()) if (f.kind === 'shelf-weight' && f.sensorId === 'wall-s1') out.push({ t: f.t, grams: f.grams });
      world.step();
      world.takeEvents();
    }
    return out;
  };

  it('a plate stuck from its first reading repeats that reading (not 0 g)', () => {
    const free = readings([]);
    const stuck = readings([{ kind: 'plate-stuck', shelf: 'wall-s1', fromS: 0, toS: 2 }]);
    expect(free.length).toBeGreaterThan(20);
    expect(stuck.length).toBe(free.length);
    expect(stuck[0]!.grams).toEqual(free[0]!.grams);
    expect(Math.min(...stuck[0]!.grams)).toBeGreaterThan(100);
    for (const r of stuck.filter((x) => x.t < 2)) expect(r.grams).toEqual(stuck[0]!.grams);
    // Noise moves a free plate between readings; the stuck one did not move at all.
    expect(free.filter((x) => x.t < 2).some((r) => r.grams.some((g, k) => g !== free[0]!.grams[k]))).toBe(true);
    const after = stuck.find((x) => x.t >= 2)!;
    expect(after.grams).toEqual(free.find((x) => x.t === after.t)!.grams);
  });
});
