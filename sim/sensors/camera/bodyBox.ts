import type { CameraModel } from './CameraModel.ts';
import { BODY } from './BodyModel.ts';

/** Sides of the polygon standing for each of the body's end circles: 32 over-draws the box by at most 1 / cos(pi / 32) - 1 = 0.5 % of the shoulder width. */
export const BODY_BOX_SIDES = 32;

/** Per side k, cos and sin of its vertex angle, scaled out to the polygon that circumscribes a unit circle (so it holds the whole circle). */
const RIM: Float64Array = (() => {
  const a = new Float64Array(2 * BODY_BOX_SIDES);
  const s = 1 / Math.cos(Math.PI / BODY_BOX_SIDES);
  for (let k = 0; k < BODY_BOX_SIDES; k++) {
    const t = ((2 * k + 1) * Math.PI) / BODY_BOX_SIDES;
    a[2 * k] = s * Math.cos(t);
    a[2 * k + 1] = s * Math.sin(t);
  }
  return a;
})();

const px = new Float64Array(2);

/**
 * The whole (amodal) image box of a standing body: an upright cylinder from the feet (z = 0) to
 * the head top (z = stature), its radius the shoulder half-width (BODY.halfWidthM x build), seen
 * through the pinhole and clipped to the image. The cylinder lies in the convex hull of its two end
 * circles, so the box of their images (each circle drawn by a polygon around it) holds the whole
 * body, seen from the side or from straight above. Occlusion is not applied: this is where the
 * person is, not what of them shows. Writes [left, top, right, bottom] (pixels, 0-based, as
 * CameraModel.project) into out[0..3] and returns true when any of the box is in the image; false
 * (out undefined) when part of the body is nearer the camera plane than BODY.nearM (behind or in
 * the lens, not imaged: the detector's rule) or the box is wholly outside the frame.
 */
export function bodyBoxPx(m: CameraModel, x: number, y: number, heightM: number, build: number, out: Float64Array): boolean {
  const r = BODY.halfWidthM * build;
  let l = Infinity;
  let t = Infinity;
  let rt = -Infinity;
  let b = -Infinity;
  for (let end = 0; end < 2; end++) {
    const z = end === 0 ? 0 : heightM;
    for (let k = 0; k < BODY_BOX_SIDES; k++) {
      if (m.project(x + r * RIM[2 * k]!, y + r * RIM[2 * k + 1]!, z, px) < BODY.nearM) return false;
      const u = px[0]!;
      const v = px[1]!;
      if (u < l) l = u;
      if (u > rt) rt = u;
      if (v < t) t = v;
      if (v > b) b = v;
    }
  }
  l = Math.max(0, l);
  t = Math.max(0, t);
  rt = Math.min(m.widthPx, rt);
  b = Math.min(m.heightPx, b);
  if (rt <= l || b <= t) return false;
  out[0] = l;
  out[1] = t;
  out[2] = rt;
  out[3] = b;
  return true;
}
