import type { CameraDetectionsFrame } from '../../../engine/api.ts';
import { APPEARANCE_DIM, KEYPOINTS } from '../../../engine/api.ts';
import type { Scenario } from '../../scenario/Scenario.ts';
import type { Bodies } from './Bodies.ts';
import { LOOK_FLOATS } from './Bodies.ts';
import type { CameraModel } from './CameraModel.ts';
import type { FastRng } from './FastRng.ts';
import { NoiseTable } from './NoiseTable.ts';
import type { OcclusionGrid } from './OcclusionGrid.ts';

/** The detection model's parameters, as the scenario gives them (`sensors.detection`). */
export type DetectionParams = Scenario['sensors']['detection'];

/** Body geometry and sampling of the camera model; anthropometric ratios of stature and build. */
export const BODY = {
  /** Vertical slices a body is cut into for visibility: 8 resolves "head and shoulders over a shelf". */
  slices: 8,
  /** Half shoulder width at build 1, metres (adult biacromial breadth about 0.4 m, plus arms). */
  halfWidthM: 0.23,
  /** Head keypoint below the top of the head, metres (the centre of the head). */
  headBelowTopM: 0.12,
  /** Feet to either side of the body axis at build 1, metres. */
  footSideM: 0.1,
  /** A person nearer than this to the camera plane is not imaged (behind or inside the lens), metres. */
  nearM: 0.2,
  /** An occluder hides only the middle of its box: people are narrower than their boxes at head and legs. */
  occluderCore: 0.7,
  /** A slice, head or foot counts as seen when at least this much of it is visible. */
  seenAt: 0.5,
} as const;

/** Where a spurious detection's keypoints sit in its box (fractions of width, height), in KEYPOINTS order. */
const FP_KEYPOINTS = [0.5, 0.08, 0.35, 0.98, 0.65, 0.98, 0.2, 0.5, 0.8, 0.5] as const;

/** Floats per detection in each packed array. */
const BOX = 5;
const KP = KEYPOINTS.length * 3;
const DIM = APPEARANCE_DIM;

/** What the kernel computed for one person in the latest frame (for tests and coverage). */
export interface SeenPerson {
  /** Shopper id. */
  readonly id: number;
  /** Fraction of the body visible, 0..1 (fixtures, nearer people, frame edges). */
  readonly visible: number;
  /** Height of the whole (amodal) body in the image, pixels. */
  readonly heightPx: number;
  readonly detected: boolean;
}

/** Floats per candidate in the cull's scratch: camera coordinates of foot and head top (6), their pixels (4). */
const CC = 10;

/** Where a detection's values sit in its noise-table window. */
const NZ_BOX = 0; // left, top, width, height
const NZ_CONF = 4;
const NZ_KP = 5; // u, v per keypoint
const NZ_APP = NZ_KP + 2 * KEYPOINTS.length;

/**
 * One camera at the `detections` fidelity: projects every body through the pinhole, works out
 * how much of it shows past fixtures (precomputed OcclusionGrid), nearer people (depth order)
 * and the frame edges, then draws detections through the noise model. Stateful only in its own
 * random stream, its noise table and scratch buffers; no allocation per person.
 *
 * Cost: a body is culled with two dot products (behind the camera) and one projection of its
 * foot and head (outside the frame); a body wholly in frame projects only the slice edges its
 * box needs; a detection takes two 32-bit draws (detected or not, where its noise window
 * starts) and reads its 31 normal deviates consecutively from the camera's NoiseTable.
 */
export class DetectionCamera {
  /** Keep per-person results of the latest frame (tests read them; off in runs). */
  keepSeen = false;
  readonly seen: SeenPerson[] = [];
  private cand = new Int32Array(64);
  private candDepth = new Float64Array(64);
  /** Per candidate, camera coordinates of the foot point and of the top of the head (X0, Y0, Z0, X1, Y1, Z1), then their pixels (u0, v0, u1, v1). */
  private candCam = new Float64Array(64 * CC);
  /** Candidates in depth order (indices into cand). */
  private order = new Int32Array(64);
  /** Boxes (left, top, right, bottom) of the people seen so far this frame, nearest first: what hides those further away. */
  private occ = new Float64Array(64 * 4);
  private nOcc = 0;
  /** Offsets in occ of the nearer people overlapping the body in hand. */
  private hits = new Int32Array(64);
  private nHit = 0;
  private boxes = new Float32Array(64 * BOX);
  private kps = new Float32Array(64 * KP);
  private app = new Float32Array(64 * DIM);
  private readonly eu = new Float64Array(BODY.slices + 1);
  private readonly ev = new Float64Array(BODY.slices + 1);
  private readonly sliceVis = new Float64Array(BODY.slices);
  private readonly hidden = new Float64Array(BODY.slices);
  /** The visible box of the body in hand (see()): left, top, right, bottom, pixels. */
  private readonly box = new Float64Array(4);
  private readonly noise: NoiseTable;
  /** World to camera: R row-major (9), then t = -R C (3). */
  private readonly pose: Float64Array;
  /** exp(-mean) of the spurious detections per frame (Knuth's Poisson draw compares against it). */
  private readonly fpLimit: number;

