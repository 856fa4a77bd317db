import { describe, expect, it } from 'vitest';
import { PeopleRaster } from './PeopleRaster.ts';

describe('PeopleRaster', () => {
  it('maps pixels to cells of the frame in hand and tells who painted nearer', () => {
    const r = new PeopleRaster(4, 2);
    r.startFrame(3, 400, 100);
    expect(r.cellW).toBe(100);
    expect(r.cellH).toBe(50);
    // Rank 1 paints cell (1, 0): hidden from rank 2 and beyond, not from ranks 0 and 1.
    r.cells[1] = r.base + 1;
    expect(r.hiddenFrom(150, 10, 2)).toBe(true);
    expect(r.hiddenFrom(150, 10, 1)).toBe(false);
    expect(r.hiddenFrom(150, 10, 0)).toBe(false);
    expect(r.hiddenFrom(50, 10, 3)).toBe(false);
    // The right and bottom edges belong to the last cell.
    r.cells[7] = r.base;
    expect(r.hiddenFrom(400, 100, 1)).toBe(true);
    // A new frame forgets every cell without touching them.
    r.startFrame(3, 400, 100);
    expect(r.hiddenFrom(150, 10, 3)).toBe(false);
    expect(r.hiddenFrom(400, 100, 3)).toBe(false);
    expect(r.cells[1]).toBeGreaterThan(0);
  });

  it('clears the cells when the frame counter nears its limit, and refuses a bad size', () => {
    const r = new PeopleRaster(2, 2);
    r.startFrame(1, 10, 10);
    r.cells[0] = r.base;
    (r as unknown as { next: number }).next = 0x7fffffff - 2;
    r.startFrame(5, 10, 10);
    expect(r.base).toBe(1);
    expect(Array.from(r.cells)).toEqual([0, 0, 0, 0]);
    expect(() => new PeopleRaster(0, 2)).toThrow(/PeopleRaster/);
    expect(() => r.startFrame(1, 0, 10)).toThrow(/image size/);
  });
});
