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

/**
 * Vertical strips of the image the occluder boxes are filed under: a body is tested only against
 * the nearer people in the strips it spans (a few of them) instead of all (tens in a crowd).
 */
const STRIPS = 32;

/** Floats per candidate in the cull's scratch: camera coordinates of foot and head top (6), their pixels (4). */
const CC = 10;

/** Where a detection's values sit in its noise-table window. */
const NZ_BOX = 0; // left, top, width, height
const NZ_CONF = 4;
const NZ_KP = 5; // u, v per keypoint
const NZ_APP = NZ_KP + 2 * KEYPOINTS.length;

/**
 * Floats per detection kept between deciding and writing it: candidate, pDetect, heightPx,
 * visible box (4), head and feet visibility, noise-window start, first hit in hitPool, hits.
 */
const DET = 12;

/**
 * One camera at the `detections` fidelity: projects every body through the pinhole, works out
 * how much of it shows past fixtures (precomputed OcclusionGrid), nearer people (depth order)
 * and the frame edges, then draws detections through the noise model. Stateful only in its own
 * random stream, its noise table and scratch buffers; no allocation per person.
 *
 * Cost: a body is culled with two dot products (behind the camera) and one projection of its
 * foot and head (outside the frame); a body wholly in frame projects only the slice edges its
 * box needs; a detection takes two 32-bit draws (detected or not, where its noise window
 * starts) and reads its 31 normal deviates consecutively from the camera's NoiseTable. A frame
 * decides every detection first, then writes them straight into the one buffer it returns.
 */
