/** A point or vector on the floor plane, in metres (x east, y north). */
export type Vec2 = readonly [x: number, y: number];

/** Euclidean distance between two floor points, in metres. */
export function distance(a: Vec2, b: Vec2): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** The point at distance `t` (0..1) along the segment a→b. */
export function lerp2(a: Vec2, b: Vec2, t: number): Vec2 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** Rotates (x, y) counter-clockwise by `rad` radians. */
export function rotate(v: Vec2, rad: number): Vec2 {
  const c = Math.cos(rad);
  const s = Math.sin(rad);
  return [v[0] * c - v[1] * s, v[0] * s + v[1] * c];
}

/** Distance from point p to the segment a→b, in metres. */
export function distanceToSegment(p: Vec2, a: Vec2, b: Vec2): number {
  const [cx, cy] = closestOnSegment(p, a, b);
  return Math.hypot(p[0] - cx, p[1] - cy);
}

/** The point of segment a→b closest to p. */
export function closestOnSegment(p: Vec2, a: Vec2, b: Vec2): Vec2 {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return [a[0] + dx * t, a[1] + dy * t];
}
