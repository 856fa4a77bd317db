import type { CameraDetectionsFrame } from '../../../engine/api.ts';
import { APPEARANCE_DIM } from '../../../engine/api.ts';
import type { Bodies } from './Bodies.ts';
import { BODY } from './BodyModel.ts';
import type { CameraModel } from './CameraModel.ts';
import type { DetectionParams } from './DetectionWriter.ts';
import { BOX_FLOATS, DetectionWriter, KP_FLOATS } from './DetectionWriter.ts';
import { CameraScratch, CC, DET } from './CameraScratch.ts';
import type { FastRng } from './FastRng.ts';
import { NoiseTable } from './NoiseTable.ts';
import type { OcclusionGrid } from './OcclusionGrid.ts';
import { PeopleRaster } from './PeopleRaster.ts';
import { SightGrid } from './SightGrid.ts';

export { BODY } from './BodyModel.ts';
export type { DetectionParams } from './DetectionWriter.ts';

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
 * One camera at the `detections` fidelity. Per frame: culls the bodies behind the camera or
 * outside the frame (two dot products, then the pixels of foot and head top), orders the rest
 * nearest first, and works out how much of each shows:
 * - fixtures, exactly and height-aware: the camera's OcclusionGrid gives the lowest height seen
 *   past every fixture at the person's floor point; the body below it is hidden (behind a 1.4 m
 *   shelf only head and shoulders show);
 * - nearer people, coarsely: each person seen paints, per raster row of their visible box, the
 *   middle 70 % of their width around the image of their axis there into the shared PeopleRaster
 *   (64 x 36 cells); a person's share of that width (per row) not in painted cells is what nearer
 *   people leave of them;
 * - the frame edges: the box's share outside the image.
 * Then P(detect) falls with that share and with pixel height, and the DetectionWriter draws each
 * detection from one window of the camera's NoiseTable. Stateful only in its stream, its noise
 * table, raster and scratch; no allocation per person, one buffer per frame.
 */
