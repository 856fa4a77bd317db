import type { FloorPoint } from '../api.ts';

/** Even-odd test of a floor point against a polygon (the store outline): true inside. */
export function insidePolygon(x: number, y: number, poly: readonly FloorPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
