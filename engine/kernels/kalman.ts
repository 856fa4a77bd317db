/**
 * A constant-velocity Kalman filter on the floor plane, as pure steps over a packed state.
 * The x and y axes are independent (white-acceleration process noise per axis, isotropic
 * position measurements), so each axis carries a 2 x 2 covariance: exact for this model, and cheap.
 *
 * Layout of a state (Float64Array of KALMAN_STATE_LENGTH):
 * `[x, y, vx, vy, Pxx, Pxv, Pvv (x axis), Pyy, Pyv, Pvv (y axis)]`, metres, m/s and their (co)variances.
 */

/** Length of a packed filter state. */
export const KALMAN_STATE_LENGTH = 10;

/** A new packed state at a position, at rest, with the given position and velocity variances. */
export function kalmanInit(out: Float64Array, x: number, y: number, posVarM2: number, velVarM2s2: number): Float64Array {
  out[0] = x;
  out[1] = y;
  out[2] = 0;
  out[3] = 0;
  out[4] = posVarM2;
  out[5] = 0;
  out[6] = velVarM2s2;
  out[7] = posVarM2;
  out[8] = 0;
  out[9] = velVarM2s2;
  return out;
}

/**
 * Predicts `dtS` ahead: p += v dt; P = F P F' + Q with Q = q [[dt^3/3, dt^2/2], [dt^2/2, dt]],
 * `accelNoise` the white-acceleration spectral density q (m^2/s^3).
 */
export function kalmanPredict(s: Float64Array, dtS: number, accelNoise: number): void {
  if (dtS <= 0) return;
  const dt2 = dtS * dtS;
  const q11 = (accelNoise * dt2 * dtS) / 3;
  const q12 = (accelNoise * dt2) / 2;
  const q22 = accelNoise * dtS;
  s[0] = s[0]! + s[2]! * dtS;
  s[1] = s[1]! + s[3]! * dtS;
  for (let k = 4; k <= 7; k += 3) {
    const a = s[k]!;
    const b = s[k + 1]!;
    const c = s[k + 2]!;
    s[k] = a + 2 * b * dtS + c * dt2 + q11;
    s[k + 1] = b + c * dtS + q12;
    s[k + 2] = c + q22;
  }
}

/** Updates with a measured position (zx, zy) of variance `measVarM2` per axis. */
export function kalmanUpdate(s: Float64Array, zx: number, zy: number, measVarM2: number): void {
  for (let axis = 0; axis < 2; axis++) {
    const k = 4 + 3 * axis;
    const a = s[k]!;
    const b = s[k + 1]!;
    const c = s[k + 2]!;
    const innov = (axis === 0 ? zx : zy) - s[axis]!;
    const S = a + measVarM2;
    const kp = a / S;
    const kv = b / S;
    s[axis] = s[axis]! + kp * innov;
    s[axis + 2] = s[axis + 2]! + kv * innov;
    s[k] = (1 - kp) * a;
    s[k + 1] = (1 - kp) * b;
    s[k + 2] = c - kv * b;
  }
}

/** Squared Mahalanobis distance of a measured position from the state's predicted position. */
export function kalmanMahalanobis2(s: Float64Array, zx: number, zy: number, measVarM2: number): number {
  const dx = zx - s[0]!;
  const dy = zy - s[1]!;
  return (dx * dx) / (s[4]! + measVarM2) + (dy * dy) / (s[7]! + measVarM2);
}
