import type { Vec2 } from './Vec2.ts';

/** Signed area of a simple polygon (positive when counter-clockwise), in m². */
export function signedArea(poly: readonly Vec2[]): number {
  let sum = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

/** Whether p lies inside the polygon (even-odd rule; points on an edge may go either way). */
export function pointInPolygon(p: Vec2, poly: readonly Vec2[]): boolean {
  return insidePolygon(p[0], p[1], poly);
}

/** `pointInPolygon` on bare coordinates, for hot loops that should not allocate a point. */
export function insidePolygon(x: number, y: number, poly: readonly Vec2[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether the open segments a1→a2 and b1→b2 properly cross. */
export function segmentsCross(a1: Vec2, a2: Vec2, b1: Vec2, b2: Vec2): boolean {
  const d1 = cross(b1, b2, a1);
  const d2 = cross(b1, b2, a2);
  const d3 = cross(a1, a2, b1);
  const d4 = cross(a1, a2, b2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function cross(o: Vec2, a: Vec2, b: Vec2): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Axis-aligned bounds of a set of points. */
export function bounds(points: readonly Vec2[]): { min: Vec2; max: Vec2 } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { min: [minX, minY], max: [maxX, maxY] };
}

/** Whether two convex polygons overlap by more than `toleranceM` (separating-axis test). */
export function convexOverlap(a: readonly Vec2[], b: readonly Vec2[], toleranceM = 1e-6): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i]!;
      const q = poly[(i + 1) % poly.length]!;
      const nx = q[1] - p[1];
      const ny = p[0] - q[0];
      const len = Math.hypot(nx, ny);
      const [minA, maxA] = project(a, nx / len, ny / len);
      const [minB, maxB] = project(b, nx / len, ny / len);
      if (maxA <= minB + toleranceM || maxB <= minA + toleranceM) return false;
    }
  }
  return true;
}

function project(poly: readonly Vec2[], nx: number, ny: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const [x, y] of poly) {
    const d = x * nx + y * ny;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  return [min, max];
}
