import type { CameraCalibration, CameraDetectionsFrame } from '../api.ts';
import { APPEARANCE_DIM, KEYPOINTS } from '../api.ts';
import { camWords, camsIntersect, camsSetOnly, camsUnionInto } from './cameraSets.ts';

/**
 * Camera detections on the floor plane, and their fusion across cameras. Pure kernels over a
 * growable struct-of-arrays buffer (reused frame after frame, so the hot path does not allocate).
 */

/** Floats per detection in FloorDetections.wrist: two rays of origin xyz and unit direction xyz. */
export const WRIST_FLOATS = 12;

/** Person detections as floor points: struct of arrays, `count` rows in use. */
export class FloorDetections {
  count = 0;
  /** Words per camera set (cameraSets.ts), fixed at construction from the store's camera count. */
  readonly camWords: number;
  x = new Float64Array(64);
  y = new Float64Array(64);
  conf = new Float64Array(64);
  /** Variance of the floor position, m^2 (per axis): small for feet, large for a head seen from afar. */
  varM2 = new Float64Array(64);
  /** count x camWords: the cameras that saw each row (a camera set, see cameraSets.ts). */
  cams: Uint32Array;
  /** count x APPEARANCE_DIM, unit rows (after fusion). */
  app = new Float32Array(64 * APPEARANCE_DIM);
  /** count x 2 wrist rays (origin xyz, unit direction xyz: 6 floats each) in the store frame; see `wristSeen`. */
  wrist = new Float64Array(64 * WRIST_FLOATS);
  /** Bit 0: the left wrist's ray is set; bit 1: the right one's. */
  wristSeen = new Uint8Array(64);

  /** A buffer whose rows can name cameras 0 .. cameraCount - 1 (32: one word, the small-store case). */
  constructor(cameraCount = 32) {
    this.camWords = camWords(cameraCount);
    this.cams = new Uint32Array(64 * this.camWords);
  }

  /** Empties the buffer, keeping its memory. */
  clear(): void {
    this.count = 0;
  }

  /** Appends a row seen by camera `cam` (-1: no camera yet, e.g. a fused row filled later) and returns its index. */
  push(x: number, y: number, conf: number, cam: number, varM2: number): number {
    if (cam >= this.camWords * 32) throw new Error(`engine: camera index ${cam} is beyond this buffer's ${this.camWords * 32} cameras (sized from the store's camera count)`);
    if (this.count === this.x.length) this.grow();
    const i = this.count++;
    this.x[i] = x;
    this.y[i] = y;
    this.conf[i] = conf;
    this.varM2[i] = varM2;
    camsSetOnly(this.cams, i, cam, this.camWords);
    this.wristSeen[i] = 0;
    this.app.fill(0, i * APPEARANCE_DIM, (i + 1) * APPEARANCE_DIM);
    return i;
  }

  private grow(): void {
    const n = this.x.length * 2;
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.x = grow64(this.x);
    this.y = grow64(this.y);
    this.conf = grow64(this.conf);
    this.varM2 = grow64(this.varM2);
    const cams = new Uint32Array(n * this.camWords);
    cams.set(this.cams);
    this.cams = cams;
    const app = new Float32Array(n * APPEARANCE_DIM);
    app.set(this.app);
    this.app = app;
    const wrist = new Float64Array(n * WRIST_FLOATS);
    wrist.set(this.wrist);
    this.wrist = wrist;
    const ws = new Uint8Array(n);
    ws.set(this.wristSeen);
    this.wristSeen = ws;
  }
}

/** A calibration prepared for projection: the floor homography and the pixel-to-ray matrix. */
export interface CameraGeometry {
  /** The camera's place in the store's camera list: its member in camera sets (cameraSets.ts). */
  readonly index: number;
  readonly H: Float64Array;
  readonly center: Float64Array;
  /** R^T K^-1, row-major: a pixel [u, v, 1] to a world ray direction. */
  readonly rayFromPixel: Float64Array;
}

