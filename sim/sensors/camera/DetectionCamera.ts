import type { CameraDetectionsFrame } from '../../../engine/api.ts';
import { APPEARANCE_DIM, KEYPOINTS } from '../../../engine/api.ts';
import type { Scenario } from '../../scenario/Scenario.ts';
import type { Bodies } from './Bodies.ts';
import { LOOK_FLOATS } from './Bodies.ts';
import type { CameraModel } from './CameraModel.ts';
import type { FastRng } from './FastRng.ts';
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
 * One camera at the `detections` fidelity: projects every body through the pinhole, works out
 * how much of it shows past fixtures (precomputed OcclusionGrid), nearer people (depth order)
 * and the frame edges, then draws detections through the noise model. Stateful only in its own
 * random stream and scratch buffers; no allocation per person.
 */
export class DetectionCamera {
  /** Keep per-person results of the latest frame (tests read them; off in runs). */
  keepSeen = false;
  readonly seen: SeenPerson[] = [];
  private cand = new Int32Array(64);
  private candDepth = new Float64Array(64);
  private occ = new Float64Array(64 * 4);
  private hits = new Int32Array(64);
  private boxes = new Float32Array(64 * BOX);
  private kps = new Float32Array(64 * KP);
  private app = new Float32Array(64 * DIM);
  private readonly cam = new Float64Array(3 * (BODY.slices + 1));
  private readonly eu = new Float64Array(BODY.slices + 1);
  private readonly ev = new Float64Array(BODY.slices + 1);
  private readonly sliceVis = new Float64Array(BODY.slices);
  private readonly hidden = new Float64Array(BODY.slices);
  private readonly pt = new Float64Array(2);

  constructor(
    readonly model: CameraModel,
    readonly grid: OcclusionGrid,
    readonly params: DetectionParams,
    private readonly rng: FastRng,
  ) {}