  constructor(
    readonly model: CameraModel,
    readonly grid: OcclusionGrid,
    readonly params: DetectionParams,
    private readonly rng: FastRng,
  ) {
    this.noise = new NoiseTable(rng);
    const R = model.rotation;
    const [px, py, pz] = model.positionM;
    this.pose = new Float64Array(12);
    for (let k = 0; k < 9; k++) this.pose[k] = R[k]!;
    for (let r = 0; r < 3; r++) this.pose[9 + r] = -(R[3 * r]! * px + R[3 * r + 1]! * py + R[3 * r + 2]! * pz);
    this.fpLimit = Math.exp(-params.falsePositivesPerFrame);
  }

  /** The frame this camera captures of `bodies` at time tS, numbered `frame`. */
  sample(b: Bodies, tS: number, frame: number): CameraDetectionsFrame {
    const p = this.params;
    const rng = this.rng;
    if (b.n > this.cand.length) this.growPeople(b.n * 2);
    if (this.keepSeen) this.seen.length = 0;
    const nC = this.cull(b);
    // Nearest first, so each person is tested against those in front of them (insertion sort: small n).
    const ord = this.order;
    const depth = this.candDepth;
    for (let a = 0; a < nC; a++) {
      const d = depth[a]!;
      let k = a - 1;
      while (k >= 0 && depth[ord[k]!]! > d) {
        ord[k + 1] = ord[k]!;
        k--;
      }
      ord[k + 1] = a;
    }
    let fp = 0;
    if (p.falsePositivesPerFrame > 0) {
      // Knuth's method (means here are small).
      let q = rng.uniform();
      while (q > this.fpLimit) {
        fp++;
        q *= rng.uniform();
      }
    }
    if (nC + fp > this.boxes.length / BOX) this.growOut((nC + fp) * 2);

    const visSpan = Math.max(1e-9, p.fullVisibleFraction - p.minVisibleFraction);
    const sizeSpan = Math.max(1e-9, p.fullHeightPx - p.minHeightPx);
    const occ = this.occ;
    const box = this.box;
    let nOut = 0;
    this.nOcc = 0;
    for (let c = 0; c < nC; c++) {
      const s = ord[c]!;
      const i = this.cand[s]!;
      const visible = this.see(b, s);
      const oc = s * CC;
      const heightPx = Math.abs(this.candCam[oc + 7]! - this.candCam[oc + 9]!);
      if (visible <= 0) {
        if (this.keepSeen) this.seen.push({ id: b.id[i]!, visible, heightPx, detected: false });
        continue;
      }
      // This person now hides the middle of their visible box from everyone further away.
      const ob = this.nOcc * 4;
      const shrink = ((1 - BODY.occluderCore) / 2) * (box[2]! - box[0]!);
      occ[ob] = box[0]! + shrink;
      occ[ob + 1] = box[1]!;
      occ[ob + 2] = box[2]! - shrink;
      occ[ob + 3] = box[3]!;
      this.nOcc++;
      // Detection probability: falls with occlusion and with small size in the image.
      const pVis = Math.min(1, Math.max(0, (visible - p.minVisibleFraction) / visSpan));
      const pSize = Math.min(1, Math.max(0, (heightPx - p.minHeightPx) / sizeSpan));
      const pDetect = p.pDetectMax * pVis * pSize;
      const detected = pDetect > 0 && rng.uniform() < pDetect;
      if (this.keepSeen) this.seen.push({ id: b.id[i]!, visible, heightPx, detected });
      if (!detected) continue;
      this.emit(b, s, nOut++, pDetect, heightPx);
    }
    for (let f = 0; f < fp; f++) this.spurious(nOut++);

    // One buffer per frame holds all three arrays: one allocation, one transferable.
    const nb = nOut * BOX;
    const nk = nOut * KP;
    const all = new Float32Array(nb + nk + nOut * DIM);
    all.set(this.boxes.subarray(0, nb), 0);
    all.set(this.kps.subarray(0, nk), nb);
    all.set(this.app.subarray(0, nOut * DIM), nb + nk);
    const boxes = all.subarray(0, nb);
    const keypoints = all.subarray(nb, nb + nk);
    const appearance = all.subarray(nb + nk);
    return { kind: 'camera-detections', sensorId: this.model.id, frame, t: tS, count: nOut, boxes, keypoints, appearance };
  }

