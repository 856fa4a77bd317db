import { APPEARANCE_DIM, KEYPOINTS } from '../../../engine/api.ts';
import type { Scenario } from '../../scenario/Scenario.ts';
import type { Bodies } from './Bodies.ts';
import { CC, DET, DET_KP } from './CameraScratch.ts';
import { LOOK_FLOATS } from './Bodies.ts';
import { BODY } from './BodyModel.ts';
import type { CameraModel } from './CameraModel.ts';
import type { FastRng } from './FastRng.ts';
import type { NoiseTable } from './NoiseTable.ts';
import type { PeopleRaster } from './PeopleRaster.ts';
import type { SightGrid } from './SightGrid.ts';

/** The detection model's parameters, as the scenario gives them (`sensors.detection`). */
export type DetectionParams = Scenario['sensors']['detection'];

/** Floats per detection in each packed array. */
export const BOX_FLOATS = 5;
export const KP_FLOATS = KEYPOINTS.length * 3;
const DIM = APPEARANCE_DIM;

/** Where a detection's values sit in its noise-table window. */
const NZ_BOX = 0; // left, top, width, height
const NZ_CONF = 4;
const NZ_KP = 5; // u, v per keypoint
const NZ_APP = NZ_KP + 2 * KEYPOINTS.length;

/** Where a spurious detection's keypoints sit in its box (fractions of width, height), in KEYPOINTS order. */
const FP_KEYPOINTS = [0.5, 0.08, 0.35, 0.98, 0.65, 0.98, 0.2, 0.5, 0.8, 0.5] as const;

/**
 * Writes one camera's decided detections into the frame's packed arrays: the jittered visible
 * box and confidence, the five keypoints (projected and noised; seen when in the frame and above
 * the fixtures' sight line, head and feet by the share of the body's width across them that no
 * nearer person painted, wrists unless behind the person's own torso or in a painted cell), and the appearance
 * descriptor, all from the detection's one window of the camera's NoiseTable. Also the spurious
 * detections. Allocates nothing.
 */
export class DetectionWriter {
  /** Camera coordinates (X, Y, Z) and static visibility of the keypoints of the detection in hand, KEYPOINTS order. */
  private readonly kpCam = new Float64Array(KEYPOINTS.length * 4);
  /** World to camera: R row-major (9), then t = -R C (3). */
  private readonly pose: Float64Array;

  constructor(
    private readonly model: CameraModel,
    private readonly params: DetectionParams,
    private readonly noise: NoiseTable,
    private readonly grid: SightGrid,
    private readonly raster: PeopleRaster,
  ) {
    const R = model.rotation;
    const [px, py, pz] = model.positionM;
    this.pose = new Float64Array(12);
    for (let k = 0; k < 9; k++) this.pose[k] = R[k]!;
    for (let r = 0; r < 3; r++) this.pose[9 + r] = -(R[3 * r]! * px + R[3 * r + 1]! * py + R[3 * r + 2]! * pz);
  }

