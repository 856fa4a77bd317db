import { describe, expect, it } from 'vitest';
import { PeopleRaster } from './PeopleRaster.ts';

/** The unpainted length of [l, r] in row j, cell by cell (the definition unpainted() computes by words). */
function byCells(r: PeopleRaster, j: number, l: number, rr: number): number {
  let vis = rr - l;
  for (let c = 0; c < r.cols; c++) {
    if (((r.bits[2 * j + (c >> 5)]! >>> (c & 31)) & 1) === 0) continue;
    const a = c * r.cellW;
    const e = c === r.cols - 1 ? Infinity : a + r.cellW;
    const ov = Math.min(e, rr) - Math.max(a, l);
    if (ov > 0) vis -= ov;
  }
  return vis;
}

describe('PeopleRaster', () => {
  it('maps pixels to cells of the frame in hand and tells which are painted', () => {
    const r = new PeopleRaster(4, 2);
    r.startFrame(400, 100);
    expect(r.cellW).toBe(100);
    expect(r.cellH).toBe(50);
    r.paintRow(0, 1, 1);
    expect(r.painted(150, 10)).toBe(true);
    expect(r.painted(50, 10)).toBe(false);
    expect(r.painted(150, 60)).toBe(false);
    // The right and bottom edges belong to the last cell.
    r.paintRow(1, 3, 3);
    expect(r.painted(400, 100)).toBe(true);
    // A new frame forgets every cell.
    r.startFrame(400, 100);
    expect(r.painted(150, 10)).toBe(false);
    expect(r.painted(400, 100)).toBe(false);
  });

  it('paints runs across both words of a 64-column row', () => {
    const r = new PeopleRaster(64, 1);
    r.startFrame(640, 10);
    r.paintRow(0, 30, 33);
    const on = Array.from({ length: 64 }, (_, c) => r.painted(c * 10 + 5, 5));
    expect(on.flatMap((p, c) => (p ? [c] : []))).toEqual([30, 31, 32, 33]);
    r.paintRow(0, 0, 63);
    expect(r.bits[0]).toBe(-1);
    expect(r.bits[1]).toBe(-1);
  });

  it('measures the unpainted length of a span as cell-by-cell overlap does', () => {
    const r = new PeopleRaster(64, 2);
    r.startFrame(1920, 60);
    // Nothing painted: the whole span.
    expect(r.unpainted(0, 100, 250)).toBe(150);
    r.paintRow(0, 2, 4); // pixels 60-150
    r.paintRow(0, 31, 33); // pixels 930-1020, across the word boundary
    r.paintRow(0, 63, 63); // the last cell, 1890-1920
    // Ends partly in painted cells: 100-150 hidden of 100-250.
    expect(r.unpainted(0, 100, 250)).toBeCloseTo(100, 9);
    // Inside one painted cell: nothing shows.
    expect(r.unpainted(0, 95, 115)).toBe(0);
    // Across the word boundary: 930-1020 hidden of 900-1100.
    expect(r.unpainted(0, 900, 1100)).toBeCloseTo(110, 9);
    // Up to the image's right edge.
    expect(r.unpainted(0, 1800, 1920)).toBeCloseTo(90, 9);
    // Another row is untouched.
    expect(r.unpainted(1, 100, 250)).toBe(150);
    // Random spans agree with the cell-by-cell definition.
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 2000; k++) {
      const a = next() * 64;
      r.paintRow(1, Math.floor(a), Math.min(63, Math.floor(a + next() * 6)));
      const l = next() * 1920;
      const rr = Math.min(1920, l + 1 + next() * 400);
      expect(r.unpainted(1, l, rr)).toBeCloseTo(byCells(r, 1, l, rr), 6);
      if (k % 50 === 49) r.startFrame(1920, 60);
    }
  });

  it('refuses a bad size', () => {
    expect(() => new PeopleRaster(0, 2)).toThrow(/PeopleRaster/);
    expect(() => new PeopleRaster(65, 2)).toThrow(/1-64/);
    expect(() => new PeopleRaster(4, 2).startFrame(0, 10)).toThrow(/image size/);
  });
});