  /**
   * Who is in front of the camera (two dot products) and inside the frame at all: fills the
   * candidates' camera coordinates and pixels of foot and head top, and their depth; returns how many.
   */
  private cull(b: Bodies): number {
    const m = this.model;
    const W = m.widthPx;
    const H = m.heightPx;
    const fx = m.fx;
    const fy = m.fy;
    const cx = m.cx;
    const cy = m.cy;
    const P = this.pose;
    const r0 = P[0]!; const r1 = P[1]!; const r2 = P[2]!;
    const r3 = P[3]!; const r4 = P[4]!; const r5 = P[5]!;
    const r6 = P[6]!; const r7 = P[7]!; const r8 = P[8]!;
    const t0 = P[9]!; const t1 = P[10]!; const t2 = P[11]!;
    const near = BODY.nearM;
    const bx = b.x;
    const by = b.y;
    const bh = b.heightM;
    const cand = this.cand;
    const candDepth = this.candDepth;
    const cc = this.candCam;
    const halfWPx = fx * BODY.halfWidthM;
    let nC = 0;
    for (let i = 0; i < b.n; i++) {
      const x = bx[i]!;
      const y = by[i]!;
      const h = bh[i]!;
      const Z0 = r6 * x + r7 * y + t2;
      const Z1 = Z0 + r8 * h;
      if (Z0 < near || Z1 < near) continue;
      const X0 = r0 * x + r1 * y + t0;
      const Y0 = r3 * x + r4 * y + t1;
      const X1 = X0 + r2 * h;
      const Y1 = Y0 + r5 * h;
      const u0 = (fx * X0) / Z0 + cx;
      const v0 = (fy * Y0) / Z0 + cy;
      const u1 = (fx * X1) / Z1 + cx;
      const v1 = (fy * Y1) / Z1 + cy;
      const hw = (halfWPx * b.build[i]!) / (Z0 < Z1 ? Z0 : Z1);
      if ((u0 > u1 ? u0 : u1) + hw < 0 || (u0 < u1 ? u0 : u1) - hw > W || (v0 > v1 ? v0 : v1) < 0 || (v0 < v1 ? v0 : v1) > H) continue;
      cand[nC] = i;
      candDepth[nC] = (Z0 + Z1) / 2;
      const oc = nC * CC;
      cc[oc] = X0; cc[oc + 1] = Y0; cc[oc + 2] = Z0;
      cc[oc + 3] = X1; cc[oc + 4] = Y1; cc[oc + 5] = Z1;
      cc[oc + 6] = u0; cc[oc + 7] = v0; cc[oc + 8] = u1; cc[oc + 9] = v1;
      nC++;
    }
    return nC;
  }

