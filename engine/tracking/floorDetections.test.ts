import { describe, expect, it } from 'vitest';
import { ENGINE_DEFAULTS } from '../EngineConfig.ts';
import { camsHas } from './cameraSets.ts';
import { FloorDetections, fuseDetections, projectDetections } from './floorDetections.ts';
import { corridorCamera, feetFrame, testCamera } from './testCamera.ts';

const cfg = ENGINE_DEFAULTS.tracking;

/** The cameras of row `i` of `d`, among 0 .. n - 1. */
const camerasOf = (d: FloorDetections, i: number, n: number) => [...Array(n).keys()].filter((c) => camsHas(d.cams, i, c, d.camWords));

describe('floorDetections', () => {
  it('fuses one person seen by camera 3 and camera 35 of 41 into one floor detection seen by both', () => {
    const raw = new FloorDetections(41);
    // Camera 35's homography is 0.2 m off: the fused point is their mean (equal foot variances).
    projectDetections(feetFrame(testCamera(3), 0, [{ xM: 3, yM: 2, look: 1 }]), testCamera(3), cfg, raw);
    projectDetections(feetFrame(testCamera(35, 0.2), 0, [{ xM: 3, yM: 2, look: 1 }]), testCamera(35, 0.2), cfg, raw);
    expect(raw.count).toBe(2);
    const fused = new FloorDetections(41);
    fuseDetections(raw, cfg.fuseRadiusM, cfg.fuseMaxRadiusM, new Int32Array(8), fused);
    expect(fused.count).toBe(1);
    expect(fused.x[0]).toBeCloseTo(3.1, 5);
    expect(fused.y[0]).toBeCloseTo(2, 5);
    // Two footprints of one variance each: the fused variance halves. Each is the feet's spread plus
    // the keypoint error (2 % of the 170 px box, both feet averaged) at 1 cm per pixel.
    const keypointM = (cfg.footPixelSigmaFrac * 170 * 0.01) / Math.SQRT2;
    expect(fused.varM2[0]).toBeCloseTo((cfg.footSigmaM ** 2 + keypointM ** 2) / 2, 9);
    expect(camerasOf(raw, 0, 41)).toEqual([3]);
    expect(camerasOf(raw, 1, 41)).toEqual([35]);
    expect(camerasOf(fused, 0, 41)).toEqual([3, 35]);
  });

  it('still keeps two people seen by one camera beyond 32 apart, however close', () => {
    const raw = new FloorDetections(41);
    const cam = testCamera(40);
    projectDetections(feetFrame(cam, 0, [{ xM: 3, yM: 2, look: 1 }, { xM: 3.2, yM: 2, look: 2 }]), cam, cfg, raw);
    const fused = new FloorDetections(41);
    fuseDetections(raw, cfg.fuseRadiusM, cfg.fuseMaxRadiusM, new Int32Array(8), fused);
    expect(fused.count).toBe(2);
    expect([fused.x[0]!, fused.x[1]!].sort((a, b) => a - b)).toEqual([expect.closeTo(3, 5), expect.closeTo(3.2, 5)]);
    expect(camerasOf(fused, 0, 41)).toEqual([40]);
  });

  it('refuses a camera index its camera sets cannot hold, and buffers sized for different stores', () => {
    expect(() => new FloorDetections().push(0, 0, 1, 32, 1)).toThrow(/engine: camera index 32 is beyond this buffer's 32 cameras/);
    expect(() => new FloorDetections(41).push(0, 0, 1, 64, 1)).toThrow(/camera index 64 is beyond this buffer's 64 cameras/);
    const raw = new FloorDetections(41);
    projectDetections(feetFrame(testCamera(40), 0, [{ xM: 3, yM: 2, look: 1 }]), testCamera(40), cfg, raw);
    expect(() => fuseDetections(raw, 0.5, 1, new Int32Array(8), new FloorDetections(8))).toThrow(/engine: fuseDetections: camera sets of 2 and 1 words/);
  });

  it('grows past its first 64 rows keeping every row\'s camera set', () => {
    const d = new FloorDetections(100);
    for (let i = 0; i < 200; i++) d.push(i, 0, 1, i % 100, 1);
    expect(d.cams.length).toBeGreaterThanOrEqual(200 * d.camWords);
    for (const i of [0, 63, 64, 99, 150, 199]) expect(camerasOf(d, i, 100)).toEqual([i % 100]);
  });

  it('makes far feet vague: a foot point\'s sd grows with distance as the keypoint error through the homography', () => {
    const cam = corridorCamera(0, 0, 1);
    const raw = new FloorDetections(2);
    projectDetections(cam.frame(0, [{ xM: 5, yM: 1, look: 1 }, { xM: 30, yM: 1, look: 2 }]), cam.geometry, cfg, raw);
    expect(raw.count).toBe(2);
    expect(raw.x[0]).toBeCloseTo(5, 3);
    expect(raw.x[1]).toBeCloseTo(30, 3);
    // Along the view, dx/dv = d^2 / (f h); the keypoint error is frac * (f 1.7 / d) / sqrt(2) pixels.
    const alongM = (d: number) => {
      const px = (cfg.footPixelSigmaFrac * (1000 * 1.7)) / d / Math.SQRT2;
      const v = 540 + 3000 / d;
      return 3000 / (v - 540) - 3000 / (v + px - 540);
    };
    expect(Math.sqrt(raw.varM2[0]!)).toBeCloseTo(Math.hypot(cfg.footSigmaM, alongM(5)), 6);
    expect(Math.sqrt(raw.varM2[1]!)).toBeCloseTo(Math.hypot(cfg.footSigmaM, alongM(30)), 6);
    expect(Math.sqrt(raw.varM2[0]!)).toBeLessThan(0.12);
    expect(Math.sqrt(raw.varM2[1]!)).toBeGreaterThan(0.25);
  });
});