  /**
   * Decides where detection r's keypoints are and how well each shows, into its DET floats: the
   * person is candidate s (cand, cc), the fixtures' sight line at their floor point is minZ. Call
   * it before painting the person, so the raster holds exactly the nearer people.
   */
  locate(b: Bodies, cand: Int32Array, cc: Float64Array, s: number, minZ: number, det: Float64Array, r: number): void {
    const m = this.model;
    const i = cand[s]!;
    const oc = s * CC;
    const X0 = cc[oc]!;
    const Y0 = cc[oc + 1]!;
    const Z0 = cc[oc + 2]!;
    const h = b.heightM[i]!;
    const P = this.pose;
    const hx = b.cosHeading[i]!;
    const hy = b.sinHeading[i]!;
    // Camera coordinates of each keypoint, and whether fixtures leave it in sight, into kpCam;
    // then one loop projects them (a helper taking floats as arguments boxes them).
    const kc = this.kpCam;
    // Head: on the body axis (camera coordinates are linear in height).
    const fh = (h - BODY.headBelowTopM) / h;
    kc[0] = X0 + (cc[oc + 3]! - X0) * fh;
    kc[1] = Y0 + (cc[oc + 4]! - Y0) * fh;
    kc[2] = Z0 + (cc[oc + 5]! - Z0) * fh;
    kc[3] = minZ <= h - BODY.headBelowTopM ? 1 : 0;
    // Feet: either side of the axis (left of the heading is (-hy, hx)).
    const side = BODY.footSideM * b.build[i]!;
    const fdx = -hy * side;
    const fdy = hx * side;
    const oX = P[0]! * fdx + P[1]! * fdy;
    const oY = P[3]! * fdx + P[4]! * fdy;
    const oZ = P[6]! * fdx + P[7]! * fdy;
    const feet = minZ <= BODY.feetClearM ? 1 : 0;
    kc[4] = X0 + oX;
    kc[5] = Y0 + oY;
    kc[6] = Z0 + oZ;
    kc[7] = feet;
    kc[8] = X0 - oX;
    kc[9] = Y0 - oY;
    kc[10] = Z0 - oZ;
    kc[11] = feet;
    const hands = b.hands;
    const grid = this.grid;
    for (let hand = 0, hb = i * 6, at = 12; hand < 2; hand++, hb += 3, at += 4) {
      const wx = hands[hb]!;
      const wy = hands[hb + 1]!;
      const wz = hands[hb + 2]!;
      kc[at] = P[0]! * wx + P[1]! * wy + P[2]! * wz + P[9]!;
      kc[at + 1] = P[3]! * wx + P[4]! * wy + P[5]! * wz + P[10]!;
      kc[at + 2] = P[6]! * wx + P[7]! * wy + P[8]! * wz + P[11]!;
      kc[at + 3] = wz >= grid.minZAt(wx, wy) ? 1 : 0;
    }
    // Projected; seen when in the frame, in the fixtures' sight and in no raster cell a nearer
    // person painted.
    const R = this.raster;
    const lastR = R.rows - 1;
    const pv = R.perPxV;
    const fx = m.fx;
    const fy = m.fy;
    const cx = m.cx;
    const cy = m.cy;
    const W = m.widthPx;
    const H = m.heightPx;
    // Half the body's width at depth 1 m, pixels.
    const halfW1 = fx * BODY.halfWidthM * b.build[i]!;
    // The feet's share is measured across the body axis's foot point, as one body-wide part.
    const uAxis = cc[oc + 6]!;
    const ko = r * DET + DET_KP;
    for (let k = 0; k < KEYPOINTS.length; k++) {
      const at = ko + 3 * k;
      const Z = kc[4 * k + 2]!;
      if (Z < BODY.nearM) {
        det[at] = 0;
        det[at + 1] = 0;
        det[at + 2] = -1;
        continue;
      }
      const u = (fx * kc[4 * k]!) / Z + cx;
      const v = (fy * kc[4 * k + 1]!) / Z + cy;
      let seen = 0;
      if (kc[4 * k + 3]! > 0 && u >= 0 && v >= 0 && u <= W && v <= H) {
        if (k >= 3) {
          // A wrist is a point: seen unless behind the person's own torso or in a cell a nearer
          // person painted.
          seen = this.behindTorso(b, i, k - 3) || R.painted(u, v) ? 0 : 1;
        } else {
          // Head and feet are body-wide: the share of the body's width across them (at the body
          // axis) that is in the frame and in no cell a nearer person painted, kept from
          // BODY.keypointSeenAt up. A point test flips as a 30 px cell edge crosses the point,
          // which switched the engine's floor point between feet and head ray every few frames.
          const ua = k === 0 ? u : uAxis;
          const half = halfW1 / Z;
          const a = ua - half;
          const e = ua + half;
          const l = a > 0 ? a : 0;
          const rr = e < W ? e : W;
          const cj = Math.floor(v * pv);
          const share = rr > l ? R.unpainted(cj < lastR ? cj : lastR, l, rr) / (e - a) : 0;
          seen = share >= BODY.keypointSeenAt ? share : 0;
        }
      }
      det[at] = u;
      det[at + 1] = v;
      det[at + 2] = seen;
    }
  }

  /**
   * Whether person i's wrist (0 left, 1 right) is hidden by their own torso, a vertical cylinder on
   * the body axis: the sight line, on its way to the wrist, passes the axis (on the floor plan)
   * within the torso's radius at torso height. The far hand seen from the side, a reaching hand
   * seen from behind; over the shoulder or below the hips, not.
   */
  private behindTorso(b: Bodies, i: number, hand: number): boolean {
    const c = this.model.positionM;
    const hb = i * 6 + hand * 3;
    const dx = b.hands[hb]! - c[0];
    const dy = b.hands[hb + 1]! - c[1];
    const ax = b.x[i]! - c[0];
    const ay = b.y[i]! - c[1];
    const dot = ax * dx + ay * dy;
    const len2 = dx * dx + dy * dy;
    if (!(dot > 0 && dot < len2)) return false;
    const t = dot / len2;
    const ex = ax - t * dx;
    const ey = ay - t * dy;
    const rT = BODY.torsoRadiusM * b.build[i]!;
    if (ex * ex + ey * ey >= rT * rT) return false;
    const zl = c[2] + (b.hands[hb + 2]! - c[2]) * t;
    const h = b.heightM[i]!;
    return zl >= BODY.torsoBottom * h && zl <= BODY.torsoTop * h;
  }

