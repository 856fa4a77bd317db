import { describe, expect, it } from 'vitest';
import { Rng } from '../rng/Rng.ts';
import { buildStore } from '../store/Store.ts';
import { bundledScenario } from '../testing.ts';
import { FACE_CAPTURE, FACE_DIM, captureFace, faceIdentity, faceQuality, frontalHeading } from './faces.ts';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

describe('face capture quality', () => {
  it('falls as the face turns away from the reader and as the light dims', () => {
    const deg = (d: number) => Math.cos((d * Math.PI) / 180);
    expect(faceQuality(1, 1, 1)).toBe(1);
    expect(faceQuality(1, deg(90), 1)).toBeCloseTo(FACE_CAPTURE.profileQuality, 12);
    expect(faceQuality(1, -1, 1)).toBe(0);
    const byYaw = [0, 20, 45, 70, 90, 135, 180].map((d) => faceQuality(0.9, deg(d), 0.95));
    for (let k = 1; k < byYaw.length; k++) expect(byYaw[k]!).toBeLessThan(byYaw[k - 1]!);
    // Lighting scales quality in proportion.
    expect(faceQuality(0.5, deg(30), 0.9)).toBeCloseTo(faceQuality(1, deg(30), 0.9) / 2, 12);
    expect(faceQuality(0, 1, 1)).toBe(0);
  });

  it('gives noisier captures, further from the identity, at lower quality, as the noise model says', () => {
    const identity = faceIdentity(7, 'acct-12');
    const other = faceIdentity(7, 'acct-13');
    const meanDistance = (quality: number) => {
      const rng = new Rng(7, 'test:faces');
      let d = 0;
      for (let k = 0; k < 3000; k++) d += 1 - dot(identity, captureFace(identity, quality, rng));
      return d / 3000;
    };
    // 1 - cos of a unit vector plus isotropic noise of total sd s is about s^2 (D - 1) / (2 D).
    const expected = (q: number) => {
      const s = FACE_CAPTURE.baseSigma + FACE_CAPTURE.sigmaPerQualityLost * (1 - q);
      return (s * s * (FACE_DIM - 1)) / (2 * FACE_DIM);
    };
    const good = meanDistance(0.95);
    const poor = meanDistance(0.3);
    expect(poor).toBeGreaterThan(2 * good);
    expect(good / expected(0.95)).toBeGreaterThan(0.9);
    expect(good / expected(0.95)).toBeLessThan(1.1);
    expect(poor / expected(0.3)).toBeGreaterThan(0.9);
    expect(poor / expected(0.3)).toBeLessThan(1.1);
    // Even a poor capture stays nearer its own identity than another person's.
    expect(poor).toBeLessThan(1 - dot(identity, other));
  });

  it('knows which way a person faces each reader frontally', () => {
    const store = buildStore(bundledScenario('tao-cafe'));
    const entry = store.entries[0]!;
    const exit = store.exits[0]!;
    expect(frontalHeading(store, entry.id)).toEqual(entry.inward);
    expect(frontalHeading(store, exit.id)).toEqual([-exit.inward[0], -exit.inward[1]]);
    expect(frontalHeading(store, 'counter')).toEqual(store.counters.find((c) => c.id === 'counter')!.access.facing);
    expect(frontalHeading(store, 'nowhere')).toBeNull();
  });
});
