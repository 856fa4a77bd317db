import { describe, expect, it } from 'vitest';
import type { CameraDetectionsFrame, SensorFrame } from '../../../engine/api.ts';
import { bundledScenario } from '../../testing.ts';
import { World } from '../../World.ts';
import { Sensors } from '../Sensors.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs tao-cafe (edited) for `ticks` ticks; returns every frame with the tick it arrived at, and the sensors. */
function run(edit: (j: Json) => void, ticks: number): { frames: { tick: number; f: SensorFrame }[]; sensors: Sensors; world: World } {
  const world = new World(bundledScenario('tao-cafe', (j) => {
    j.crowd.arrivals = [{ at: '12:00', perHour: 1500 }];
    edit(j);
  }), { durationS: 120 });
  const sensors = new Sensors(world);
  const frames: { tick: number; f: SensorFrame }[] = [];
  for (let i = 0; i < ticks; i++) {
    world.step();
    world.takeEvents();
    for (const f of sensors.sample()) frames.push({ tick: world.tick, f });
  }
  return { frames, sensors, world };
}

const cams = (xs: { tick: number; f: SensorFrame }[], id?: string) =>
  xs.filter((x): x is { tick: number; f: CameraDetectionsFrame } => x.f.kind === 'camera-detections' && (id === undefined || x.f.sensorId === id));

describe('CameraRig', () => {
  it('frames each camera at its own rate: numbers +1, t an exact multiple of the period', () => {
    const { frames } = run((j) => {
      j.sensors.cameras[0].rateHz = 5;
      j.sensors.cameras[1].rateHz = 2.5;
    }, 80);
    const a = cams(frames, 'cam-sw');
    expect(a).toHaveLength(40);
    a.forEach((x, i) => {
      expect(x.f.frame).toBe(i);
      expect(x.f.t).toBeCloseTo((i + 1) * 0.2, 9);
      expect(x.tick).toBe(2 * (i + 1));
    });
    const b = cams(frames, 'cam-se');
    expect(b).toHaveLength(20);
    b.forEach((x, i) => expect(x.f.t / 0.4).toBeCloseTo(i + 1, 9));
    const c = cams(frames, 'cam-nw');
    expect(c).toHaveLength(40); // the scenario's 5 Hz: every other tick
    // Every detection is well formed.
    for (const { f } of cams(frames)) {
      expect(f.boxes.length).toBe(5 * f.count);
      expect(f.keypoints.length).toBe(15 * f.count);
      expect(f.appearance.length).toBe(16 * f.count);
    }
    expect(cams(frames).reduce((n, x) => n + x.f.count, 0)).toBeGreaterThan(50);
  });

  it('does not change any trajectory or any other sensor when a camera is added', () => {
    const base = run(() => {}, 400);
    const more = run((j) => j.sensors.cameras.push({ id: 'extra', position: [8, 6, 3.2], lookAt: [8, 6.2, 0], hfovDeg: 100, resolution: [1280, 720], rateHz: 5 }), 400);
    expect(JSON.stringify(more.world.poses())).toBe(JSON.stringify(base.world.poses()));
    const strip = (xs: { f: SensorFrame }[]) => JSON.stringify(xs.filter((x) => x.f.sensorId !== 'extra').map((x) => x.f), (_k, v) => (v instanceof Float32Array ? Array.from(v) : v));
    expect(strip(more.frames)).toBe(strip(base.frames));
    expect(cams(more.frames, 'extra').length).toBe(200); // 5 Hz over 400 ticks
  });
});

