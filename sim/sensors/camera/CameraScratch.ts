import { KEYPOINTS } from '../../../engine/api.ts';

/** Floats per candidate in the cull's scratch: camera coordinates of foot and head top (6), their pixels (4). */
export const CC = 10;

/**
 * Floats per detection kept between deciding and writing it: candidate, pDetect, heightPx,
 * visible box (left, top, right, bottom), noise-window start, then per keypoint (KEYPOINTS order)
 * its pixel u, v and how well it is seen (0 not seen, -1 not imaged), as decided before any
 * further person was painted.
 */
export const DET_KP = 8;
export const DET = DET_KP + 3 * KEYPOINTS.length;

/** Depth buckets of the frame's pre-sort: 0.25 m each, the last holding everything beyond 32 m. */
export const BUCKETS_PER_M = 4;
export const DEPTH_BUCKETS = 128;

let shared: CameraScratch | undefined;

/**
 * The working arrays of one camera frame: candidates, their depth order, the decided detections.
 * Frames are computed one at a time, so every camera uses the one shared set (it stays in cache
 * between the twin's steps instead of one set per camera). Grows, never shrinks.
 */
export class CameraScratch {
  cand = new Int32Array(64);
  candDepth = new Float64Array(64);
  /** Per candidate, camera coordinates of the foot point and of the top of the head (X0, Y0, Z0, X1, Y1, Z1), then their pixels (u0, v0, u1, v1). */
  candCam = new Float64Array(64 * CC);
  /** Candidates in depth order (indices into cand), and their depths beside them (the sort moves both). */
  order = new Int32Array(64);
  orderDepth = new Float64Array(64);
  /** Per candidate its depth bucket, and per bucket where its candidates start in the order. */
  orderKey = new Int32Array(64);
  readonly bucketN = new Int32Array(DEPTH_BUCKETS + 1);
  /** The frame's detections as decided (DET floats each). */
  det: Float64Array<ArrayBuffer> = new Float64Array(64 * DET);
  /** The visible box of the body in hand: left, top, right, bottom, pixels. */
  readonly box = new Float64Array(4);

  /** The set every camera uses. */
  static shared(): CameraScratch {
    return (shared ??= new CameraScratch());
  }

  /**
   * Puts the first n candidates in depth order, nearest first, into `order` (depths beside them in
   * orderDepth): a stable counting sort by depth bucket, then insertion sort over the nearly sorted
   * result (the same order as a stable sort by depth, in O(n) instead of O(n^2) moves).
   */
  orderByDepth(n: number): void {
    const ord = this.order;
    const od = this.orderDepth;
    const depth = this.candDepth;
    const key = this.orderKey;
    const cnt = this.bucketN;
    const last = DEPTH_BUCKETS - 1;
    // Counts and starts only over the buckets in use (a frame's people span a few metres of the 32).
    let kLo = last;
    let kHi = 0;
    for (let a = 0; a < n; a++) {
      const q = Math.floor(depth[a]! * BUCKETS_PER_M);
      const k = q < last ? q : last;
      key[a] = k;
      if (k < kLo) kLo = k;
      if (k > kHi) kHi = k;
    }
    for (let k = kLo; k <= kHi + 1; k++) cnt[k] = 0;
    for (let a = 0; a < n; a++) cnt[key[a]! + 1]!++;
    for (let k = kLo + 1; k <= kHi + 1; k++) cnt[k] = cnt[k]! + cnt[k - 1]!;
    for (let a = 0; a < n; a++) {
      const at = cnt[key[a]!]!++;
      ord[at] = a;
      od[at] = depth[a]!;
    }
    for (let a = 1; a < n; a++) {
      const s = ord[a]!;
      const d = od[a]!;
      let k = a - 1;
      while (k >= 0 && od[k]! > d) {
        ord[k + 1] = ord[k]!;
        od[k + 1] = od[k]!;
        k--;
      }
      ord[k + 1] = s;
      od[k + 1] = d;
    }
  }

  /** Room for `cap` candidates. */
  growPeople(cap: number): void {
    this.cand = new Int32Array(cap);
    this.candDepth = new Float64Array(cap);
    this.candCam = new Float64Array(cap * CC);
    this.order = new Int32Array(cap);
    this.orderDepth = new Float64Array(cap);
    this.orderKey = new Int32Array(cap);
  }

  /** Room for twice the detections, keeping those decided. */
  growDet(): Float64Array<ArrayBuffer> {
    const d = new Float64Array(this.det.length * 2);
    d.set(this.det);
    this.det = d;
    return d;
  }
}
