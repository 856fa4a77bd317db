import type { ShopperPose } from '../../../sim/truth/Truth.ts';

/**
 * Inter-tick smoothing, pure: the twin ticks at 10 Hz while the view draws at 30-60 fps, so each
 * frame shows people part-way between the previous tick's pose and the latest one. The display
 * runs one tick behind the twin (it blends towards the latest tick, never extrapolates past it).
 */

/** What the play clock says at a frame, as `tickBlend` needs it. */
export interface BlendClock {
  /** Playing at a fixed speed (paused, stepping, seeking or 'max' show the latest tick exactly). */
  readonly playingAtSpeed: boolean;
  /** Simulated seconds per wall second. */
  readonly speed: number;
  /** Wall time and simulated time the play clock was anchored at, and the tick delivered then. */
  readonly anchorWallMs: number;
  readonly anchorSimS: number;
  readonly anchorTick: number;
  /** Wall time of this frame. */
  readonly nowMs: number;
  /** The latest delivered tick and its simulated time. */
  readonly latestTick: number;
  readonly latestS: number;
  /** The twin's step, seconds. */
  readonly tickS: number;
}

/**
 * Share of the way from the previous tick's pose to the latest's to draw at this frame, 0..1:
 * the simulated time the play clock has reached past the latest tick, in ticks. 1 (the latest
 * exactly) when not playing at a fixed speed, and until a tick arrives after the clock was
 * anchored (on play the view starts from what the paused view showed, not a tick back).
 */
export function tickBlend(c: BlendClock): number {
  if (!c.playingAtSpeed || c.latestTick <= c.anchorTick || !(c.tickS > 0)) return 1;
  const simNowS = c.anchorSimS + ((c.nowMs - c.anchorWallMs) / 1000) * c.speed;
  const f = (simNowS - c.latestS) / c.tickS;
  return f <= 0 ? 0 : f >= 1 ? 1 : f;
}

/** `a` to `b` by share `f`, the short way round the circle (radians, result not wrapped). */
export function lerpAngleRad(a: number, b: number, f: number): number {
  const TAU = 2 * Math.PI;
  const d = b - a - TAU * Math.round((b - a) / TAU);
  return a + d * f;
}

/** A drawn pose, filled in place every frame. */
export interface BlendedPose {
  x: number;
  y: number;
  headingRad: number;
  readonly leftHand: [number, number, number];
  readonly rightHand: [number, number, number];
}

/**
 * Writes into `out` the pose `f` of the way from `prev` to `latest`. A shopper with no previous
 * pose (appeared this tick) is drawn where the latest tick has them, not slid in from nowhere.
 */
export function blendPose(prev: ShopperPose | undefined, latest: ShopperPose, f: number, out: BlendedPose): void {
  if (prev === undefined || f >= 1) {
    out.x = latest.position[0];
    out.y = latest.position[1];
    out.headingRad = latest.headingRad;
    copy3(latest.leftHand, out.leftHand);
    copy3(latest.rightHand, out.rightHand);
    return;
  }
  out.x = prev.position[0] + (latest.position[0] - prev.position[0]) * f;
  out.y = prev.position[1] + (latest.position[1] - prev.position[1]) * f;
  out.headingRad = lerpAngleRad(prev.headingRad, latest.headingRad, f);
  lerp3(prev.leftHand, latest.leftHand, f, out.leftHand);
  lerp3(prev.rightHand, latest.rightHand, f, out.rightHand);
}

/** Writes into `out` the floor point `f` of the way from `prev` to `latest` (`latest` itself when there is no `prev`). */
export function blendPoint(prev: readonly [number, number] | undefined, latest: readonly [number, number], f: number, out: [number, number]): void {
  if (prev === undefined || f >= 1) {
    out[0] = latest[0];
    out[1] = latest[1];
    return;
  }
  out[0] = prev[0] + (latest[0] - prev[0]) * f;
  out[1] = prev[1] + (latest[1] - prev[1]) * f;
}

function copy3(a: readonly [number, number, number], out: [number, number, number]): void {
  out[0] = a[0];
  out[1] = a[1];
  out[2] = a[2];
}

function lerp3(a: readonly [number, number, number], b: readonly [number, number, number], f: number, out: [number, number, number]): void {
  out[0] = a[0] + (b[0] - a[0]) * f;
  out[1] = a[1] + (b[1] - a[1]) * f;
  out[2] = a[2] + (b[2] - a[2]) * f;
}
