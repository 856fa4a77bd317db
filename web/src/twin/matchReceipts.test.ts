import { describe, expect, it } from 'vitest';
import { matchReceipts, sameLines } from './matchReceipts.ts';

const line = (sku: string, qty: number) => ({ sku, qty, unitCents: 100 });

describe('sameLines', () => {
  it('compares SKU quantities, whatever the order or the split into lines', () => {
    expect(sameLines([line('a', 2), line('b', 1)], [line('b', 1), line('a', 1), line('a', 1)])).toBe(true);
    expect(sameLines([line('a', 2)], [line('a', 1)])).toBe(false);
    expect(sameLines([line('a', 1)], [line('a', 1), line('c', 1)])).toBe(false);
    expect(sameLines([], [])).toBe(true);
  });
});

describe('matchReceipts', () => {
  it('pairs by account in time order, flags inexact and missing engine receipts', () => {
    const truth = [
      { visitId: 1, t: 10, accountId: 'a', lines: [line('x', 1)], totalCents: 100 },
      { visitId: 2, t: 20, accountId: 'b', lines: [line('y', 2)], totalCents: 200 },
      { visitId: 3, t: 30, accountId: 'a', lines: [line('z', 1)], totalCents: 100 },
      { visitId: 4, t: 40, accountId: null, lines: [line('z', 1)], totalCents: 100 },
      { visitId: 5, t: 50, accountId: 'c', lines: [], totalCents: 0 },
    ];
    const engine = [
      { t: 10.5, accountId: 'a', lines: [line('x', 1)], totalCents: 100 },
      { t: 21, accountId: 'b', lines: [line('y', 1)], totalCents: 100 },
      { t: 31, accountId: 'a', lines: [line('z', 1)], totalCents: 100 },
    ];
    const rows = matchReceipts(truth, engine);
    expect(rows.map((r) => [r.visitId, r.engine?.t ?? null, r.exact])).toEqual([
      [1, 10.5, true],
      [2, 21, false],
      [3, 31, true],
      [4, null, false],
      [5, null, false],
    ]);
  });

  it('does not pair an engine receipt issued well before the visit ended', () => {
    const rows = matchReceipts([{ visitId: 1, t: 100, accountId: 'a', lines: [], totalCents: 0 }], [{ t: 50, accountId: 'a', lines: [], totalCents: 0 }]);
    expect(rows[0]!.engine).toBeNull();
  });
});