  /**
   * How much of candidate s shows (0..1), slice by slice: fixtures (height-aware, from the grid),
   * the nearer people seen so far (their boxes in occ; those overlapping are left in hits), and
   * the frame edges. The slices seen (> 0.3) make the visible box, left in `box`. The image of a
   * standing body is monotonic along it, so that box spans the first and last seen slices' edges:
   * a body wholly in frame projects only those, not every slice edge.
   */
  private see(b: Bodies, s: number): number {
    const m = this.model;
    const W = m.widthPx;
    const H = m.heightPx;
    const K = BODY.slices;
    const eu = this.eu;
    const ev = this.ev;
    const sv = this.sliceVis;
    const hid = this.hidden;
    const occ = this.occ;
    const hits = this.hits;
    const cc = this.candCam;
    const i = this.cand[s]!;
    const h = b.heightM[i]!;
    const oc = s * CC;
    const eu0 = cc[oc + 6]!;
    const ev0 = cc[oc + 7]!;
    const euK = cc[oc + 8]!;
    const evK = cc[oc + 9]!;
    const minZ = this.grid.minZAt(b.x[i]!, b.y[i]!);
    // Wholly behind fixtures or a wall (a fifth of candidates in an aisled store): nothing shows.
    if (minZ >= h) return 0;
    const hw = (m.fx * BODY.halfWidthM * b.build[i]!) / this.candDepth[s]!;
    const inv2hw = 1 / (2 * hw);
    const aL = (eu0 < euK ? eu0 : euK) - hw;
    const aR = (eu0 > euK ? eu0 : euK) + hw;
    const aT = ev0 < evK ? ev0 : evK;
    const aB = ev0 > evK ? ev0 : evK;
    // Only nearer people whose boxes overlap this body's can hide any of it.
    let nHit = 0;
    for (let ob = 0; ob < this.nOcc * 4; ob += 4) {
      if (occ[ob]! < aR && occ[ob + 2]! > aL && occ[ob + 1]! < aB && occ[ob + 3]! > aT) hits[nHit++] = ob;
    }
    this.nHit = nHit;
    // Each hides the slices its box spans vertically, by its horizontal overlap with the body's
    // middle (v runs linearly enough along a standing body to index slices).
    for (let k = 0; k < K; k++) hid[k] = 0;
    const um = (eu0 + euK) / 2;
    const vSpan = evK - ev0;
    for (let o = 0; o < nHit; o++) {
      const ob = hits[o]!;
      const r = um + hw < occ[ob + 2]! ? um + hw : occ[ob + 2]!;
      const l = um - hw > occ[ob]! ? um - hw : occ[ob]!;
      if (r <= l || vSpan === 0) continue;
      const ov = (r - l) * inv2hw;
      const f1 = (occ[ob + 1]! - ev0) / vSpan;
      const f2 = (occ[ob + 3]! - ev0) / vSpan;
      const k0 = Math.max(0, Math.ceil((f1 < f2 ? f1 : f2) * K - 0.5));
      const k1 = Math.min(K - 1, Math.floor((f1 > f2 ? f1 : f2) * K - 0.5));
      for (let k = k0; k <= k1; k++) if (ov > hid[k]!) hid[k] = ov;
    }
    const inFrame = aL >= 0 && aR <= W && aT >= 0 && aB <= H;
    if (!inFrame) {
      eu[0] = eu0;
      ev[0] = ev0;
      for (let k = 1; k < K; k++) this.edge(oc, k);
      eu[K] = euK;
      ev[K] = evK;
    }
    let visSum = 0;
    let kFirst = -1;
    let kLast = -1;
    for (let k = 0; k < K; k++) {
      const z0 = (k / K) * h;
      const z1 = ((k + 1) / K) * h;
      let sk = minZ <= z0 ? 1 : minZ >= z1 ? 0 : (z1 - minZ) / (z1 - z0);
      if (!inFrame && sk > 0) {
        const vc = (ev[k]! + ev[k + 1]!) / 2;
        const uc = (eu[k]! + eu[k + 1]!) / 2;
        if (vc < 0 || vc > H) sk = 0;
        else {
          const r = uc + hw < W ? uc + hw : W;
          const l = uc - hw > 0 ? uc - hw : 0;
          sk *= r > l ? (r - l) * inv2hw : 0;
        }
      }
      sk *= 1 - hid[k]!;
      sv[k] = sk;
      visSum += sk;
      if (sk > 0.3) {
        if (kFirst < 0) kFirst = k;
        kLast = k;
      }
    }
    if (kFirst < 0 || visSum <= 0) return 0;
    if (inFrame) {
      this.edge(oc, kFirst);
      this.edge(oc, kFirst + 1);
      if (kLast > kFirst) {
        this.edge(oc, kLast);
        this.edge(oc, kLast + 1);
      }
    }
    const a0 = ev[kFirst]!;
    const a1 = ev[kFirst + 1]!;
    const b0 = ev[kLast]!;
    const b1 = ev[kLast + 1]!;
    const ucF = (eu[kFirst]! + eu[kFirst + 1]!) / 2;
    const ucL = (eu[kLast]! + eu[kLast + 1]!) / 2;
    const box = this.box;
    box[0] = Math.max(0, (ucF < ucL ? ucF : ucL) - hw);
    box[1] = Math.max(0, Math.min(a0, a1, b0, b1));
    box[2] = Math.min(W, (ucF > ucL ? ucF : ucL) + hw);
    box[3] = Math.min(H, Math.max(a0, a1, b0, b1));
    return visSum / K;
  }