describe('camera faults', () => {
  it('a dropout window yields no frames from that camera in that window, and changes nothing else', () => {
    const base = run(() => {}, 200);
    const { frames, sensors } = run((j) => (j.faults = [{ kind: 'camera-dropout', camera: 'cam-sw', fromS: 5, toS: 10 }]), 200);
    const sw = cams(frames, 'cam-sw');
    expect(sw.filter((x) => x.f.t >= 5 && x.f.t < 10)).toHaveLength(0);
    expect(cams(base.frames, 'cam-sw').filter((x) => x.f.t >= 5 && x.f.t < 10)).toHaveLength(25);
    expect(sw).toHaveLength(75); // 5 Hz for 20 s, less 5 s
    // Frame numbers count captures: the window leaves a gap of 25.
    expect(sw.find((x) => x.f.t >= 10)!.f.frame).toBe(49);
    const same = (xs: { f: SensorFrame }[]) => JSON.stringify(xs.map((x) => x.f).filter((f) => !(f.sensorId === 'cam-sw' && f.t >= 5 && f.t < 10)), (_k, v) => (v instanceof Float32Array ? Array.from(v) : v));
    expect(same(frames)).toBe(same(base.frames));
    expect(sensors.faultReport()).toEqual([{ index: 0, kind: 'camera-dropout', target: 'cam-sw', fromS: 5, toS: 10, effect: { framesDropped: 25 } }]);
  });

  it('random frame drops lose about the given share', () => {
    const { frames, sensors } = run((j) => (j.faults = [{ kind: 'frame-drops', camera: 'all', rate: 0.3 }]), 300);
    const n = cams(frames).length;
    const total = 150 * bundledScenario('tao-cafe').sensors.cameras.length; // 5 Hz cameras over 300 ticks
    expect(n / total).toBeGreaterThan(0.65);
    expect(n / total).toBeLessThan(0.75);
    expect(sensors.faultReport()[0]!.effect.framesDropped).toBe(total - n);
  });

  it('latency delays arrival, keeps the capture time, and jitter spreads it', () => {
    const { frames, sensors } = run((j) => {
      j.sensors.cameras[3].rateHz = 10;
      j.faults = [{ kind: 'frame-latency', camera: 'cam-ne', latencyS: 0.5, jitterS: 0.3 }];
    }, 100);
    const ne = cams(frames, 'cam-ne');
    const lags = ne.map((x) => Math.round((x.tick * 0.1 - x.f.t) * 10));
    // 0.5 s + U(0, 0.3) s, arriving at the next whole tick: 6 to 8 ticks late.
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...lags)).toBeLessThanOrEqual(8);
    expect(new Set(lags).size).toBeGreaterThan(2);
    for (const x of ne) expect(x.f.t * 10).toBeCloseTo(Math.round(x.f.t * 10), 9);
    expect(ne.length).toBeGreaterThanOrEqual(91);
    expect(cams(frames, 'cam-sw').every((x) => Math.abs(x.tick * 0.1 - x.f.t) < 1e-9)).toBe(true);
    expect(sensors.faultReport()[0]!.effect.framesDelayed).toBe(100);
  });

  it('delivers each camera\'s frames in capture order when jitter exceeds the frame period, and every frame', () => {
    // 10 Hz (one frame a tick), 0.1 s + U(0, 0.3) s for the first 6 s: a frame drawn 4 ticks late
    // would arrive after one drawn 1 tick late captured after it; it holds that one back instead.
    // After the window undelayed frames still queue behind the last delayed ones.
    const { frames, sensors } = run((j) => {
      j.sensors.cameras[3].rateHz = 10;
      j.faults = [{ kind: 'frame-latency', camera: 'cam-ne', latencyS: 0.1, jitterS: 0.3, toS: 6 }];
    }, 100);
    const ne = cams(frames, 'cam-ne');
    expect(ne.map((x) => x.f.frame)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    for (let i = 1; i < ne.length; i++) expect(ne[i]!.tick).toBeGreaterThanOrEqual(ne[i - 1]!.tick);
    const lags = ne.map((x) => Math.round((x.tick * 0.1 - x.f.t) * 10));
    // 1 to 4 ticks late inside the window, and some frames held back longer than their own draw
    // could make them (a lag that shrinks by more than a tick between frames is impossible).
    expect(Math.min(...lags.slice(0, 55))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...lags)).toBeLessThanOrEqual(4);
    for (let i = 1; i < lags.length; i++) expect(lags[i]!).toBeGreaterThanOrEqual(lags[i - 1]! - 1);
    expect(new Set(lags.slice(0, 55)).size).toBeGreaterThan(2);
    expect(lags.slice(70)).toEqual(Array(30).fill(0)); // well past the window: on time again
    expect(sensors.faultReport()[0]!.effect.framesDelayed).toBe(59); // captures at 0.1 .. 5.9 s
  });
});

describe('plate and gate faults', () => {
  const plates = (xs: { f: SensorFrame }[], id: string) => xs.map((x) => x.f).filter((f) => f.kind === 'shelf-weight' && f.sensorId === id) as { t: number; grams: readonly number[] }[];

  it('a stuck plate repeats its last reading; drift creeps; a burst adds noise', () => {
    const base = run(() => {}, 100);
    const { frames, sensors } = run((j) => (j.faults = [
      { kind: 'plate-stuck', shelf: 'wall-s1', slot: 'wall-s1/f0-0', fromS: 3, toS: 6 },
      { kind: 'plate-drift', shelf: 'wall-s2', gPerHour: 36000, fromS: 2 },
      { kind: 'plate-noise-burst', shelf: 'chiller-n1', sigmaG: 200, fromS: 4, toS: 5 },
    ]), 100);
    const stuck = plates(frames, 'wall-s1');
    const before = stuck.find((f) => Math.abs(f.t - 2.9) < 1e-9)!.grams[0];
    for (const f of stuck.filter((x) => x.t >= 3 && x.t < 6)) expect(f.grams[0]).toBe(before);
    const ref = plates(base.frames, 'wall-s1');
    expect(new Set(ref.filter((x) => x.t >= 3 && x.t < 6).map((x) => x.grams[0])).size).toBeGreaterThan(5);
    const drifted = plates(frames, 'wall-s2');
    const undrifted = plates(base.frames, 'wall-s2');
    const at = (xs: typeof drifted, t: number) => xs.find((f) => Math.abs(f.t - t) < 1e-9)!.grams[1]!;
    expect(at(drifted, 8) - at(undrifted, 8)).toBeCloseTo(60, 0); // 10 g/s for 6 s
    expect(at(drifted, 1)).toBe(at(undrifted, 1));
    const burst = plates(frames, 'chiller-n1').filter((f) => f.t >= 4 && f.t < 5);
    const quiet = plates(base.frames, 'chiller-n1').filter((f) => f.t >= 4 && f.t < 5);
    const spread = burst.map((f, i) => f.grams[0]! - quiet[i]!.grams[0]!);
    expect(Math.max(...spread.map(Math.abs))).toBeGreaterThan(100);
    const r = sensors.faultReport();
    expect(r[0]!.effect.readingsAffected).toBe(30);
    expect(r[2]!.effect.readingsAffected).toBe(10 * plates(frames, 'chiller-n1')[0]!.grams.length);
  });

  it('a gate misread loses reads at the given rate', () => {
    const count = (xs: { f: SensorFrame }[]) => xs.filter((x) => x.f.kind === 'face-capture').length;
    const edit = (j: Json) => {
      j.crowd.profiles.forEach((p: Json) => (p.counterProb = 1));
    };
    const base = run(edit, 1500);
    const { frames, sensors } = run((j) => {
      edit(j);
      j.faults = [{ kind: 'gate-misread', reader: 'counter-face', rate: 1 }];
    }, 1500);
    expect(count(base.frames)).toBeGreaterThan(3);
    expect(count(frames)).toBe(0);
    expect(sensors.faultReport()[0]!.effect.readsMissed).toBe(count(base.frames));
  });
});