/** Prepares a calibration for `projectDetections`. */
export function cameraGeometry(cal: CameraCalibration, index: number): CameraGeometry {
  const R = cal.rotation;
  if (R.length !== 9 || cal.floorFromPixel.length !== 9) throw new Error(`engine: camera ${cal.id}: rotation and floorFromPixel must have 9 entries`);
  // K^-1 [u, v, 1] = [(u - cx) / fx, (v - cy) / fy, 1]; then R^T.
  const m = new Float64Array(9);
  for (let r = 0; r < 3; r++) {
    const a = R[0 * 3 + r]!;
    const b = R[1 * 3 + r]!;
    const c = R[2 * 3 + r]!;
    m[r * 3 + 0] = a / cal.fx;
    m[r * 3 + 1] = b / cal.fy;
    m[r * 3 + 2] = c - (a * cal.cx) / cal.fx - (b * cal.cy) / cal.fy;
  }
  return { index, H: Float64Array.from(cal.floorFromPixel), center: Float64Array.from(cal.positionM), rayFromPixel: m };
}

/** Where the ray through pixel (u, v) meets the horizontal plane z = h; false when it does not (ray going up). */
export function rayToPlane(g: CameraGeometry, u: number, v: number, h: number, out: Float64Array): boolean {
  const m = g.rayFromPixel;
  const dx = m[0]! * u + m[1]! * v + m[2]!;
  const dy = m[3]! * u + m[4]! * v + m[5]!;
  const dz = m[6]! * u + m[7]! * v + m[8]!;
  if (Math.abs(dz) < 1e-12) return false;
  const s = (h - g.center[2]!) / dz;
  if (!(s > 0)) return false;
  out[0] = g.center[0]! + s * dx;
  out[1] = g.center[1]! + s * dy;
  return true;
}

/** Pixel to floor through a homography; false when the point is at or beyond the horizon. */
export function floorFromPixel(H: Float64Array, u: number, v: number, out: Float64Array): boolean {
  const w = H[6]! * u + H[7]! * v + H[8]!;
  if (!(Math.abs(w) > 1e-12)) return false;
  out[0] = (H[0]! * u + H[1]! * v + H[2]!) / w;
  out[1] = (H[3]! * u + H[4]! * v + H[5]!) / w;
  return true;
}

/** Thresholds `projectDetections` uses. */
export interface ProjectionConfig {
  readonly footVisibilityMin: number;
  readonly headVisibilityMin: number;
  readonly headHeightM: number;
  readonly lowConfidence: number;
  /** Standard deviation of a floor point from the feet, metres (the feet's spread about the body near the camera). */
  readonly footSigmaM: number;
  /** Foot keypoint error as a fraction of the box height, pixels per pixel: carried through the homography, it grows with distance. */
  readonly footPixelSigmaFrac: number;
  /** Spread of head heights around headHeightM, metres (it scales the head ray's floor error with distance). */
  readonly headHeightSigmaM: number;
  /** Standard deviation of a floor point from the box bottom, metres (feet hidden, head unseen: a guess). */
  readonly boxSigmaM: number;
  /** A wrist keypoint counts when seen at least this much, 0..1. */
  readonly wristVisibilityMin: number;
}

const K = KEYPOINTS.length;
const HEAD = KEYPOINTS.indexOf('head');
const LFOOT = KEYPOINTS.indexOf('leftFoot');
const RFOOT = KEYPOINTS.indexOf('rightFoot');
const LWRIST = KEYPOINTS.indexOf('leftWrist');
const pt = new Float64Array(2);
const pt2 = new Float64Array(2);
const pt3 = new Float64Array(2);

/**
 * Appends each detection of a frame as a floor point: the feet through the floor homography when
 * seen; else the head's ray at head height (a person behind a shelf); else the box's bottom centre.
 * Detections below `lowConfidence` or that do not reach the floor are skipped.
 */