  /** Slice edge k of candidate (offset oc in candCam) in pixels, into eu[k], ev[k]: camera coordinates are linear in height. */
  private edge(oc: number, k: number): void {
    const cc = this.candCam;
    const m = this.model;
    const f = k / BODY.slices;
    const X = cc[oc]! + (cc[oc + 3]! - cc[oc]!) * f;
    const Y = cc[oc + 1]! + (cc[oc + 4]! - cc[oc + 1]!) * f;
    const Z = cc[oc + 2]! + (cc[oc + 5]! - cc[oc + 2]!) * f;
    this.eu[k] = (m.fx * X) / Z + m.cx;
    this.ev[k] = (m.fy * Y) / Z + m.cy;
  }

  /** Writes detection `row` of candidate s (visible box in `box`): jittered box, confidence, keypoints, appearance, all from one noise window. */
  private emit(b: Bodies, s: number, row: number, pDetect: number, heightPx: number): void {
    const p = this.params;
    const m = this.model;
    const N = this.noise.values;
    const n0 = this.noise.start(this.rng);
    const box = this.box;
    const left = box[0]!;
    const top = box[1]!;
    const w = box[2]! - left;
    const bh = box[3]! - top;
    const j = p.boxJitter;
    const o5 = row * BOX;
    const w2 = w * (1 + j * N[n0 + NZ_BOX + 2]!);
    const h2 = bh * (1 + j * N[n0 + NZ_BOX + 3]!);
    const conf = pDetect + p.confidenceSigma * N[n0 + NZ_CONF]!;
    const boxes = this.boxes;
    boxes[o5] = left + j * w * N[n0 + NZ_BOX]!;
    boxes[o5 + 1] = top + j * bh * N[n0 + NZ_BOX + 1]!;
    boxes[o5 + 2] = w2 > 1 ? w2 : 1;
    boxes[o5 + 3] = h2 > 1 ? h2 : 1;
    boxes[o5 + 4] = conf > 1 ? 1 : conf < 0.01 ? 0.01 : conf;

    const i = this.cand[s]!;
    const cc = this.candCam;
    const oc = s * CC;
    const X0 = cc[oc]!;
    const Y0 = cc[oc + 1]!;
    const Z0 = cc[oc + 2]!;
    const h = b.heightM[i]!;
    const build = b.build[i]!;
    const sv = this.sliceVis;
    const K = BODY.slices;
    const P = this.pose;
    const kSd = p.keypointSigma * heightPx;
    const ko = row * KP;
    const hx = b.cosHeading[i]!;
    const hy = b.sinHeading[i]!;
    // head (on the body axis: a lerp), left foot (left of the heading is (-hy, hx)), right foot, left wrist, right wrist
    const fh = (h - BODY.headBelowTopM) / h;
    const headVis = sv[K - 1]! >= BODY.seenAt ? sv[K - 1]! : 0;
    this.keypoint(ko, X0 + (cc[oc + 3]! - X0) * fh, Y0 + (cc[oc + 4]! - Y0) * fh, Z0 + (cc[oc + 5]! - Z0) * fh, headVis, kSd, n0 + NZ_KP, 0);
    const side = BODY.footSideM * build;
    const fdx = -hy * side;
    const fdy = hx * side;
    const oX = P[0]! * fdx + P[1]! * fdy;
    const oY = P[3]! * fdx + P[4]! * fdy;
    const oZ = P[6]! * fdx + P[7]! * fdy;
    const feetVis = sv[0]! >= BODY.seenAt ? sv[0]! : 0;
    this.keypoint(ko + 3, X0 + oX, Y0 + oY, Z0 + oZ, feetVis, kSd, n0 + NZ_KP + 2, 0);
    this.keypoint(ko + 6, X0 - oX, Y0 - oY, Z0 - oZ, feetVis, kSd, n0 + NZ_KP + 4, 0);
    const hands = b.hands;
    const hb = i * 6;
    for (let hand = 0; hand < 2; hand++) {
      const wx = hands[hb + 3 * hand]!;
      const wy = hands[hb + 3 * hand + 1]!;
      const wz = hands[hb + 3 * hand + 2]!;
      const vis = wz >= this.grid.minZAt(wx, wy) ? 1 : 0;
      this.keypoint(ko + 9 + 3 * hand,
        P[0]! * wx + P[1]! * wy + P[2]! * wz + P[9]!, P[3]! * wx + P[4]! * wy + P[5]! * wz + P[10]!, P[6]! * wx + P[7]! * wy + P[8]! * wz + P[11]!,
        vis, kSd, n0 + NZ_KP + 6 + 2 * hand, this.nHit);
    }

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
    const app = this.app;
    const ao = row * DIM;
    let norm = 0;
    for (let d = 0; d < DIM; d++) {
      const v = looks[lr + d]! + wFront * looks[lr + DIM + d]! + wBack * looks[lr + 2 * DIM + d]! + frameSd * N[na + d]!;
      app[ao + d] = v;
      norm += v * v;
    }
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (let d = 0; d < DIM; d++) app[ao + d] = app[ao + d]! * inv;
  }