  /** Writes detection r (as decided in det; candidates in cand) into row r of the frame's boxes, keypoints and appearance. */
  write(b: Bodies, cand: Int32Array, det: Float64Array, r: number, out: Float32Array, kpOut: Float32Array, appOut: Float32Array): void {
    const p = this.params;
    const m = this.model;
    const N = this.noise.values;
    const d = r * DET;
    const pDetect = det[d + 1]!;
    const heightPx = det[d + 2]!;
    const left = det[d + 3]!;
    const top = det[d + 4]!;
    const w = det[d + 5]! - left;
    const bh = det[d + 6]! - top;
    const n0 = det[d + 7]!;
    const j = p.boxJitter;
    const o5 = r * BOX_FLOATS;
    const w2 = w * (1 + j * N[n0 + NZ_BOX + 2]!);
    const h2 = bh * (1 + j * N[n0 + NZ_BOX + 3]!);
    const conf = pDetect + p.confidenceSigma * N[n0 + NZ_CONF]!;
    out[o5] = left + j * w * N[n0 + NZ_BOX]!;
    out[o5 + 1] = top + j * bh * N[n0 + NZ_BOX + 1]!;
    out[o5 + 2] = w2 > 1 ? w2 : 1;
    out[o5 + 3] = h2 > 1 ? h2 : 1;
    out[o5 + 4] = conf > 1 ? 1 : conf < 0.01 ? 0.01 : conf;

    const kSd = p.keypointSigma * heightPx;
    const ko = r * KP_FLOATS;
    const kd = d + DET_KP;
    for (let k = 0; k < KEYPOINTS.length; k++) {
      const at = ko + 3 * k;
      const seen = det[kd + 3 * k + 2]!;
      if (seen < 0) {
        // Not imaged (behind the lens): no position to report.
        kpOut[at] = 0;
        kpOut[at + 1] = 0;
        kpOut[at + 2] = 0;
        continue;
      }
      const n = n0 + NZ_KP + 2 * k;
      kpOut[at] = det[kd + 3 * k]! + kSd * N[n]!;
      kpOut[at + 1] = det[kd + 3 * k + 1]! + kSd * N[n + 1]!;
      kpOut[at + 2] = seen;
    }

    const i = cand[det[d]!]!;
    const hx = b.cosHeading[i]!;
    const hy = b.sinHeading[i]!;
    // View-dependent look: front offset when the person faces the camera, back offset when they face away.
    const dx = m.positionM[0] - b.x[i]!;
    const dy = m.positionM[1] - b.y[i]!;
    const cosView = (hx * dx + hy * dy) / (Math.sqrt(dx * dx + dy * dy) || 1);
    const wFront = p.appearanceViewSigma * ((1 + cosView) / 2);
    const wBack = p.appearanceViewSigma - wFront;
    const looks = b.looks;
    const lr = b.lookRow[i]! * LOOK_FLOATS;
    const frameSd = p.appearanceFrameSigma / Math.sqrt(DIM);
    const na = n0 + NZ_APP;
    const ao = r * DIM;
    let norm = 0;
    for (let k = 0; k < DIM; k++) {
      const v = looks[lr + k]! + wFront * looks[lr + DIM + k]! + wBack * looks[lr + 2 * DIM + k]! + frameSd * N[na + k]!;
      appOut[ao + k] = v;
      norm += v * v;
    }
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (let k = 0; k < DIM; k++) appOut[ao + k] = appOut[ao + k]! * inv;
  }

  /** Writes a spurious detection at `row` of the frame's arrays: anywhere in the frame, person-shaped, low confidence, random look. */
  spurious(rng: FastRng, row: number, out: Float32Array, kpOut: Float32Array, appOut: Float32Array): void {
    const W = this.model.widthPx;
    const H = this.model.heightPx;
    const bh = 40 + rng.uniform() * 260;
    const bw = 0.4 * bh;
    const l = rng.uniform() * Math.max(1, W - bw);
    const t = rng.uniform() * Math.max(1, H - bh);
    const o5 = row * BOX_FLOATS;
    out[o5] = l;
    out[o5 + 1] = t;
    out[o5 + 2] = bw;
    out[o5 + 3] = bh;
    out[o5 + 4] = 0.05 + 0.4 * rng.uniform();
    const ko = row * KP_FLOATS;
    for (let k = 0; k < KEYPOINTS.length; k++) {
      kpOut[ko + 3 * k] = l + FP_KEYPOINTS[2 * k]! * bw;
      kpOut[ko + 3 * k + 1] = t + FP_KEYPOINTS[2 * k + 1]! * bh;
      kpOut[ko + 3 * k + 2] = 0.3;
    }
    const N = this.noise.values;
    const n0 = this.noise.start(rng);
    const ao = row * DIM;
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += N[n0 + d]! * N[n0 + d]!;
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (let d = 0; d < DIM; d++) appOut[ao + d] = N[n0 + d]! * inv;
  }
}
