import { describe, expect, it } from 'vitest';
import { camWords, camsCopy, camsEmpty, camsEqual, camsHas, camsIntersect, camsSetOnly, camsUnionInto } from './cameraSets.ts';

/** A flat buffer of `rows` sets for `cameras` cameras, row r holding the cameras listed in `members[r]`. */
function sets(cameras: number, members: readonly (readonly number[])[]): { a: Uint32Array; w: number } {
  const w = camWords(cameras);
  const a = new Uint32Array(members.length * w);
  members.forEach((list, r) => {
    camsSetOnly(a, r, -1, w);
    const one = new Uint32Array(w);
    for (const c of list) {
      camsSetOnly(one, 0, c, w);
      camsUnionInto(a, r, one, 0, w);
    }
  });
  return { a, w };
}

describe('cameraSets', () => {
  it('sizes sets in 32-camera words, at least one', () => {
    expect([0, 1, 31, 32, 33, 64, 65, 200].map(camWords)).toEqual([1, 1, 1, 1, 2, 2, 3, 7]);
    expect(() => camWords(-1)).toThrow(/engine: camera count must be a whole number >= 0, got -1/);
    expect(() => camWords(2.5)).toThrow(/got 2.5/);
  });

  it('holds for up to 32 cameras exactly the old 32-bit mask, bit i for camera i', () => {
    const a = new Uint32Array(1);
    for (let i = 0; i < 32; i++) {
      camsSetOnly(a, 0, i, 1);
      expect(a[0]).toBe((1 << i) >>> 0);
    }
  });

  it('tells camera k from camera k + 32 and k + 64 (no aliasing across words)', () => {
    const { a, w } = sets(100, [[8], [40], [72], [8, 40], [31], [32], [63, 64, 99], []]);
    expect(w).toBe(4);
    expect(camsIntersect(a, 0, a, 1, w)).toBe(false); // 8 vs 40
    expect(camsIntersect(a, 0, a, 2, w)).toBe(false); // 8 vs 72
    expect(camsIntersect(a, 1, a, 2, w)).toBe(false); // 40 vs 72
    expect(camsIntersect(a, 3, a, 1, w)).toBe(true); // {8, 40} vs 40
    expect(camsIntersect(a, 4, a, 5, w)).toBe(false); // 31 vs 32, the word boundary
    expect(camsEqual(a, 0, a, 1, w)).toBe(false);
    expect(camsEqual(a, 3, a, 3, w)).toBe(true);
    expect([8, 40, 72].map((c) => camsHas(a, 3, c, w))).toEqual([true, true, false]);
    expect([62, 63, 64, 65, 99].map((c) => camsHas(a, 6, c, w))).toEqual([false, true, true, false, true]);
    expect(camsHas(a, 6, 128, w)).toBe(false); // beyond the set: not a member, no read past it
    expect(camsEmpty(a, 7, w)).toBe(true);
    expect(camsEmpty(a, 1, w)).toBe(false); // a set whose only camera is in word 1
  });

  it('unions and copies whole sets, every word', () => {
    const { a, w } = sets(70, [[8], [40, 69], [], []]);
    camsUnionInto(a, 2, a, 0, w);
    camsUnionInto(a, 2, a, 1, w);
    expect([8, 40, 69, 0, 41].map((c) => camsHas(a, 2, c, w))).toEqual([true, true, true, false, false]);
    camsCopy(a, 3, a, 1, w);
    expect(camsEqual(a, 3, a, 1, w)).toBe(true);
    expect(camsHas(a, 3, 8, w)).toBe(false);
    // Camera 31 is the word's sign bit: still stored as an unsigned member.
    const { a: b } = sets(32, [[31], [0]]);
    camsUnionInto(b, 1, b, 0, 1);
    expect(b[1]).toBe(0x80000001);
  });
});