  /** The frame this camera captures of `bodies` at time tS, numbered `frame`. */
  sample(b: Bodies, tS: number, frame: number): CameraDetectionsFrame {
    const m = this.model;
    const W = m.widthPx;
    const H = m.heightPx;
    const fx = m.fx;
    const fy = m.fy;
    const cx = m.cx;
    const cy = m.cy;
    const p = this.params;
    if (b.n > this.cand.length) this.growPeople(b.n * 2);
    if (this.keepSeen) this.seen.length = 0;

    // 1. Who is in front of the camera and inside the frame at all.
    let nC = 0;
    const pt = this.pt;
    for (let i = 0; i < b.n; i++) {
      const x = b.x[i]!;
      const y = b.y[i]!;
      const h = b.heightM[i]!;
      const d0 = m.project(x, y, 0, pt);
      if (d0 < BODY.nearM) continue;
      const u0 = pt[0]!;
      const v0 = pt[1]!;
      const d1 = m.project(x, y, h, pt);
      if (d1 < BODY.nearM) continue;
      const hw = (fx * BODY.halfWidthM * b.build[i]!) / Math.min(d0, d1);
      if (Math.max(u0, pt[0]!) + hw < 0 || Math.min(u0, pt[0]!) - hw > W || Math.max(v0, pt[1]!) < 0 || Math.min(v0, pt[1]!) > H) continue;
      this.cand[nC] = i;
      this.candDepth[nC] = m.depth(x, y, h / 2);
      nC++;
    }
    // 2. Nearest first, so each person is tested against those in front of them (insertion sort: small n).
    for (let a = 1; a < nC; a++) {
      const ci = this.cand[a]!;
      const cd = this.candDepth[a]!;
      let k = a - 1;
      while (k >= 0 && this.candDepth[k]! > cd) {
        this.cand[k + 1] = this.cand[k]!;
        this.candDepth[k + 1] = this.candDepth[k]!;
        k--;
      }
      this.cand[k + 1] = ci;
      this.candDepth[k + 1] = cd;
    }

    const fp = this.rng.poisson(p.falsePositivesPerFrame);
    if (nC + fp > this.boxes.length / BOX) this.growOut((nC + fp) * 2);
    let nOut = 0;
    let nOcc = 0;
    const K = BODY.slices;
    const cam = this.cam;
    const eu = this.eu;
    const ev = this.ev;
    const sv = this.sliceVis;
    const visSpan = Math.max(1e-9, p.fullVisibleFraction - p.minVisibleFraction);
    const sizeSpan = Math.max(1e-9, p.fullHeightPx - p.minHeightPx);

    for (let c = 0; c < nC; c++) {
      const i = this.cand[c]!;
      const x = b.x[i]!;
      const y = b.y[i]!;
      const h = b.heightM[i]!;
      const build = b.build[i]!;
      // 3. Slice edges in camera coordinates are linear in height: two transforms, then lerp.
      m.toCamera(x, y, 0, cam, 0);
      m.toCamera(x, y, h, cam, 3 * K);
      for (let k = 0; k <= K; k++) {
        const f = k / K;
        const X = cam[0]! + (cam[3 * K]! - cam[0]!) * f;
        const Y = cam[1]! + (cam[3 * K + 1]! - cam[1]!) * f;
        const Z = cam[2]! + (cam[3 * K + 2]! - cam[2]!) * f;
        eu[k] = (fx * X) / Z + cx;
        ev[k] = (fy * Y) / Z + cy;
      }
      const hw = (fx * BODY.halfWidthM * build) / this.candDepth[c]!;
      const minZ = this.grid.minZAt(x, y);
      // Only nearer people whose boxes overlap this body's can hide any of it.
      const aL = Math.min(eu[0]!, eu[K]!) - hw;
      const aR = Math.max(eu[0]!, eu[K]!) + hw;
      const aT = Math.min(ev[0]!, ev[K]!);
      const aB = Math.max(ev[0]!, ev[K]!);
      let nHit = 0;
      for (let o = 0; o < nOcc; o++) {
        const ob = o * 4;
        if (this.occ[ob]! < aR && this.occ[ob + 2]! > aL && this.occ[ob + 1]! < aB && this.occ[ob + 3]! > aT) this.hits[nHit++] = ob;
      }
      // Fixtures (height-aware, from the grid) and the frame edges, slice by slice.
      const hid = this.hidden;
      for (let k = 0; k < K; k++) {
        const z0 = (k / K) * h;
        const z1 = ((k + 1) / K) * h;
        let s = minZ <= z0 ? 1 : minZ >= z1 ? 0 : (z1 - minZ) / (z1 - z0);
        const vc = (ev[k]! + ev[k + 1]!) / 2;
        if (vc < 0 || vc > H) s = 0;
        if (s > 0) {
          const uc = (eu[k]! + eu[k + 1]!) / 2;
          s *= Math.max(0, Math.min(uc + hw, W) - Math.max(uc - hw, 0)) / (2 * hw);
        }
        sv[k] = s;
        hid[k] = 0;
      }
      // Nearer people: each hides the slices its box spans vertically, by its horizontal overlap
      // with the body's middle (v runs linearly enough along a standing body to index slices).
      const um = (eu[0]! + eu[K]!) / 2;
      const vSpan = ev[K]! - ev[0]!;
      for (let o = 0; o < nHit; o++) {
        const ob = this.hits[o]!;
        const ov = Math.max(0, Math.min(um + hw, this.occ[ob + 2]!) - Math.max(um - hw, this.occ[ob]!)) / (2 * hw);
        if (ov <= 0 || vSpan === 0) continue;
        const f1 = (this.occ[ob + 1]! - ev[0]!) / vSpan;
        const f2 = (this.occ[ob + 3]! - ev[0]!) / vSpan;
        const k0 = Math.max(0, Math.ceil(Math.min(f1, f2) * K - 0.5));
        const k1 = Math.min(K - 1, Math.floor(Math.max(f1, f2) * K - 0.5));
        for (let k = k0; k <= k1; k++) if (ov > hid[k]!) hid[k] = ov;
      }
      let visSum = 0;
      let top = Infinity;
      let bottom = -Infinity;
      let left = Infinity;
      let right = -Infinity;
      for (let k = 0; k < K; k++) {
        const s = sv[k]! * (1 - hid[k]!);
        sv[k] = s;
        visSum += s;
        if (s > 0.3) {
          const ea = ev[k]!;
          const eb = ev[k + 1]!;
          if (ea < top) top = ea;
          if (eb < top) top = eb;
          if (ea > bottom) bottom = ea;
          if (eb > bottom) bottom = eb;
          const uc = (eu[k]! + eu[k + 1]!) / 2;
          if (uc - hw < left) left = uc - hw;
          if (uc + hw > right) right = uc + hw;
        }
      }
      const visible = visSum / K;
      const heightPx = Math.abs(ev[0]! - ev[K]!);
      if (visible <= 0 || top === Infinity) {
        if (this.keepSeen) this.seen.push({ id: b.id[i]!, visible, heightPx, detected: false });
        continue;
      }
      left = Math.max(0, left);
      right = Math.min(W, right);
      top = Math.max(0, top);
      bottom = Math.min(H, bottom);
      // This person now hides the middle of their visible box from everyone further away.
      const ob = nOcc * 4;
      const shrink = ((1 - BODY.occluderCore) / 2) * (right - left);
      this.occ[ob] = left + shrink;
      this.occ[ob + 1] = top;
      this.occ[ob + 2] = right - shrink;
      this.occ[ob + 3] = bottom;
      nOcc++;

      // 4. Detection probability: falls with occlusion and with small size in the image.
      const pVis = Math.min(1, Math.max(0, (visible - p.minVisibleFraction) / visSpan));
      const pSize = Math.min(1, Math.max(0, (heightPx - p.minHeightPx) / sizeSpan));
      const pDetect = p.pDetectMax * pVis * pSize;
      const detected = pDetect > 0 && this.rng.uniform() < pDetect;
      if (this.keepSeen) this.seen.push({ id: b.id[i]!, visible, heightPx, detected });
      if (!detected) continue;

      // 5. The detection: jittered visible box, confidence, keypoints, appearance.
      const w = right - left;
      const bh = bottom - top;
      const j = p.boxJitter;
      const o5 = nOut * BOX;
      const l2 = left + j * w * this.rng.normal();
      const t2 = top + j * bh * this.rng.normal();
      const w2 = Math.max(1, w * (1 + j * this.rng.normal()));
      const h2 = Math.max(1, bh * (1 + j * this.rng.normal()));
      this.boxes[o5] = l2;
      this.boxes[o5 + 1] = t2;
      this.boxes[o5 + 2] = w2;
      this.boxes[o5 + 3] = h2;
      this.boxes[o5 + 4] = Math.min(1, Math.max(0.01, pDetect + p.confidenceSigma * this.rng.normal()));

      const kSd = p.keypointSigma * heightPx;
      const ko = nOut * KP;
      const hx = Math.cos(b.headingRad[i]!);
      const hy = Math.sin(b.headingRad[i]!);
      const side = BODY.footSideM * build;
      // head, left foot (left of the heading is (-hy, hx)), right foot, left wrist, right wrist
      this.keypoint(ko, x, y, h - BODY.headBelowTopM, sv[K - 1]! >= BODY.seenAt ? sv[K - 1]! : 0, kSd);
      this.keypoint(ko + 3, x - hy * side, y + hx * side, 0, sv[0]! >= BODY.seenAt ? sv[0]! : 0, kSd);
      this.keypoint(ko + 6, x + hy * side, y - hx * side, 0, sv[0]! >= BODY.seenAt ? sv[0]! : 0, kSd);
      const hb = i * 6;
      for (let hand = 0; hand < 2; hand++) {
        const wx = b.hands[hb + 3 * hand]!;
        const wy = b.hands[hb + 3 * hand + 1]!;
        const wz = b.hands[hb + 3 * hand + 2]!;
        this.keypoint(ko + 9 + 3 * hand, wx, wy, wz, this.pointSeen(wx, wy, wz, nHit) ? 1 : 0, kSd);
      }

      // View-dependent look: front offset when the person faces the camera, back offset when they face away.
      const dx = m.positionM[0] - x;
      const dy = m.positionM[1] - y;
      const cosView = (hx * dx + hy * dy) / (Math.sqrt(dx * dx + dy * dy) || 1);
      const wFront = (1 + cosView) / 2;
      const lr = b.lookRow[i]! * LOOK_FLOATS;
      const ao = nOut * DIM;
      const frameSd = p.appearanceFrameSigma / Math.sqrt(DIM);
      let norm = 0;
      for (let d = 0; d < DIM; d++) {
        const v = b.looks[lr + d]! + p.appearanceViewSigma * (wFront * b.looks[lr + DIM + d]! + (1 - wFront) * b.looks[lr + 2 * DIM + d]!)
          + frameSd * this.rng.normal();
        this.app[ao + d] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < DIM; d++) this.app[ao + d] = this.app[ao + d]! / norm;
      nOut++;
    }

    // 6. Spurious detections: anywhere in the frame, person-shaped, low confidence, random look.
    for (let f = 0; f < fp; f++) {
      const bh = 40 + this.rng.uniform() * 260;
      const bw = 0.4 * bh;
      const l = this.rng.uniform() * Math.max(1, W - bw);
      const t = this.rng.uniform() * Math.max(1, H - bh);
      const o5 = nOut * BOX;
      this.boxes[o5] = l;
      this.boxes[o5 + 1] = t;
      this.boxes[o5 + 2] = bw;
      this.boxes[o5 + 3] = bh;
      this.boxes[o5 + 4] = 0.05 + 0.4 * this.rng.uniform();
      const ko = nOut * KP;
      for (let k = 0; k < KEYPOINTS.length; k++) {
        this.kps[ko + 3 * k] = l + FP_KEYPOINTS[2 * k]! * bw;
        this.kps[ko + 3 * k + 1] = t + FP_KEYPOINTS[2 * k + 1]! * bh;
        this.kps[ko + 3 * k + 2] = 0.3;
      }
      const ao = nOut * DIM;
      let norm = 0;
      for (let d = 0; d < DIM; d++) {
        const v = this.rng.normal();
        this.app[ao + d] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < DIM; d++) this.app[ao + d] = this.app[ao + d]! / norm;
      nOut++;
    }

    // One buffer per frame holds all three arrays: one allocation, one transferable.
    const nb = nOut * BOX;
    const nk = nOut * KP;
    const all = new Float32Array(nb + nk + nOut * DIM);
    for (let q = 0; q < nb; q++) all[q] = this.boxes[q]!;
    for (let q = 0; q < nk; q++) all[nb + q] = this.kps[q]!;
    for (let q = 0; q < nOut * DIM; q++) all[nb + nk + q] = this.app[q]!;
    const boxes = all.subarray(0, nb);
    const keypoints = all.subarray(nb, nb + nk);
    const appearance = all.subarray(nb + nk);
    return { kind: 'camera-detections', sensorId: m.id, frame, t: tS, count: nOut, boxes, keypoints, appearance };
  }