export function projectDetections(frame: CameraDetectionsFrame, g: CameraGeometry, cfg: ProjectionConfig, out: FloorDetections): void {
  const { boxes, keypoints, appearance } = frame;
  for (let i = 0; i < frame.count; i++) {
    const conf = boxes[i * 5 + 4]!;
    if (conf < cfg.lowConfidence) continue;
    const kp = i * K * 3;
    const lv = keypoints[kp + LFOOT * 3 + 2]!;
    const rv = keypoints[kp + RFOOT * 3 + 2]!;
    let ok = false;
    let varM2 = cfg.footSigmaM * cfg.footSigmaM;
    if (lv >= cfg.footVisibilityMin || rv >= cfg.footVisibilityMin) {
      let u = 0;
      let v = 0;
      let n = 0;
      if (lv >= cfg.footVisibilityMin) {
        u += keypoints[kp + LFOOT * 3]!;
        v += keypoints[kp + LFOOT * 3 + 1]!;
        n++;
      }
      if (rv >= cfg.footVisibilityMin) {
        u += keypoints[kp + RFOOT * 3]!;
        v += keypoints[kp + RFOOT * 3 + 1]!;
        n++;
      }
      u /= n;
      v /= n;
      ok = floorFromPixel(g.H, u, v, pt);
      // A foot keypoint misses by a share of the person's image height; through the homography that
      // becomes metres growing with the square of the distance (a far person's feet are vague). Floor
      // variance is one number per row, so it takes the larger of the along- and across-view errors.
      const px = (cfg.footPixelSigmaFrac * boxes[i * 5 + 3]!) / Math.sqrt(n);
      if (ok && px > 0 && floorFromPixel(g.H, u, v + px, pt2) && floorFromPixel(g.H, u + px, v, pt3)) {
        const along = (pt2[0]! - pt[0]!) ** 2 + (pt2[1]! - pt[1]!) ** 2;
        const across = (pt3[0]! - pt[0]!) ** 2 + (pt3[1]! - pt[1]!) ** 2;
        varM2 += Math.max(along, across);
      }
    }
    if (!ok && keypoints[kp + HEAD * 3 + 2]! >= cfg.headVisibilityMin) {
      ok = rayToPlane(g, keypoints[kp + HEAD * 3]!, keypoints[kp + HEAD * 3 + 1]!, cfg.headHeightM, pt);
      // A head-height error moves the floor point by (horizontal distance / drop below the camera) times it.
      const slope = Math.hypot(pt[0]! - g.center[0]!, pt[1]! - g.center[1]!) / Math.max(0.3, g.center[2]! - cfg.headHeightM);
      const sd = Math.hypot(cfg.footSigmaM, cfg.headHeightSigmaM * slope);
      varM2 = sd * sd;
    }
    if (!ok) {
      ok = floorFromPixel(g.H, boxes[i * 5]! + boxes[i * 5 + 2]! / 2, boxes[i * 5 + 1]! + boxes[i * 5 + 3]!, pt);
      varM2 = cfg.boxSigmaM * cfg.boxSigmaM;
    }
    if (!ok || !Number.isFinite(pt[0]! + pt[1]!)) continue;
    const row = out.push(pt[0]!, pt[1]!, conf, g.index, varM2);
    const a = row * APPEARANCE_DIM;
    for (let d = 0; d < APPEARANCE_DIM; d++) out.app[a + d] = appearance[i * APPEARANCE_DIM + d]!;
    // Wrists as rays from the camera: where along the ray the hand is, the shelf's slot will tell.
    let seen = 0;
    for (let h = 0; h < 2; h++) {
      const k = kp + (LWRIST + h) * 3;
      if (keypoints[k + 2]! < cfg.wristVisibilityMin) continue;
      if (wristRay(g, keypoints[k]!, keypoints[k + 1]!, out.wrist, row * WRIST_FLOATS + h * 6)) seen |= 1 << h;
    }
    out.wristSeen[row] = seen;
  }
}

/** The unit ray from the camera through pixel (u, v), written at `o` (origin xyz, direction xyz); false when degenerate. */
function wristRay(g: CameraGeometry, u: number, v: number, out: Float64Array, o: number): boolean {
  const m = g.rayFromPixel;
  const dx = m[0]! * u + m[1]! * v + m[2]!;
  const dy = m[3]! * u + m[4]! * v + m[5]!;
  const dz = m[6]! * u + m[7]! * v + m[8]!;
  const n = Math.sqrt(dx * dx + dy * dy + dz * dz);
  if (!(n > 1e-12)) return false;
  out[o] = g.center[0]!;
  out[o + 1] = g.center[1]!;
  out[o + 2] = g.center[2]!;
  out[o + 3] = dx / n;
  out[o + 4] = dy / n;
  out[o + 5] = dz / n;
  return true;
}

