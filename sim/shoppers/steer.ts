/** Tunables of the walking controller, each with why it has this value. */
export const STEER = {
  /** Within this distance of the final waypoint a walker slows down linearly, metres. */
  slowRadiusM: 0.6,
  /** An intermediate waypoint counts as passed within this distance, metres. */
  passRadiusM: 0.35,
  /** The final waypoint counts as reached within this distance, metres. */
  arriveRadiusM: 0.12,
  /** Neighbours beyond this range are ignored, metres (personal space in a shop aisle). */
  neighbourRangeM: 1.2,
  /** Strength of the social repulsion, m/s (Helbing-style exponential, scaled to walking speeds). */
  repulsionMps: 0.9,
  /** Fall-off length of the repulsion, metres. */
  repulsionFalloffM: 0.25,
  /** Weight of neighbours behind relative to those ahead (anisotropy, so people pass each other). */
  behindWeight: 0.25,
  /** Sideways bias when someone is ahead on a collision course: keep to the right, m/s per unit. */
  passRightMps: 0.35,
  /** A walker never exceeds its preferred speed by more than this factor. */
  maxOverspeed: 1.3,
} as const;

const RANGE2 = STEER.neighbourRangeM * STEER.neighbourRangeM;

/** Writes the preferred velocity towards `target` into out[0..1]; returns the distance left. */
export function seek(x: number, y: number, tx: number, ty: number, speedMps: number, final: boolean, out: Float64Array): number {
  const dx = tx - x;
  const dy = ty - y;
  const d = Math.hypot(dx, dy);
  if (d < 1e-9) {
    out[0] = 0;
    out[1] = 0;
    return 0;
  }
  const v = final ? speedMps * Math.min(1, d / STEER.slowRadiusM) : speedMps;
  out[0] = (dx / d) * v;
  out[1] = (dy / d) * v;
  return d;
}

/**
 * Adds social repulsion from one neighbour to the velocity in out[0..1].
 * (dirX, dirY) is the walker's unit heading; radii are the bodies' radii.
 */
export function repel(
  x: number, y: number, r: number, dirX: number, dirY: number,
  nx: number, ny: number, nr: number, out: Float64Array,
): void {
  const dx = x - nx;
  const dy = y - ny;
  const d2 = dx * dx + dy * dy;
  if (d2 > RANGE2 || d2 < 1e-18) return;
  const d = Math.sqrt(d2);
  const ux = dx / d;
  const uy = dy / d;
  // cos of the angle between our heading and the direction to the neighbour: 1 = dead ahead.
  const ahead = -(ux * dirX + uy * dirY);
  const w = STEER.behindWeight + (1 - STEER.behindWeight) * Math.max(0, ahead);
  const f = STEER.repulsionMps * Math.exp((r + nr - d) / STEER.repulsionFalloffM) * w;
  out[0]! += ux * f;
  out[1]! += uy * f;
  if (ahead > 0.7) {
    // Someone in front: step to our right (heading rotated clockwise).
    out[0]! += dirY * STEER.passRightMps * ahead;
    out[1]! += -dirX * STEER.passRightMps * ahead;
  }
}

/** Caps the speed of the velocity in out[0..1]. */
export function capSpeed(out: Float64Array, maxMps: number): void {
  const s = Math.hypot(out[0]!, out[1]!);
  if (s > maxMps) {
    out[0] = (out[0]! / s) * maxMps;
    out[1] = (out[1]! / s) * maxMps;
  }
}
