import { describe, expect, it } from 'vitest';
import { LABEL_LAYOUT, LabelLayout } from './labelLayout.ts';

const LH = LABEL_LAYOUT.lineHeightPx;

describe('LabelLayout', () => {
  it('leaves labels that do not touch at their anchors', () => {
    const L = new LabelLayout();
    L.place(3, [0, 200, 0], [50, 50, 100], [80, 80, 80]);
    expect(Array.from(L.y.subarray(0, 3))).toEqual([50, 50, 100]);
    expect(Array.from(L.moved.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  it('moves a label overlapping a higher one down a line at a time, and no two placed boxes overlap', () => {
    const L = new LabelLayout();
    // Three tracks of a group at the counter, anchors a few pixels apart.
    L.place(3, [100, 104, 98], [200, 203, 206], [90, 90, 90]);
    expect(L.y[0]).toBe(200);
    expect(L.moved[0]).toBe(0);
    expect(L.y[1]).toBe(203 + LH);
    expect(L.y[2]).toBe(206 + 2 * LH);
    expect(L.moved[1]).toBe(1);
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(Math.abs(L.y[i]! - L.y[j]!)).toBeGreaterThanOrEqual(LH);
  });

  it('stops after maxShiftLines at the least overlapping line, and grows past its first size', () => {
    const n = 40;
    const ax = new Array<number>(n).fill(10);
    const ay = new Array<number>(n).fill(300);
    const w = new Array<number>(n).fill(60);
    const L = new LabelLayout();
    L.place(n, ax, ay, w);
    for (let i = 0; i < n; i++) {
      expect(L.y[i]).toBeGreaterThanOrEqual(300);
      expect(L.y[i]).toBeLessThanOrEqual(300 + LABEL_LAYOUT.maxShiftLines * LH);
    }
    // The first five take the five lines; the rest pile where they overlap least.
    expect(Array.from(L.y.subarray(0, 5))).toEqual([0, 1, 2, 3, 4].map((s) => 300 + s * LH));
  });
});