export class DetectionCamera {
  /** Keep per-person results of the latest frame (tests read them; off in runs). */
  keepSeen = false;
  readonly seen: SeenPerson[] = [];
  readonly raster: PeopleRaster;
  /** The frame's working arrays, shared by every camera. */
  private readonly sc = CameraScratch.shared();
  private minZ = 0;
  /** Half the body's width in the image of the person see() measured last, pixels. */
  private hwPx = 0;
  /** Pixels across per pixel down along the body axis of the person see() measured last (paint reuses it). */
  private slope = 0;
  /** Half the body's width at build 1 and depth 1 m, pixels (fx times BODY.halfWidthM, as each use computed it). */
  private readonly halfWPx: number;
  private readonly noise: NoiseTable;
  /** The grid in whole centimetres, what the kernel reads. */
  private readonly sight: SightGrid;
  private readonly writer: DetectionWriter;
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
    this.noise = NoiseTable.shared();
    this.raster = PeopleRaster.shared();
    this.sight = new SightGrid(grid);
    this.writer = new DetectionWriter(model, params, this.noise, this.sight, this.raster);
    const R = model.rotation;
    const [px, py, pz] = model.positionM;
    this.pose = new Float64Array(12);
    for (let k = 0; k < 9; k++) this.pose[k] = R[k]!;
    for (let r = 0; r < 3; r++) this.pose[9 + r] = -(R[3 * r]! * px + R[3 * r + 1]! * py + R[3 * r + 2]! * pz);
    this.fpLimit = Math.exp(-params.falsePositivesPerFrame);
    this.halfWPx = model.fx * BODY.halfWidthM;
  }

  /** The frame this camera captures of `bodies` at time tS, numbered `frame`. */
  sample(b: Bodies, tS: number, frame: number): CameraDetectionsFrame {
    const p = this.params;
    const rng = this.rng;
    if (b.n > this.sc.cand.length) this.sc.growPeople(b.n * 2);
    if (this.keepSeen) this.seen.length = 0;
    const nC = this.cull(b);
    // Nearest first, so each person is tested against those in front of them.
    this.sc.orderByDepth(nC);
    const ord = this.sc.order;
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
    const box = this.sc.box;
    const cc = this.sc.candCam;
    this.raster.startFrame(this.model.widthPx, this.model.heightPx);
    let det = this.sc.det;
    let nDet = 0;
    for (let c = 0; c < nC; c++) {
      const s = ord[c]!;
      const visible = this.see(b, s);
      const oc = s * CC;
      const heightPx = Math.abs(cc[oc + 7]! - cc[oc + 9]!);
      if (visible <= 0) {
        if (this.keepSeen) this.seen.push({ id: b.id[this.sc.cand[s]!]!, visible, heightPx, detected: false });
        continue;
      }
      // Detection probability: falls with occlusion and with small size in the image.
      const vr = (visible - minVis) / visSpan;
      const hr = (heightPx - minH) / sizeSpan;
      const pDetect = pMax * (vr >= 1 ? 1 : vr > 0 ? vr : 0) * (hr >= 1 ? 1 : hr > 0 ? hr : 0);
      const detected = pDetect > 0 && rng.uniform() < pDetect;
      if (this.keepSeen) this.seen.push({ id: b.id[this.sc.cand[s]!]!, visible, heightPx, detected });
      if (detected) {
        // Keep what writing it needs (its keypoints as the nearer people leave them); its noise
        // window is drawn now, in the stream's order.
        if ((nDet + 1) * DET > det.length) det = this.sc.growDet();
        const d = nDet * DET;
        det[d] = s;
        det[d + 1] = pDetect;
        det[d + 2] = heightPx;
        det[d + 3] = box[0]!;
        det[d + 4] = box[1]!;
        det[d + 5] = box[2]!;
        det[d + 6] = box[3]!;
        det[d + 7] = this.noise.start(rng);
        this.writer.locate(b, this.sc.cand, cc, s, this.minZ, det, nDet);
        nDet++;
      }
      // This person now hides the middle of their width along their axis from everyone further away.
      this.paint(s);
    }

    // One buffer per frame holds all three arrays: one allocation, one transferable. Views by
    // constructor, written directly (subarray() takes V8's slow species path, several times the cost).
    const nOut = nDet + fp;
    const buf = new ArrayBuffer(nOut * (BOX_FLOATS + KP_FLOATS + APPEARANCE_DIM) * 4);
    const boxes = new Float32Array(buf, 0, nOut * BOX_FLOATS);
    const keypoints = new Float32Array(buf, nOut * BOX_FLOATS * 4, nOut * KP_FLOATS);
    const appearance = new Float32Array(buf, nOut * (BOX_FLOATS + KP_FLOATS) * 4, nOut * APPEARANCE_DIM);
    const w = this.writer;
    for (let r = 0; r < nDet; r++) w.write(b, this.sc.cand, det, r, boxes, keypoints, appearance);
    for (let f = 0; f < fp; f++) w.spurious(rng, nDet + f, boxes, keypoints, appearance);
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
    const cand = this.sc.cand;
    const candDepth = this.sc.candDepth;
    const cc = this.sc.candCam;
    const halfWPx = this.halfWPx;
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
   * How much of candidate s shows (0..1): the share of the body above the fixtures' sight line
   * (exact, from the grid), times the share of that part's box inside the frame and in raster
   * cells no nearer person painted, measured per raster row over the body's width around its axis
   * there. Leaves the visible box in `box` (its rows that show at least BODY.rowSeenAt, across the
   * part's box clipped to the frame), the sight line's height in minZ, the half width in hwPx.
   */
  private see(b: Bodies, s: number): number {
    const i = this.sc.cand[s]!;
    const h = b.heightM[i]!;
    const minZ = this.sight.minZAt(b.x[i]!, b.y[i]!);
    this.minZ = minZ;
    // Wholly behind fixtures or a wall (a fifth of candidates in an aisled store): nothing shows.
    if (minZ >= h) return 0;
    const m = this.model;
    const W = m.widthPx;
    const H = m.heightPx;
    const cc = this.sc.candCam;
    const oc = s * CC;
    const u1 = cc[oc + 8]!;
    const v1 = cc[oc + 9]!;
    let uc = cc[oc + 6]!;
    let vc = cc[oc + 7]!;
    let fz = 1;
    if (minZ > 0) {
      // The sight line on the body axis: camera coordinates are linear in height.
      const f = minZ / h;
      fz = 1 - f;
      const X = cc[oc]! + (cc[oc + 3]! - cc[oc]!) * f;
      const Y = cc[oc + 1]! + (cc[oc + 4]! - cc[oc + 1]!) * f;
      const Z = cc[oc + 2]! + (cc[oc + 5]! - cc[oc + 2]!) * f;
      uc = (m.fx * X) / Z + m.cx;
      vc = (m.fy * Y) / Z + m.cy;
    }
    const hw = (this.halfWPx * b.build[i]!) / this.sc.candDepth[s]!;
    this.hwPx = hw;
    const uL = (uc < u1 ? uc : u1) - hw;
    const uR = (uc > u1 ? uc : u1) + hw;
    const vT = vc < v1 ? vc : v1;
    const vB = vc > v1 ? vc : v1;
    const l = uL > 0 ? uL : 0;
    const r = uR < W ? uR : W;
    const t = vT > 0 ? vT : 0;
    const bt = vB < H ? vB : H;
    if (r <= l || bt <= t) return 0;
    const R = this.raster;
    const ch = R.cellH;
    const j0 = Math.floor(t * R.perPxV);
    const j1 = Math.min(R.rows - 1, Math.floor(bt * R.perPxV));
    // The body axis is a straight line in the image (u0, v0 at the feet, u1, v1 at the head): a
    // row's body is its width around the axis there, not the whole (leaning) box.
    const u0 = cc[oc + 6]!;
    const v0 = cc[oc + 7]!;
    const dvAxis = v1 - v0;
    const slope = dvAxis > 1e-9 || dvAxis < -1e-9 ? (u1 - u0) / dvAxis : 0;
    this.slope = slope;
    const inv2hw = 1 / (2 * hw);
    const seenAt = BODY.rowSeenAt;
    let total = 0;
    let top = -1;
    let bottom = -1;
    for (let j = j0; j <= j1; j++) {
      const a = j * ch;
      const e = a + ch;
      const rt = a > t ? a : t;
      const rb = e < bt ? e : bt;
      if (rb <= rt) continue;
      const ua = u0 + ((rt + rb) / 2 - v0) * slope;
      const la = ua - hw > 0 ? ua - hw : 0;
      const ra = ua + hw < W ? ua + hw : W;
      const share = ra > la ? R.unpainted(j, la, ra) * inv2hw : 0;
      total += (rb - rt) * share;
      if (share >= seenAt) {
        if (top < 0) top = rt;
        bottom = rb;
      }
    }
    if (top < 0 || total <= 0) return 0;
    const box = this.sc.box;
    box[0] = l;
    box[1] = top;
    box[2] = r;
    box[3] = bottom;
    return (fz * total) / (vB - vT);
  }

  /**
   * Paints the rows of candidate s's visible box (in `box`) into the raster: per row the core of
   * the body's width around its axis there (see() left its half width in hwPx and its axis's slope
   * in slope). The whole box of a body leaning across the image is far wider than the body.
   */
  private paint(s: number): void {
    const R = this.raster;
    const box = this.sc.box;
    const cc = this.sc.candCam;
    const oc = s * CC;
    const u0 = cc[oc + 6]!;
    const v0 = cc[oc + 7]!;
    const slope = this.slope;
    const half = BODY.occluderCore * this.hwPx;
    // Cells whose centres lie in the core.
    const pu = R.perPxU;
    const pv = R.perPxV;
    const ch = R.cellH;
    const lastC = R.cols - 1;
    const j0 = Math.max(0, Math.ceil(box[1]! * pv - 0.5));
    const j1 = Math.min(R.rows - 1, Math.floor(box[3]! * pv - 0.5));
    for (let j = j0; j <= j1; j++) {
      const ua = u0 + ((j + 0.5) * ch - v0) * slope;
      const ca = Math.ceil((ua - half) * pu - 0.5);
      const cb = Math.floor((ua + half) * pu - 0.5);
      const c0 = ca > 0 ? ca : 0;
      const c1 = cb < lastC ? cb : lastC;
      if (c1 >= c0) R.paintRow(j, c0, c1);
    }
  }
}
