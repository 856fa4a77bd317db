import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../../testing.ts';
import { CameraModel, framePeriodTicks } from './CameraModel.ts';
import { anglesOfLookAt, applyH, invert3, pixelFromFloor, rotationOfAngles } from './pinhole.ts';

const cam = (over: Partial<{ position: [number, number, number]; lookAt: [number, number, number]; rollDeg: number; hfovDeg: number }> = {}) =>
  CameraModel.fromDecl({
    id: 'c', position: over.position ?? [0.3, 0.3, 3], lookAt: over.lookAt ?? [6, 5, 0], rollDeg: over.rollDeg ?? 0,
    hfovDeg: over.hfovDeg ?? 90, resolution: [1920, 1080], rateHz: 10,
  }, 0.1);

describe('pinhole', () => {
  it('builds an orthonormal right-handed rotation: x right, y down, z forward', () => {
    const R = rotationOfAngles({ yawDeg: 0, pitchDeg: 0, rollDeg: 0 });
    // Looking east, level: right is south (-y), down is -z, forward is +x.
    expect(R.map((v) => Math.round(v * 1e12) / 1e12 + 0)).toEqual([0, -1, 0, 0, 0, -1, 1, 0, 0]);
    for (const a of [{ yawDeg: 37, pitchDeg: 52, rollDeg: 11 }, { yawDeg: -120, pitchDeg: 90, rollDeg: 0 }]) {
      const M = rotationOfAngles(a);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const dot = M[3 * i]! * M[3 * j]! + M[3 * i + 1]! * M[3 * j + 1]! + M[3 * i + 2]! * M[3 * j + 2]!;
          expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
        }
      }
      // det = +1: z = x cross y.
      expect(M[0]! * (M[4]! * M[8]! - M[5]! * M[7]!) - M[1]! * (M[3]! * M[8]! - M[5]! * M[6]!) + M[2]! * (M[3]! * M[7]! - M[4]! * M[6]!)).toBeCloseTo(1, 12);
    }
  });

  it('aims a look-at camera so its target projects to the image centre', () => {
    const c = cam({ rollDeg: 17 });
    const out = new Float64Array(2);
    const depth = c.project(6, 5, 0, out);
    expect(depth).toBeCloseTo(Math.hypot(5.7, 4.7, 3), 9);
    expect(out[0]).toBeCloseTo(960, 6);
    expect(out[1]).toBeCloseTo(540, 6);
    expect(anglesOfLookAt([0, 0, 3], [0, 0, 0]).pitchDeg).toBeCloseTo(90, 12);
  });

  it('puts points left of the view on the left of the image and higher points higher', () => {
    const c = cam({ position: [0, 0, 3], lookAt: [5, 0, 0] });
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    c.project(5, 1, 0, a); // north = left when looking east
    c.project(5, -1, 0, b);
    expect(a[0]).toBeLessThan(960);
    expect(b[0]).toBeGreaterThan(960);
    c.project(5, 0, 1.7, a);
    c.project(5, 0, 0, b);
    expect(a[1]).toBeLessThan(b[1]!);
  });

  it('inverts 3x3 matrices', () => {
    const m = [2, 1, 0, 0, 3, 1, 1, 0, 4];
    const inv = invert3(m);
    const prod = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => m[3 * i]! * inv[j]! + m[3 * i + 1]! * inv[3 + j]! + m[3 * i + 2]! * inv[6 + j]!));
    prod.forEach((v, k) => expect(v).toBeCloseTo(k % 4 === 0 ? 1 : 0, 12));
    expect(() => invert3([1, 2, 3, 2, 4, 6, 0, 0, 1])).toThrow('sim: singular 3x3 matrix');
  });
});

describe('CameraModel', () => {
  it('round-trips floor -> pixel -> floor through the calibration within 1 cm (to 1e-6 m in fact)', () => {
    for (const c of [cam(), cam({ position: [15.7, 12.2, 3], lookAt: [10, 7.5, 0], rollDeg: -8, hfovDeg: 70 })]) {
      const cal = c.calibration();
      const px = new Float64Array(2);
      const back = new Float64Array(2);
      let checked = 0;
      for (let x = 0; x <= 16; x += 0.5) {
        for (let y = 0; y <= 12.5; y += 0.5) {
          if (c.project(x, y, 0, px) <= 0.05 || px[0]! < 0 || px[1]! < 0 || px[0]! > cal.widthPx || px[1]! > cal.heightPx) continue;
          applyH(cal.floorFromPixel, px[0]!, px[1]!, back);
          expect(Math.hypot(back[0]! - x, back[1]! - y)).toBeLessThan(1e-6);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
    }
  });

  it('agrees with the calibration: u = fx Xc/Zc + cx from R and the position', () => {
    const c = cam({ rollDeg: 5 });
    const cal = c.calibration();
    const R = cal.rotation;
    const p = [3.2, 7.1, 1.2];
    const d = p.map((v, k) => v - cal.positionM[k]!);
    const Xc = [0, 1, 2].map((k) => R[3 * k]! * d[0]! + R[3 * k + 1]! * d[1]! + R[3 * k + 2]! * d[2]!);
    const out = new Float64Array(2);
    expect(c.project(p[0]!, p[1]!, p[2]!, out)).toBeCloseTo(Xc[2]!, 12);
    expect(out[0]).toBeCloseTo((cal.fx * Xc[0]!) / Xc[2]! + cal.cx, 9);
    expect(out[1]).toBeCloseTo((cal.fy * Xc[1]!) / Xc[2]! + cal.cy, 9);
    expect(cal.fx).toBeCloseTo(960, 9); // 90 degrees over 1920 px
    // The homography agrees with projecting floor points.
    const H = pixelFromFloor({ ...cal, rotation: R, positionM: cal.positionM });
    const h = new Float64Array(2);
    applyH(H, 4, 6, h);
    c.project(4, 6, 0, out);
    expect(h[0]).toBeCloseTo(out[0]!, 6);
    expect(h[1]).toBeCloseTo(out[1]!, 6);
  });

  it('frames every whole number of ticks, and only then', () => {
    expect(framePeriodTicks(10, 0.1)).toBe(1);
    expect(framePeriodTicks(5, 0.1)).toBe(2);
    expect(framePeriodTicks(3.333, 0.1)).toBe(3);
    expect(framePeriodTicks(15, 0.1)).toBeNull();
    expect(framePeriodTicks(20, 0.1)).toBeNull();
    expect(cam().rateHz).toBe(10);
  });

  it('builds every bundled camera', () => {
    for (const name of ['tao-cafe', 'grocery']) {
      const s = bundledScenario(name);
      for (const d of s.sensors.cameras) expect(CameraModel.fromDecl(d, s.dtS).calibration().floorFromPixel).toHaveLength(9);
    }
  });
});
