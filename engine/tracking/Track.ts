import type { TrackState } from '../api.ts';
import { APPEARANCE_DIM } from '../api.ts';
import { KALMAN_STATE_LENGTH } from '../kernels/kalman.ts';

/** Wrist rays kept per update on average (two wrists, from about two cameras). */
const WRISTS_PER_UPDATE = 4;
/** Floats per remembered wrist ray: t, side (0 left, 1 right), origin xyz, unit direction xyz. */
const WRIST_STRIDE = 8;

/** One person the tracker follows: filter state, appearance, lifecycle and recent positions. */
export class Track {
  readonly id: number;
  /** Time of the track's first detection, seconds. */
  readonly bornT: number;
  state: TrackState = 'tentative';
  /** Packed Kalman state (see kernels/kalman.ts). */
  readonly kf = new Float64Array(KALMAN_STATE_LENGTH);
  /** Time the filter state refers to, seconds. */
  t: number;
  lastSeenT: number;
  hits = 1;
  confidence: number;
  /** Smoothed unit appearance descriptor. */
  readonly appearance = new Float32Array(APPEARANCE_DIM);
  /** The account bound to this track, if any. */
  accountId: string | null = null;
  /** Set once the track has left through an exit (it will be removed soon). */
  exited = false;
  /** The cameras whose detections updated the track at the latest update (a camera set, cameraSets.ts); empty when unseen. */
  readonly seenBy: Uint32Array;
  /** Consecutive updates this track shadowed an older one with no camera seeing both (duplicate evidence). */
  dupCount = 0;
  /** Scratch of the merge pass. */
  dupSeen = false;
  private readonly hist: Float64Array;
  /** Ring of wrist rays seen (WRIST_STRIDE floats each), oldest overwritten first. */
  private readonly wrists: Float64Array;
  private wristHead = 0;
  private wristCount = 0;
  private histHead = 0;
  private histCount = 0;

  /** `camWords`: words per camera set (cameraSets.ts camWords of the store's camera count; 1 for up to 32 cameras). */
  constructor(id: number, t: number, confidence: number, historyLength: number, camWords = 1) {
    this.id = id;
    this.bornT = t;
    this.seenBy = new Uint32Array(camWords);
    this.t = t;
    this.lastSeenT = t;
    this.confidence = confidence;
    this.hist = new Float64Array(historyLength * 3);
    this.wrists = new Float64Array(historyLength * WRISTS_PER_UPDATE * WRIST_STRIDE);
  }

  /** Records the ray of the left (`side` 0) or right (1) wrist seen at time t (origin o, unit direction d; read from `src` at `at`). */
  rememberWrist(t: number, side: number, src: Float64Array, at: number): void {
    const cap = this.wrists.length / WRIST_STRIDE;
    const k = this.wristHead * WRIST_STRIDE;
    this.wrists[k] = t;
    this.wrists[k + 1] = side;
    for (let i = 0; i < 6; i++) this.wrists[k + 2 + i] = src[at + i]!;
    this.wristHead = (this.wristHead + 1) % cap;
    if (this.wristCount < cap) this.wristCount++;
  }

  /**
   * How close a wrist of this track came to point p between t0 and t1, metres (Infinity if no
   * wrist was seen then). A ray fixes no depth: the distance from p to one camera's ray only
   * bounds the wrist's distance from below, and a bystander's hand on the same line of sight
   * passes it too. So per instant and wrist, the bound is the largest over the cameras that saw
   * that wrist (the views that see it off p rule it out); an instant's miss is its nearer wrist's,
   * at most `capM`; the result is the mean of the two best instants (one lucky ray at one instant
   * is weaker evidence than a hand seen there twice), or the only one.
   */
  wristMissBetween(t0: number, t1: number, px: number, py: number, pz: number, capM = Infinity): number {
    const cap = this.wrists.length / WRIST_STRIDE;
    let best = Infinity;
    let next = Infinity;
    let groupT = NaN;
    let left = -1;
    let right = -1;
    for (let i = 0; i <= this.wristCount; i++) {
      const k = ((this.wristHead - 1 - i + cap) % cap) * WRIST_STRIDE;
      const t = i < this.wristCount ? this.wrists[k]! : -Infinity;
      if (t > t1) continue;
      if (t !== groupT) {
        // Rays of one update are stored together: a new time (or the end) closes the previous instant.
        const m = Math.min(left < 0 ? Infinity : left, right < 0 ? Infinity : right, capM);
        if (left >= 0 || right >= 0) {
          if (m < best) {
            next = best;
            best = m;
          } else if (m < next) {
            next = m;
          }
        }
        if (t < t0) break;
        groupT = t;
        left = -1;
        right = -1;
      }
      const d = rayDistance(this.wrists, k + 2, px, py, pz);
      if (this.wrists[k + 1] === 0) {
        if (d > left) left = d;
      } else if (d > right) {
        right = d;
      }
    }
    return next === Infinity ? best : (best + next) / 2;
  }

