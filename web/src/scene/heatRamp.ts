import { interpolateYlOrRd } from 'd3-scale-chromatic';
import type { ColorRamp } from '../../../sim/render/HeatmapLayer.ts';

/** Entries of the colour lookup table: finer than the eye tells apart on a floor plan. */
const STEPS = 256;

const lut = new Uint8Array(STEPS * 3);
for (let i = 0; i < STEPS; i++) {
  // Starts a little way in: YlOrRd's first colours are near-white and would vanish on the floor.
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(interpolateYlOrRd(0.12 + (0.88 * i) / (STEPS - 1)));
  lut[i * 3] = Number(m?.[1] ?? 0);
  lut[i * 3 + 1] = Number(m?.[2] ?? 0);
  lut[i * 3 + 2] = Number(m?.[3] ?? 0);
}

/**
 * Yellow-orange-red (sequential, reads on a light floor) through a lookup table: no parsing per cell.
 * Square-root scaled: floor heat is long-tailed (a queue spot dwarfs the aisles), and a linear scale
 * would paint every aisle the same pale colour.
 */
export const heatRamp: ColorRamp = (unit, out, offset) => {
  const i = Math.min(STEPS - 1, Math.max(0, Math.round(Math.sqrt(unit) * (STEPS - 1)))) * 3;
  out[offset] = lut[i]!;
  out[offset + 1] = lut[i + 1]!;
  out[offset + 2] = lut[i + 2]!;
};