  /**
   * Writes one keypoint from its camera coordinates: projected, with noise from the table at
   * `n`; not seen when behind the camera, out of frame, or (for the first `nHit` listed nearer
   * people) inside one of their boxes.
   */
  private keypoint(at: number, X: number, Y: number, Z: number, vis: number, sd: number, n: number, nHit: number): void {
    const kps = this.kps;
    if (Z < BODY.nearM) {
      kps[at] = 0;
      kps[at + 1] = 0;
      kps[at + 2] = 0;
      return;
    }
    const m = this.model;
    const u = (m.fx * X) / Z + m.cx;
    const v = (m.fy * Y) / Z + m.cy;
    let seen = u >= 0 && v >= 0 && u <= m.widthPx && v <= m.heightPx ? vis : 0;
    if (seen > 0 && nHit > 0) {
      const occ = this.occ;
      for (let o = 0; o < nHit; o++) {
        const ob = this.hits[o]!;
        if (u >= occ[ob]! && u <= occ[ob + 2]! && v >= occ[ob + 1]! && v <= occ[ob + 3]!) {
          seen = 0;
          break;
        }
      }
    }
    const N = this.noise.values;
    kps[at] = u + sd * N[n]!;
    kps[at + 1] = v + sd * N[n + 1]!;
    kps[at + 2] = seen;
  }

  /** Writes a spurious detection at `row`: anywhere in the frame, person-shaped, low confidence, random look. */
  private spurious(row: number): void {
    const rng = this.rng;
    const W = this.model.widthPx;
    const H = this.model.heightPx;
    const bh = 40 + rng.uniform() * 260;
    const bw = 0.4 * bh;
    const l = rng.uniform() * Math.max(1, W - bw);
    const t = rng.uniform() * Math.max(1, H - bh);
    const o5 = row * BOX;
    this.boxes[o5] = l;
    this.boxes[o5 + 1] = t;
    this.boxes[o5 + 2] = bw;
    this.boxes[o5 + 3] = bh;
    this.boxes[o5 + 4] = 0.05 + 0.4 * rng.uniform();
    const ko = row * KP;
    for (let k = 0; k < KEYPOINTS.length; k++) {
      this.kps[ko + 3 * k] = l + FP_KEYPOINTS[2 * k]! * bw;
      this.kps[ko + 3 * k + 1] = t + FP_KEYPOINTS[2 * k + 1]! * bh;
      this.kps[ko + 3 * k + 2] = 0.3;
    }
    const N = this.noise.values;
    const n0 = this.noise.start(rng);
    const ao = row * DIM;
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += N[n0 + d]! * N[n0 + d]!;
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (let d = 0; d < DIM; d++) this.app[ao + d] = N[n0 + d]! * inv;
  }

  private growPeople(cap: number): void {
    this.cand = new Int32Array(cap);
    this.candDepth = new Float64Array(cap);
    this.candCam = new Float64Array(cap * CC);
    this.order = new Int32Array(cap);
    this.occ = new Float64Array(cap * 4);
    this.hits = new Int32Array(cap);
  }

  private growOut(cap: number): void {
    this.boxes = new Float32Array(cap * BOX);
    this.kps = new Float32Array(cap * KP);
    this.app = new Float32Array(cap * DIM);
  }
}