  get x(): number {
    return this.kf[0]!;
  }

  get y(): number {
    return this.kf[1]!;
  }

  /** Records the current position in the history ring. */
  remember(): void {
    const cap = this.hist.length / 3;
    const k = this.histHead * 3;
    this.hist[k] = this.t;
    this.hist[k + 1] = this.kf[0]!;
    this.hist[k + 2] = this.kf[1]!;
    this.histHead = (this.histHead + 1) % cap;
    if (this.histCount < cap) this.histCount++;
  }

  /** The smallest distance to (px, py) among remembered positions between t0 and t1 (Infinity if none). */
  minDistanceBetween(t0: number, t1: number, px: number, py: number): number {
    const cap = this.hist.length / 3;
    let best = Infinity;
    for (let i = 0; i < this.histCount; i++) {
      const k = ((this.histHead - 1 - i + cap) % cap) * 3;
      const t = this.hist[k]!;
      if (t > t1) continue;
      if (t < t0) break;
      const d = Math.hypot(this.hist[k + 1]! - px, this.hist[k + 2]! - py);
      if (d < best) best = d;
    }
    return best;
  }

  /**
   * When the remembered path last crossed the line through (ox, oy) with normal (nx, ny) from its
   * back side to its front side (linear between samples), with where along the line it crossed
   * (offset from (ox, oy) along (-ny, nx), metres) in `out[0]`. NaN when the remembered path never crossed.
   */
  crossedLineAt(ox: number, oy: number, nx: number, ny: number, out: Float64Array): number {
    const cap = this.hist.length / 3;
    // Newest first: the first front-side sample preceded by a back-side one is the latest crossing.
    let prevT = NaN;
    let prevD = NaN;
    let prevS = NaN;
    for (let i = 0; i < this.histCount; i++) {
      const k = ((this.histHead - 1 - i + cap) % cap) * 3;
      const dx = this.hist[k + 1]! - ox;
      const dy = this.hist[k + 2]! - oy;
      const d = dx * nx + dy * ny;
      const s = dx * -ny + dy * nx;
      const t = this.hist[k]!;
      if (d < 0 && prevD >= 0) {
        const f = d / (d - prevD);
        out[0] = s + f * (prevS - s);
        return t + f * (prevT - t);
      }
      prevT = t;
      prevD = d;
      prevS = s;
    }
    return NaN;
  }

  /** The oldest remembered sample: its time, and its position in out[0], out[1] (NaN when none). */
  oldestSample(out: Float64Array): number {
    if (this.histCount === 0) return NaN;
    const cap = this.hist.length / 3;
    const k = ((this.histHead - this.histCount + cap) % cap) * 3;
    out[0] = this.hist[k + 1]!;
    out[1] = this.hist[k + 2]!;
    return this.hist[k]!;
  }

  /** Where the track was last seen at or before t (the latest position when it is older). */
  positionAt(t: number, out: Float64Array): boolean {
    const cap = this.hist.length / 3;
    for (let i = 0; i < this.histCount; i++) {
      const k = ((this.histHead - 1 - i + cap) % cap) * 3;
      if (this.hist[k]! <= t + 1e-9) {
        out[0] = this.hist[k + 1]!;
        out[1] = this.hist[k + 2]!;
        return true;
      }
    }
    return false;
  }
}

/** Distance from point p to the ray stored at `k` of `a` (origin xyz, unit direction xyz); Infinity when p is behind its origin. */
function rayDistance(a: Float64Array, k: number, px: number, py: number, pz: number): number {
  const ox = px - a[k]!;
  const oy = py - a[k + 1]!;
  const oz = pz - a[k + 2]!;
  const s = ox * a[k + 3]! + oy * a[k + 4]! + oz * a[k + 5]!;
  if (s <= 0) return Infinity;
  return Math.sqrt(Math.max(0, ox * ox + oy * oy + oz * oz - s * s));
}
