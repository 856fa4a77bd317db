import type { CameraDetectionsFrame } from '../../../engine/api.ts';
import { APPEARANCE_DIM, KEYPOINTS } from '../../../engine/api.ts';
import type { Scenario } from '../../scenario/Scenario.ts';
import type { Bodies } from './Bodies.ts';
import { LOOK_FLOATS } from './Bodies.ts';
import type { CameraModel } from './CameraModel.ts';
import { BODY, BodyVisibility, CC } from './BodyVisibility.ts';
import type { FastRng } from './FastRng.ts';
import { NoiseTable } from './NoiseTable.ts';
import type { OcclusionGrid } from './OcclusionGrid.ts';

/** The detection model's parameters, as the scenario gives them (`sensors.detection`). */
export type DetectionParams = Scenario['sensors']['detection'];

export { BODY };

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
  /** What the camera sees of the bodies (geometry); this class adds the detector's noise. */
  readonly vis: BodyVisibility;
  private boxes = new Float32Array(64 * BOX);
  private kps = new Float32Array(64 * KP);
  private app = new Float32Array(64 * DIM);
  private readonly noise: NoiseTable;
  /** exp(-mean) of the spurious detections per frame (Knuth's Poisson draw compares against it). */
  private readonly fpLimit: number;

  constructor(
    readonly model: CameraModel,
    readonly grid: OcclusionGrid,
    readonly params: DetectionParams,
    private readonly rng: FastRng,
  ) {
    this.noise = new NoiseTable(rng);
    this.vis = new BodyVisibility(model, grid);
    this.fpLimit = Math.exp(-params.falsePositivesPerFrame);
  }

  /** The frame this camera captures of `bodies` at time tS, numbered `frame`. */
  sample(b: Bodies, tS: number, frame: number): CameraDetectionsFrame {
    const p = this.params;
    const rng = this.rng;
    if (this.keepSeen) this.seen.length = 0;
    const v = this.vis;
    const nC = v.candidates(b);
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
    let nOut = 0;
    for (let c = 0; c < nC; c++) {
      const s = v.order[c]!;
      const i = v.cand[s]!;
      const visible = v.see(b, s);
      const oc = s * CC;
      const heightPx = Math.abs(v.candCam[oc + 7]! - v.candCam[oc + 9]!);
      if (visible <= 0) {
        if (this.keepSeen) this.seen.push({ id: b.id[i]!, visible, heightPx, detected: false });
        continue;
      }
      v.addOccluder();
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

  /** Writes detection `row` of candidate s (visible box in `box`): jittered box, confidence, keypoints, appearance, all from one noise window. */
  private emit(b: Bodies, s: number, row: number, pDetect: number, heightPx: number): void {
    const p = this.params;
    const m = this.model;
    const N = this.noise.values;
    const n0 = this.noise.start(this.rng);
    const v = this.vis;
    const box = v.box;
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

    const i = v.cand[s]!;
    const cc = v.candCam;
    const oc = s * CC;
    const X0 = cc[oc]!;
    const Y0 = cc[oc + 1]!;
    const Z0 = cc[oc + 2]!;
    const h = b.heightM[i]!;
    const build = b.build[i]!;
    const sv = v.sliceVis;
    const K = BODY.slices;
    const P = v.pose;
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
        vis, kSd, n0 + NZ_KP + 6 + 2 * hand, v.nHit);
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
      const occ = this.vis.occ;
      for (let o = 0; o < nHit; o++) {
        const ob = this.vis.hits[o]!;
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

  private growOut(cap: number): void {
    this.boxes = new Float32Array(cap * BOX);
    this.kps = new Float32Array(cap * KP);
    this.app = new Float32Array(cap * DIM);
  }
}