  /** Writes one keypoint (projected, with noise when seen). */
  private keypoint(at: number, x: number, y: number, z: number, vis: number, sd: number): void {
    const d = this.model.project(x, y, z, this.pt);
    if (d < BODY.nearM) {
      this.kps[at] = 0;
      this.kps[at + 1] = 0;
      this.kps[at + 2] = 0;
      return;
    }
    const u = this.pt[0]!;
    const v = this.pt[1]!;
    const inFrame = u >= 0 && v >= 0 && u <= this.model.widthPx && v <= this.model.heightPx;
    this.kps[at] = u + sd * this.rng.normal();
    this.kps[at + 1] = v + sd * this.rng.normal();
    this.kps[at + 2] = inFrame ? vis : 0;
  }

  /** Whether a point is in frame, above the fixtures in its way and outside the boxes of the `nHit` nearer people listed in hits. */
  private pointSeen(x: number, y: number, z: number, nHit: number): boolean {
    if (z < this.grid.minZAt(x, y)) return false;
    if (this.model.project(x, y, z, this.pt) < BODY.nearM) return false;
    const u = this.pt[0]!;
    const v = this.pt[1]!;
    if (u < 0 || v < 0 || u > this.model.widthPx || v > this.model.heightPx) return false;
    for (let o = 0; o < nHit; o++) {
      const ob = this.hits[o]!;
      if (u >= this.occ[ob]! && u <= this.occ[ob + 2]! && v >= this.occ[ob + 1]! && v <= this.occ[ob + 3]!) return false;
    }
    return true;
  }

  private growPeople(cap: number): void {
    this.cand = new Int32Array(cap);
    this.candDepth = new Float64Array(cap);
    this.occ = new Float64Array(cap * 4);
    this.hits = new Int32Array(cap);
  }

  private growOut(cap: number): void {
    this.boxes = new Float32Array(cap * BOX);
    this.kps = new Float32Array(cap * KP);
    this.app = new Float32Array(cap * DIM);
  }
}