/**
 * Fuses detections of one instant across cameras: greedily, sharpest first (confidence over
 * variance), a detection joins the nearest cluster that has no detection from its camera yet and
 * lies within `radiusM` widened by two of the detection's standard deviations (capped at `maxRadiusM`).
 * Positions and appearance are confidence-and-inverse-variance weighted means; a cluster's variance
 * is the combined variance of its members; its confidence the highest.
 */
export function fuseDetections(src: FloorDetections, radiusM: number, maxRadiusM: number, order: Int32Array, out: FloorDetections): void {
  const words = src.camWords;
  if (out.camWords !== words) throw new Error(`engine: fuseDetections: camera sets of ${src.camWords} and ${out.camWords} words (both buffers must be sized for one store)`);
  out.clear();
  const n = src.count;
  for (let i = 0; i < n; i++) order[i] = i;
  const key = (i: number) => src.conf[i]! / src.varM2[i]!;
  // Insertion sort, sharpest first, ties by index: deterministic, and n is small.
  for (let i = 1; i < n; i++) {
    const k = order[i]!;
    const kk = key(k);
    let j = i - 1;
    while (j >= 0 && key(order[j]!) < kk) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = k;
  }
  const weight = scratchWeight(n);
  const maxConf = scratchMax(n);
  const info = scratchInfo(n);
  for (let oi = 0; oi < n; oi++) {
    const i = order[oi]!;
    const x = src.x[i]!;
    const y = src.y[i]!;
    const c = src.conf[i]!;
    const v = src.varM2[i]!;
    const r = Math.min(maxRadiusM, radiusM + 2 * Math.sqrt(v));
    let best = -1;
    let bestD = r * r;
    for (let k = 0; k < out.count; k++) {
      if (camsIntersect(out.cams, k, src.cams, i, words)) continue;
      const cx = out.x[k]! / weight[k]!;
      const cy = out.y[k]! / weight[k]!;
      const d = (cx - x) * (cx - x) + (cy - y) * (cy - y);
      if (d <= bestD) {
        bestD = d;
        best = k;
      }
    }
    if (best < 0) {
      best = out.push(0, 0, 0, -1, 0);
      weight[best] = 0;
      maxConf[best] = 0;
      info[best] = 0;
    }
    const w = c / v;
    out.x[best] = out.x[best]! + w * x;
    out.y[best] = out.y[best]! + w * y;
    camsUnionInto(out.cams, best, src.cams, i, words);
    weight[best] = weight[best]! + w;
    info[best] = info[best]! + 1 / v;
    if (c > maxConf[best]!) maxConf[best] = c;
    const a = best * APPEARANCE_DIM;
    const b = i * APPEARANCE_DIM;
    for (let d = 0; d < APPEARANCE_DIM; d++) out.app[a + d] = out.app[a + d]! + c * src.app[b + d]!;
  }
  for (let k = 0; k < out.count; k++) {
    out.x[k] = out.x[k]! / weight[k]!;
    out.y[k] = out.y[k]! / weight[k]!;
    out.conf[k] = maxConf[k]!;
    out.varM2[k] = 1 / info[k]!;
    normalizeRow(out.app, k * APPEARANCE_DIM);
  }
}

/** Scales a row of APPEARANCE_DIM to unit length (left as is when zero). */
export function normalizeRow(a: Float32Array, offset: number): void {
  let s = 0;
  for (let d = 0; d < APPEARANCE_DIM; d++) s += a[offset + d]! * a[offset + d]!;
  if (s <= 0) return;
  const inv = 1 / Math.sqrt(s);
  for (let d = 0; d < APPEARANCE_DIM; d++) a[offset + d] = a[offset + d]! * inv;
}

let weightBuf = new Float64Array(64);
let maxBuf = new Float64Array(64);
let infoBuf = new Float64Array(64);
function scratchInfo(n: number): Float64Array {
  if (infoBuf.length < n) infoBuf = new Float64Array(n * 2);
  return infoBuf;
}
function scratchWeight(n: number): Float64Array {
  if (weightBuf.length < n) weightBuf = new Float64Array(n * 2);
  return weightBuf;
}
function scratchMax(n: number): Float64Array {
  if (maxBuf.length < n) maxBuf = new Float64Array(n * 2);
  return maxBuf;
}
