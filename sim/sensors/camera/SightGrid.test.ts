import { describe, expect, it } from 'vitest';
import { OcclusionGrid } from './OcclusionGrid.ts';
import { SightGrid } from './SightGrid.ts';

describe('SightGrid', () => {
  it('holds the grid in whole centimetres rounded up, the top and walls as never seen', () => {
    const bounds = { originX: 0, originY: 0, cols: 4, rows: 1, cellM: 1 };
    const g = new OcclusionGrid(bounds, [0, 0, 3], { fixtures: [], walls: [] });
    g.minVisibleZ.set([0, 0.123, 2.6, Infinity]);
    const s = new SightGrid(g);
    expect(s.minZAt(0.5, 0.5)).toBe(0);
    expect(s.minZAt(1.5, 0.5)).toBeCloseTo(0.13, 12); // never lower than the exact sight line
    expect(s.minZAt(2.5, 0.5)).toBe(Infinity);
    expect(s.minZAt(3.5, 0.5)).toBe(Infinity);
    expect(s.minZAt(-0.1, 0.5)).toBe(Infinity); // off the grid
    expect(s.minZAt(0.5, 1.5)).toBe(Infinity);
  });
});
