import { describe, expect, it } from 'vitest';
import { KALMAN_STATE_LENGTH, kalmanInit, kalmanMahalanobis2, kalmanPredict, kalmanUpdate } from './kalman.ts';

describe('constant-velocity Kalman', () => {
  it('predicts position and covariance as computed by hand', () => {
    const s = kalmanInit(new Float64Array(KALMAN_STATE_LENGTH), 1, 2, 0.5, 1);
    s[2] = 1.2;
    s[3] = -0.4;
    kalmanPredict(s, 0.5, 0.8);
    expect(s[0]).toBeCloseTo(1.6, 12);
    expect(s[1]).toBeCloseTo(1.8, 12);
    // P = F P F' + Q, P = diag(0.5, 1), dt = 0.5, q = 0.8:
    // Pxx = 0.5 + 0 + 1 * 0.25 + 0.8 * 0.125 / 3; Pxv = 0 + 1 * 0.5 + 0.8 * 0.25 / 2; Pvv = 1 + 0.8 * 0.5.
    expect(s[4]).toBeCloseTo(0.5 + 0.25 + 0.1 / 3, 12);
    expect(s[5]).toBeCloseTo(0.6, 12);
    expect(s[6]).toBeCloseTo(1.4, 12);
    expect(s[7]).toBeCloseTo(s[4]!, 12);
  });

  it('updates as computed by hand', () => {
    const s = kalmanInit(new Float64Array(KALMAN_STATE_LENGTH), 0, 0, 1, 1);
    s[5] = 0.5; // Pxv
    kalmanUpdate(s, 2, -1, 1);
    // x axis: S = 2, Kp = 0.5, Kv = 0.25, innovation 2 -> x = 1, vx = 0.5;
    // P = [[0.5, 0.25], [0.25, 1 - 0.25 * 0.5]].
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[2]).toBeCloseTo(0.5, 12);
    expect(s[4]).toBeCloseTo(0.5, 12);
    expect(s[5]).toBeCloseTo(0.25, 12);
    expect(s[6]).toBeCloseTo(0.875, 12);
    // y axis: Pyv = 0, so Kv = 0: velocity unchanged, y = -0.5.
    expect(s[1]).toBeCloseTo(-0.5, 12);
    expect(s[3]).toBe(0);
    expect(s[7]).toBeCloseTo(0.5, 12);
  });

  it('learns a constant velocity from noiseless positions', () => {
    const s = kalmanInit(new Float64Array(KALMAN_STATE_LENGTH), 0, 0, 0.01, 4);
    for (let i = 1; i <= 60; i++) {
      kalmanPredict(s, 0.1, 0.5);
      kalmanUpdate(s, 1.3 * 0.1 * i, -0.7 * 0.1 * i, 0.0025);
    }
    expect(s[2]).toBeCloseTo(1.3, 2);
    expect(s[3]).toBeCloseTo(-0.7, 2);
    expect(s[0]).toBeCloseTo(7.8, 2);
  });

  it('measures Mahalanobis distance against the predicted spread', () => {
    const s = kalmanInit(new Float64Array(KALMAN_STATE_LENGTH), 0, 0, 0.75, 1);
    expect(kalmanMahalanobis2(s, 1, 1, 0.25)).toBeCloseTo(2, 12);
  });
});