export class DetectionCamera {
  /** Keep per-person results of the latest frame (tests read them; off in runs). */
  keepSeen = false;
  readonly seen: SeenPerson[] = [];
  private cand = new Int32Array(64);
  private candDepth = new Float64Array(64);
  /** Per candidate, camera coordinates of the foot point and of the top of the head (X0, Y0, Z0, X1, Y1, Z1), then their pixels (u0, v0, u1, v1). */
  private candCam = new Float64Array(64 * CC);
  /** Candidates in depth order (indices into cand), and their depths beside them (the sort moves both). */
  private order = new Int32Array(64);
  private orderDepth = new Float64Array(64);
  /** Boxes (left, top, right, bottom) of the people seen so far this frame, nearest first: what hides those further away. */
  private occ = new Float64Array(64 * 4);
  private nOcc = 0;
  /** Per strip, offsets in occ of the boxes reaching into it (stripCap each), and how many; per box, its first strip. */
  private stripList = new Int32Array(STRIPS * 64);
  private stripCap = 64;
  private readonly stripN = new Int32Array(STRIPS);
  private occStrip0 = new Int32Array(64);
  /** Strips per pixel of image width. */
  private readonly stripsPerPx: number;
  /** Offsets in occ of the nearer people overlapping the body in hand. */
  private hits = new Int32Array(64);
  private nHit = 0;
  /** The frame's detections as decided (DET floats each), and the hits each keeps for its wrists. */
  private det = new Float64Array(64 * DET);
  private hitPool = new Int32Array(256);
  private readonly eu = new Float64Array(BODY.slices + 1);
  private readonly ev = new Float64Array(BODY.slices + 1);
  private readonly sliceVis = new Float64Array(BODY.slices);
  private readonly hidden = new Float64Array(BODY.slices);
  /** Camera coordinates (X, Y, Z) and visibility of the keypoints of the detection in hand, KEYPOINTS order. */
  private readonly kpCam = new Float64Array(KEYPOINTS.length * 4);
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
    this.stripsPerPx = STRIPS / model.widthPx;
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
    const od = this.orderDepth;
    const depth = this.candDepth;
    for (let a = 0; a < nC; a++) {
      const d = depth[a]!;
      let k = a - 1;
      while (k >= 0 && od[k]! > d) {
        ord[k + 1] = ord[k]!;
        od[k + 1] = od[k]!;
        k--;
      }
      ord[k + 1] = a;
      od[k + 1] = d;
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

    const visSpan = Math.max(1e-9, p.fullVisibleFraction - p.minVisibleFraction);
    const sizeSpan = Math.max(1e-9, p.fullHeightPx - p.minHeightPx);
    const minVis = p.minVisibleFraction;
    const minH = p.minHeightPx;
    const pMax = p.pDetectMax;
    const occ = this.occ;
    const box = this.box;
    const cc = this.candCam;
    const sv = this.sliceVis;
    const K = BODY.slices;
    const shrinkF = (1 - BODY.occluderCore) / 2;
    let det = this.det;
    let nDet = 0;
    let nPool = 0;
    this.nOcc = 0;
    const stripN = this.stripN;
    stripN.fill(0);
    const stripList = this.stripList;
    const stripCap = this.stripCap;
    const occStrip0 = this.occStrip0;
    const spp = this.stripsPerPx;
    for (let c = 0; c < nC; c++) {
      const s = ord[c]!;
      const visible = this.see(b, s);
      const oc = s * CC;
      const heightPx = Math.abs(cc[oc + 7]! - cc[oc + 9]!);
      if (visible <= 0) {
        if (this.keepSeen) this.seen.push({ id: b.id[this.cand[s]!]!, visible, heightPx, detected: false });
        continue;
      }
      // This person now hides the middle of their visible box from everyone further away.
      const ob = this.nOcc * 4;
      const shrink = shrinkF * (box[2]! - box[0]!);
      occ[ob] = box[0]! + shrink;
      occ[ob + 1] = box[1]!;
      occ[ob + 2] = box[2]! - shrink;
      occ[ob + 3] = box[3]!;
      // Filed under every strip it reaches into (the box lies within the frame).
      const j0 = Math.min(STRIPS - 1, Math.floor(occ[ob]! * spp));
      const j1 = Math.min(STRIPS - 1, Math.floor(occ[ob + 2]! * spp));
      occStrip0[this.nOcc] = j0;
      for (let j = j0; j <= j1; j++) stripList[j * stripCap + stripN[j]!++] = ob;
      this.nOcc++;
      // Detection probability: falls with occlusion and with small size in the image.
      const vr = (visible - minVis) / visSpan;
      const hr = (heightPx - minH) / sizeSpan;
      const pDetect = pMax * (vr >= 1 ? 1 : vr > 0 ? vr : 0) * (hr >= 1 ? 1 : hr > 0 ? hr : 0);
      const detected = pDetect > 0 && rng.uniform() < pDetect;
      if (this.keepSeen) this.seen.push({ id: b.id[this.cand[s]!]!, visible, heightPx, detected });
      if (!detected) continue;
      // Keep what writing it needs; its noise window is drawn now, in the stream's order.
      if ((nDet + 1) * DET > det.length) det = this.growDet(det.length * 2);
      const nHit = this.nHit;
      if (nPool + nHit > this.hitPool.length) this.growPool((nPool + nHit) * 2);
      const d = nDet * DET;
      det[d] = s;
      det[d + 1] = pDetect;
      det[d + 2] = heightPx;
      det[d + 3] = box[0]!;
      det[d + 4] = box[1]!;
      det[d + 5] = box[2]!;
      det[d + 6] = box[3]!;
      det[d + 7] = sv[K - 1]!;
      det[d + 8] = sv[0]!;
      det[d + 9] = this.noise.start(rng);
      det[d + 10] = nPool;
      det[d + 11] = nHit;
      const pool = this.hitPool;
      const hits = this.hits;
      for (let o = 0; o < nHit; o++) pool[nPool + o] = hits[o]!;
      nPool += nHit;
      nDet++;
    }

    // One buffer per frame holds all three arrays: one allocation, one transferable.
    const nOut = nDet + fp;
    const kpAt = nOut * BOX;
    const appAt = kpAt + nOut * KP;
    const all = new Float32Array(appAt + nOut * DIM);
    for (let r = 0; r < nDet; r++) this.emit(b, r, all, kpAt, appAt);
    for (let f = 0; f < fp; f++) this.spurious(nDet + f, all, kpAt, appAt);
    // Views by constructor: subarray() takes V8's slow species path, several times the cost.
    const buf = all.buffer;
    const boxes = new Float32Array(buf, 0, kpAt);
    const keypoints = new Float32Array(buf, kpAt * 4, appAt - kpAt);
    const appearance = new Float32Array(buf, appAt * 4, nOut * DIM);
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
    // Boxes filed under the strips this body spans; one reaching into several is tested once,
    // in the first strip both share. Order does not matter: hiding takes the maximum per slice.
    const spp = this.stripsPerPx;
    const c0 = aL <= 0 ? 0 : Math.min(STRIPS - 1, Math.floor(aL * spp));
    const c1 = aR <= 0 ? 0 : Math.min(STRIPS - 1, Math.floor(aR * spp));
    const stripN = this.stripN;
    const stripList = this.stripList;
    const occStrip0 = this.occStrip0;
    for (let j = c0; j <= c1; j++) {
      const base = j * this.stripCap;
      const end = base + stripN[j]!;
      for (let q = base; q < end; q++) {
        const ob = stripList[q]!;
        const o0 = occStrip0[ob >> 2]!;
        if ((o0 > c0 ? o0 : c0) !== j) continue;
        if (occ[ob]! < aR && occ[ob + 2]! > aL && occ[ob + 1]! < aB && occ[ob + 3]! > aT) hits[nHit++] = ob;
      }
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

  /** Writes detection r of the frame (as decided in det) into `out`: jittered box, confidence, keypoints, appearance, all from one noise window. */
  private emit(b: Bodies, r: number, out: Float32Array, kpAt: number, appAt: number): void {
    const p = this.params;
    const m = this.model;
    const N = this.noise.values;
    const det = this.det;
    const d = r * DET;
    const s = det[d]!;
    const pDetect = det[d + 1]!;
    const heightPx = det[d + 2]!;
    const n0 = det[d + 9]!;
    const left = det[d + 3]!;
    const top = det[d + 4]!;
    const w = det[d + 5]! - left;
    const bh = det[d + 6]! - top;
    const j = p.boxJitter;
    const o5 = r * BOX;
    const w2 = w * (1 + j * N[n0 + NZ_BOX + 2]!);
    const h2 = bh * (1 + j * N[n0 + NZ_BOX + 3]!);
    const conf = pDetect + p.confidenceSigma * N[n0 + NZ_CONF]!;
    out[o5] = left + j * w * N[n0 + NZ_BOX]!;
    out[o5 + 1] = top + j * bh * N[n0 + NZ_BOX + 1]!;
    out[o5 + 2] = w2 > 1 ? w2 : 1;
    out[o5 + 3] = h2 > 1 ? h2 : 1;
    out[o5 + 4] = conf > 1 ? 1 : conf < 0.01 ? 0.01 : conf;

    const i = this.cand[s]!;
    const cc = this.candCam;
    const oc = s * CC;
    const X0 = cc[oc]!;
    const Y0 = cc[oc + 1]!;
    const Z0 = cc[oc + 2]!;
    const h = b.heightM[i]!;
    const build = b.build[i]!;
    const P = this.pose;
    const kSd = p.keypointSigma * heightPx;
    const ko = kpAt + r * KP;
    const hx = b.cosHeading[i]!;
    const hy = b.sinHeading[i]!;
    // head (on the body axis: a lerp), left foot (left of the heading is (-hy, hx)), right foot, left wrist, right wrist
    const fh = (h - BODY.headBelowTopM) / h;
    // Camera coordinates and visibility of each keypoint into kpCam, then one loop projects them
    // (a helper taking them as arguments was not inlined, and boxed every float it was passed).
    const kc = this.kpCam;
    const headSv = det[d + 7]!;
    kc[0] = X0 + (cc[oc + 3]! - X0) * fh;
    kc[1] = Y0 + (cc[oc + 4]! - Y0) * fh;
    kc[2] = Z0 + (cc[oc + 5]! - Z0) * fh;
    kc[3] = headSv >= BODY.seenAt ? headSv : 0;
    const side = BODY.footSideM * build;
    const fdx = -hy * side;
    const fdy = hx * side;
    const oX = P[0]! * fdx + P[1]! * fdy;
    const oY = P[3]! * fdx + P[4]! * fdy;
    const oZ = P[6]! * fdx + P[7]! * fdy;
    const feetSv = det[d + 8]!;
    const feetVis = feetSv >= BODY.seenAt ? feetSv : 0;
    kc[4] = X0 + oX;
    kc[5] = Y0 + oY;
    kc[6] = Z0 + oZ;
    kc[7] = feetVis;
    kc[8] = X0 - oX;
    kc[9] = Y0 - oY;
    kc[10] = Z0 - oZ;
    kc[11] = feetVis;
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
    // Projected, with noise from the window; not seen when behind the camera or out of frame, and
    // wrists (k >= 3) not inside the box of one of the nearer people this body overlaps.
    const hit0 = det[d + 10]!;
    const hitEnd = hit0 + det[d + 11]!;
    const occ = this.occ;
    const pool = this.hitPool;
    const fx = m.fx;
    const fy = m.fy;
    const cx = m.cx;
    const cy = m.cy;
    const W = m.widthPx;
    const H = m.heightPx;
    for (let k = 0; k < KEYPOINTS.length; k++) {
      const at = ko + 3 * k;
      const Z = kc[4 * k + 2]!;
      if (Z < BODY.nearM) {
        out[at] = 0;
        out[at + 1] = 0;
        out[at + 2] = 0;
        continue;
      }
      const u = (fx * kc[4 * k]!) / Z + cx;
      const v = (fy * kc[4 * k + 1]!) / Z + cy;
      let seen = u >= 0 && v >= 0 && u <= W && v <= H ? kc[4 * k + 3]! : 0;
      if (seen > 0 && k >= 3) {
        for (let o = hit0; o < hitEnd; o++) {
          const ob = pool[o]!;
          if (u >= occ[ob]! && u <= occ[ob + 2]! && v >= occ[ob + 1]! && v <= occ[ob + 3]!) {
            seen = 0;
            break;
          }
        }
      }
      const n = n0 + NZ_KP + 2 * k;
      out[at] = u + kSd * N[n]!;
      out[at + 1] = v + kSd * N[n + 1]!;
      out[at + 2] = seen;
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
    const ao = appAt + r * DIM;
    let norm = 0;
    for (let k = 0; k < DIM; k++) {
      const v = looks[lr + k]! + wFront * looks[lr + DIM + k]! + wBack * looks[lr + 2 * DIM + k]! + frameSd * N[na + k]!;
      out[ao + k] = v;
      norm += v * v;
    }
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (let k = 0; k < DIM; k++) out[ao + k] = out[ao + k]! * inv;
  }

  /** Writes a spurious detection at `row` of `out`: anywhere in the frame, person-shaped, low confidence, random look. */
  private spurious(row: number, out: Float32Array, kpAt: number, appAt: number): void {
    const rng = this.rng;
    const W = this.model.widthPx;
    const H = this.model.heightPx;
    const bh = 40 + rng.uniform() * 260;
    const bw = 0.4 * bh;
    const l = rng.uniform() * Math.max(1, W - bw);
    const t = rng.uniform() * Math.max(1, H - bh);
    const o5 = row * BOX;
    out[o5] = l;
    out[o5 + 1] = t;
    out[o5 + 2] = bw;
    out[o5 + 3] = bh;
    out[o5 + 4] = 0.05 + 0.4 * rng.uniform();
    const ko = kpAt + row * KP;
    for (let k = 0; k < KEYPOINTS.length; k++) {
      out[ko + 3 * k] = l + FP_KEYPOINTS[2 * k]! * bw;
      out[ko + 3 * k + 1] = t + FP_KEYPOINTS[2 * k + 1]! * bh;
      out[ko + 3 * k + 2] = 0.3;
    }
    const N = this.noise.values;
    const n0 = this.noise.start(rng);
    const ao = appAt + row * DIM;
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += N[n0 + d]! * N[n0 + d]!;
    const inv = 1 / (Math.sqrt(norm) || 1);
    for (let d = 0; d < DIM; d++) out[ao + d] = N[n0 + d]! * inv;
  }

  private growPeople(cap: number): void {
    this.cand = new Int32Array(cap);
    this.candDepth = new Float64Array(cap);
    this.candCam = new Float64Array(cap * CC);
    this.order = new Int32Array(cap);
    this.orderDepth = new Float64Array(cap);
    this.occ = new Float64Array(cap * 4);
    this.hits = new Int32Array(cap);
    this.occStrip0 = new Int32Array(cap);
    this.stripList = new Int32Array(STRIPS * cap);
    this.stripCap = cap;
  }

  private growDet(size: number): Float64Array<ArrayBuffer> {
    const d = new Float64Array(size);
    d.set(this.det);
    this.det = d;
    return d;
  }

  private growPool(size: number): void {
    const p = new Int32Array(size);
    p.set(this.hitPool);
    this.hitPool = p;
  }
}
