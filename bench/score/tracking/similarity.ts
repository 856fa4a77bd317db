/** Where a floor-plane similarity reaches 0: two metres, as TrackEval's 3D location datasets and the AI City MTMC benchmark. */
export const FLOOR_ZERO_DISTANCE_M = 2;

/**
 * Floor-plane similarity of the points a (n x 2) and b (m x 2): max(0, 1 - d / zeroDistanceM),
 * row-major n x m into `out` (TrackEval's `_calculate_euclidean_similarity`).
 */
export function floorSimilarity(a: ArrayLike<number>, b: ArrayLike<number>, out: Float64Array, zeroDistanceM = FLOOR_ZERO_DISTANCE_M): Float64Array {
  const n = a.length / 2;
  const m = b.length / 2;
  // Beyond this along either axis the formula gives exactly +0 (see below): most pairs on a floor.
  const far = zeroDistanceM > 0 ? zeroDistanceM * FAR_MARGIN : Infinity;
  for (let i = 0; i < n; i++) {
    const ax = a[2 * i]!;
    const ay = a[2 * i + 1]!;
    for (let j = 0; j < m; j++) {
      const dx = ax - b[2 * j]!;
      const dy = ay - b[2 * j + 1]!;
      // |dx| > z(1 + 1e-9) makes the rounded distance exceed z (sqrt and the squares lose at most a
      // few ulps, ~1e-16 relative), so d / z rounds to >= 1 and max(0, 1 - d / z) is +0: the same
      // value without the square root. NaN fails the test and takes the formula.
      if (dx > far || dx < -far || dy > far || dy < -far) {
        out[i * m + j] = 0;
        continue;
      }
      out[i * m + j] = Math.max(0, 1 - Math.sqrt(dx * dx + dy * dy) / zeroDistanceM);
    }
  }
  return out;
}

/** floorSimilarity's shortcut margin: far above the few ulps the distance can lose, far below any distance that matters. */
const FAR_MARGIN = 1 + 1e-9;

/** numpy's float64 eps, TrackEval's guard on empty boxes and unions. */
const EPS = 2.220446049250313e-16;

/**
 * IoU of boxes a (n x 4) and b (m x 4), each `left, top, width, height` with no +1 on sizes,
 * row-major n x m into `out` (TrackEval's `_calculate_box_ious`, xywh). Empty boxes give 0.
 */
export function boxIou(a: ArrayLike<number>, b: ArrayLike<number>, out: Float64Array): Float64Array {
  const n = a.length / 4;
  const m = b.length / 4;
  for (let i = 0; i < n; i++) {
    const ax0 = a[4 * i]!;
    const ay0 = a[4 * i + 1]!;
    const ax1 = ax0 + a[4 * i + 2]!;
    const ay1 = ay0 + a[4 * i + 3]!;
    const areaA = (ax1 - ax0) * (ay1 - ay0);
    for (let j = 0; j < m; j++) {
      const bx0 = b[4 * j]!;
      const by0 = b[4 * j + 1]!;
      const bx1 = bx0 + b[4 * j + 2]!;
      const by1 = by0 + b[4 * j + 3]!;
      const areaB = (bx1 - bx0) * (by1 - by0);
      let inter = Math.max(Math.min(ax1, bx1) - Math.max(ax0, bx0), 0) * Math.max(Math.min(ay1, by1) - Math.max(ay0, by0), 0);
      let union = areaA + areaB - inter;
      if (areaA <= EPS || areaB <= EPS || union <= EPS) inter = 0;
      if (union <= EPS) union = 1;
      out[i * m + j] = inter / union;
    }
  }
  return out;
}
