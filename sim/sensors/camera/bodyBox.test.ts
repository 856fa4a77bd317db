import { describe, expect, it } from 'vitest';
import { bodyBoxPx } from './bodyBox.ts';
import { CameraModel } from './CameraModel.ts';

const cam = (position: [number, number, number], lookAt: [number, number, number]) =>
  CameraModel.fromDecl({ id: 'c', position, lookAt, rollDeg: 0, hfovDeg: 90, resolution: [1280, 720], rateHz: 10 }, 0.1);

const contains = (box: Float64Array, p: Float64Array) => p[0]! >= box[0]! && p[0]! <= box[2]! && p[1]! >= box[1]! && p[1]! <= box[3]!;

describe('bodyBoxPx', () => {
  it('boxes a shopper standing under an overhead camera around the feet and head points, as wide as the shoulders at head depth', () => {
    const c = cam([3, 2, 3.2], [3, 2, 0]);
    const box = new Float64Array(4);
    expect(bodyBoxPx(c, 3, 2, 1.7, 1, box)).toBe(true);
    const feet = new Float64Array(2);
    const head = new Float64Array(2);
    c.project(3, 2, 0, feet);
    c.project(3, 2, 1.7, head);
    expect(feet[0]).toBeCloseTo(640, 9);
    expect(head[1]).toBeCloseTo(360, 9);
    expect(contains(box, feet)).toBe(true);
    expect(contains(box, head)).toBe(true);
    // Seen from above the body is its head circle, 0.23 m at 1.5 m: fx 640 -> 98.1 px each side (the polygon adds <= 0.5 %).
    const hw = (640 * 0.23) / 1.5;
    for (const [got, want] of [[640 - box[0]!, hw], [box[2]! - 640, hw], [360 - box[1]!, hw], [box[3]! - 360, hw]] as const) {
      expect(got).toBeGreaterThanOrEqual(want - 1e-9);
      expect(got).toBeLessThanOrEqual(want * 1.005);
    }
    // Broader build, broader box.
    const broad = new Float64Array(4);
    bodyBoxPx(c, 3, 2, 1.7, 1.2, broad);
    expect((broad[2]! - broad[0]!) / (box[2]! - box[0]!)).toBeCloseTo(1.2, 9);
  });

  it('spans head top to feet for a level camera, and holds both points from an oblique one', () => {
    const level = cam([0, 2, 1], [5, 2, 1]);
    const box = new Float64Array(4);
    expect(bodyBoxPx(level, 4, 2, 1.8, 1, box)).toBe(true);
    const p = new Float64Array(2);
    level.project(4, 2, 1.8, p);
    // The head circle's near edge (3.77 m) draws above the axis point (4 m): top is a little higher.
    expect(box[1]).toBeLessThan(p[1]!);
    expect(box[1]).toBeGreaterThan(p[1]! - 10);
    expect(p[1]).toBeCloseTo(360 - (640 * 0.8) / 4, 9);
    level.project(4, 2, 0, p);
    expect(box[3]).toBeGreaterThan(p[1]!);
    expect(box[3]).toBeLessThan(p[1]! + 15);
    // Width: the shoulders, 0.46 m at about 3.77 m (the near edge sets the silhouette).
    expect(box[2]! - box[0]!).toBeGreaterThan((640 * 0.46) / 4);
    expect(box[2]! - box[0]!).toBeLessThan((640 * 0.46 * 1.01) / 3.77);

    const oblique = cam([0.3, 0.3, 3], [4, 3, 0]);
    for (const [x, y, h] of [[2, 1.5, 1.6], [4, 3, 1.9], [5, 2, 1.7]] as const) {
      expect(bodyBoxPx(oblique, x, y, h, 1, box)).toBe(true);
      oblique.project(x, y, 0, p);
      expect(contains(box, p), `feet ${x},${y}`).toBe(true);
      oblique.project(x, y, h, p);
      expect(contains(box, p), `head ${x},${y}`).toBe(true);
    }
  });

  it('clips to the image, and gives none wholly outside it, behind the camera or in the lens', () => {
    const c = cam([0, 2, 1], [5, 2, 1]);
    const box = new Float64Array(4);
    // 45 degrees right of the axis at 4 m is the right edge (hfov 90): half the body is out.
    expect(bodyBoxPx(c, 4, -2, 1.7, 1, box)).toBe(true);
    expect(box[2]).toBe(1280);
    // Half the shoulders, 0.23 m at about 4 m (39 px on the axis), stretched up to 2x by the 45 degree slant.
    expect(box[0]).toBeGreaterThan(1280 - (2 * 640 * 0.23) / 3.77);
    expect(box[0]).toBeLessThan(1280 - (640 * 0.23) / 4);
    expect(bodyBoxPx(c, 2, -4, 1.7, 1, box)).toBe(false);
    expect(bodyBoxPx(c, -3, 2, 1.7, 1, box)).toBe(false);
    // Head at the lens: partly nearer than 0.2 m, not imaged.
    const down = cam([3, 2, 2], [3, 2, 0]);
    expect(bodyBoxPx(down, 3, 2, 1.9, 1, box)).toBe(false);
    expect(bodyBoxPx(down, 3, 2, 1.7, 1, box)).toBe(true);
  });
});
