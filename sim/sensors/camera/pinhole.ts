/**
 * Pinhole camera kernels: orientation from yaw/pitch/roll or a look-at point, the world-to-camera
 * rotation, projection, and the floor homography. Pure functions on plain numbers; conventions
 * are those of engine/api.ts CameraCalibration (camera x right, y down, z forward; R row-major,
 * world to camera).
 */

const DEG = Math.PI / 180;

/** A camera's orientation: yaw of the view direction from +x counter-clockwise, pitch below the horizon, roll about the view axis. */
export interface CameraAngles {
  readonly yawDeg: number;
  /** Positive looks down: 90 is straight down. */
  readonly pitchDeg: number;
  /** Positive rolls the camera clockwise about its view axis, as seen from behind it. */
  readonly rollDeg: number;
}

/** Yaw and pitch that point a camera at `position` towards `lookAt` (roll 0). Straight down gets yaw 90 (image up = north). */
export function anglesOfLookAt(position: readonly number[], lookAt: readonly number[], rollDeg = 0): CameraAngles {
  const dx = lookAt[0]! - position[0]!;
  const dy = lookAt[1]! - position[1]!;
  const dz = lookAt[2]! - position[2]!;
  const horiz = Math.hypot(dx, dy);
  if (horiz === 0 && dz === 0) throw new Error('sim: camera lookAt equals its position');
  const yawDeg = horiz < 1e-12 ? 90 : Math.atan2(dy, dx) / DEG;
  const pitchDeg = Math.atan2(-dz, horiz) / DEG;
  return { yawDeg, pitchDeg, rollDeg };
}

/**
 * R, row-major 3x3, world to camera. Rows are the camera's x (right), y (down) and z (forward)
 * axes in world coordinates. Right is built from the yaw alone, so looking straight down is not
 * a special case.
 */
export function rotationOfAngles(a: CameraAngles): number[] {
  const y = a.yawDeg * DEG;
  const p = a.pitchDeg * DEG;
  const r = a.rollDeg * DEG;
  const f = [Math.cos(p) * Math.cos(y), Math.cos(p) * Math.sin(y), -Math.sin(p)];
  const x0 = [Math.sin(y), -Math.cos(y), 0];
  // y = f x x0 (down when level).
  const y0 = [f[1]! * x0[2]! - f[2]! * x0[1]!, f[2]! * x0[0]! - f[0]! * x0[2]!, f[0]! * x0[1]! - f[1]! * x0[0]!];
  const c = Math.cos(r);
  const s = Math.sin(r);
  // Roll turns the camera's x axis towards its y axis about f.
  const x = [c * x0[0]! + s * y0[0]!, c * x0[1]! + s * y0[1]!, c * x0[2]! + s * y0[2]!];
  const yy = [-s * x0[0]! + c * y0[0]!, -s * x0[1]! + c * y0[1]!, -s * x0[2]! + c * y0[2]!];
  return [x[0]!, x[1]!, x[2]!, yy[0]!, yy[1]!, yy[2]!, f[0]!, f[1]!, f[2]!];
}

/** Focal length in pixels for a horizontal field of view over `widthPx`. */
export function focalPx(hfovDeg: number, widthPx: number): number {
  return widthPx / 2 / Math.tan((hfovDeg * DEG) / 2);
}

/** The inverse of a row-major 3x3 matrix; throws on a singular one. */
export function invert3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-300) throw new Error('sim: singular 3x3 matrix');
  const k = 1 / det;
  return [
    A * k, -(b * i - c * h) * k, (b * f - c * e) * k,
    B * k, (a * i - c * g) * k, -(a * f - c * d) * k,
    C * k, -(a * h - b * g) * k, (a * e - b * d) * k,
  ];
}

/** The pinhole intrinsics and pose a homography needs. */
export interface PinholePose {
  readonly rotation: readonly number[];
  readonly positionM: readonly number[];
  readonly fx: number;
  readonly fy: number;
  readonly cx: number;
  readonly cy: number;
}

/**
 * Row-major 3x3 homography from floor [x, y, 1] (z = 0) to pixel [u, v, 1]: K [r1 r2 t],
 * with r1, r2 the first two columns of R and t = -R C. Scaled so its last entry is 1 when it can be.
 */
export function pixelFromFloor(p: PinholePose): number[] {
  const R = p.rotation;
  const C = p.positionM;
  const t = [0, 1, 2].map((k) => -(R[3 * k]! * C[0]! + R[3 * k + 1]! * C[1]! + R[3 * k + 2]! * C[2]!));
  const M = [R[0]!, R[1]!, t[0]!, R[3]!, R[4]!, t[1]!, R[6]!, R[7]!, t[2]!];
  const H = [
    p.fx * M[0]! + p.cx * M[6]!, p.fx * M[1]! + p.cx * M[7]!, p.fx * M[2]! + p.cx * M[8]!,
    p.fy * M[3]! + p.cy * M[6]!, p.fy * M[4]! + p.cy * M[7]!, p.fy * M[5]! + p.cy * M[8]!,
    M[6]!, M[7]!, M[8]!,
  ];
  return normalizeH(H);
}

/** Row-major 3x3 homography from pixel [u, v, 1] to floor [x, y, 1]. */
export function floorFromPixel(p: PinholePose): number[] {
  return normalizeH(invert3(pixelFromFloor(p)));
}

/** Applies a homography to [a, b, 1]; writes the dehomogenised point into out and returns out. */
export function applyH(H: readonly number[], a: number, b: number, out: number[] | Float64Array): number[] | Float64Array {
  const w = H[6]! * a + H[7]! * b + H[8]!;
  out[0] = (H[0]! * a + H[1]! * b + H[2]!) / w;
  out[1] = (H[3]! * a + H[4]! * b + H[5]!) / w;
  return out;
}

function normalizeH(H: number[]): number[] {
  const s = H[8]!;
  return Math.abs(s) > 1e-12 ? H.map((v) => v / s) : H;
}
