import type { Bodies } from './Bodies.ts';
import type { CameraModel } from './CameraModel.ts';
import type { OcclusionGrid } from './OcclusionGrid.ts';

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

/** Floats per candidate in the cull's scratch: camera coordinates of foot and head top (6), their pixels (4). */
export const CC = 10;

/**
 * What one camera sees of the bodies, geometry only (no noise): who is a candidate (in front of
 * it and in frame), in depth order, and for each how much shows past fixtures (the camera's
 * OcclusionGrid, height-aware), the nearer people already seen (their boxes) and the frame
 * edges, slice by slice, with the visible box. Scratch grows, never shrinks; nothing allocates
 * per person. DetectionCamera reads its arrays to place keypoints and draw detections.
 */
export class BodyVisibility {
  cand = new Int32Array(64);
  candDepth = new Float64Array(64);
  /** Per candidate, camera coordinates of the foot point and of the top of the head (X0, Y0, Z0, X1, Y1, Z1), then their pixels (u0, v0, u1, v1). */
  candCam = new Float64Array(64 * CC);
  /** Candidates in depth order (indices into cand). */
  order = new Int32Array(64);
  /** Boxes (left, top, right, bottom) of the people seen so far this frame, nearest first: what hides those further away. */
  occ = new Float64Array(64 * 4);
  nOcc = 0;
  /** Offsets in occ of the nearer people overlapping the body last passed to see(). */
  hits = new Int32Array(64);
  nHit = 0;
  /** Visible fraction of each slice of the body last passed to see(), feet first. */
  readonly sliceVis = new Float64Array(BODY.slices);
  /** The visible box of the body last passed to see(): left, top, right, bottom, pixels. */
  readonly box = new Float64Array(4);
  /** World to camera: R row-major (9), then t = -R C (3). */
  readonly pose: Float64Array;
  private readonly eu = new Float64Array(BODY.slices + 1);
  private readonly ev = new Float64Array(BODY.slices + 1);
  private readonly hidden = new Float64Array(BODY.slices);

  constructor(readonly model: CameraModel, readonly grid: OcclusionGrid) {
    const R = model.rotation;
    const [px, py, pz] = model.positionM;
    this.pose = new Float64Array(12);
    for (let k = 0; k < 9; k++) this.pose[k] = R[k]!;
    for (let r = 0; r < 3; r++) this.pose[9 + r] = -(R[3 * r]! * px + R[3 * r + 1]! * py + R[3 * r + 2]! * pz);
  }

  /**
   * Who is in front of the camera (two dot products) and inside the frame at all: fills the
   * candidates' camera coordinates and pixels of foot and head top and their depth, puts them in
   * depth order (`order`), clears the occluders; returns how many.
   */
  candidates(b: Bodies): number {
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
    if (b.n > this.cand.length) this.grow(b.n * 2);
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
    // Nearest first, so each person is tested against those in front of them (insertion sort: small n).
    const ord = this.order;
    for (let a = 0; a < nC; a++) {
      const d = candDepth[a]!;
      let k = a - 1;
      while (k >= 0 && candDepth[ord[k]!]! > d) {
        ord[k + 1] = ord[k]!;
        k--;
      }
      ord[k + 1] = a;
    }
    this.nOcc = 0;
    return nC;
  }

  /**
   * How much of candidate s shows (0..1), slice by slice: fixtures (height-aware, from the grid),
   * the nearer people seen so far (their boxes in occ; those overlapping are left in hits), and
   * the frame edges. The slices seen (> 0.3) make the visible box, left in `box`. The image of a
   * standing body is monotonic along it, so that box spans the first and last seen slices' edges:
   * a body wholly in frame projects only those, not every slice edge.
   */
  see(b: Bodies, s: number): number {
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

  /** Makes the visible box of the body last passed to see() hide the middle of it from everyone further away. */
  addOccluder(): void {
    const ob = this.nOcc * 4;
    const box = this.box;
    const shrink = ((1 - BODY.occluderCore) / 2) * (box[2]! - box[0]!);
    this.occ[ob] = box[0]! + shrink;
    this.occ[ob + 1] = box[1]!;
    this.occ[ob + 2] = box[2]! - shrink;
    this.occ[ob + 3] = box[3]!;
    this.nOcc++;
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

  private grow(cap: number): void {
    this.cand = new Int32Array(cap);
    this.candDepth = new Float64Array(cap);
    this.candCam = new Float64Array(cap * CC);
    this.order = new Int32Array(cap);
    this.occ = new Float64Array(cap * 4);
    this.hits = new Int32Array(cap);
  }
}
