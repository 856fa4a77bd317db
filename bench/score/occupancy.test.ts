import { describe, expect, it } from 'vitest';
import type { ShopperSpawn, TruthEvent } from '../../sim/truth/Truth.ts';
import type { RunLogLine, TruthRow } from '../run/RunLog.ts';
import { runLogHeader } from '../run/RunLogWriter.ts';
import { tinyScenario } from '../testing/tinyStore.ts';
import { occupancyGrid, scoreOccupancy } from './occupancy.ts';

const header = runLogHeader({ scenario: tinyScenario(), truthIntervalS: 0.5, durationS: 30, endS: 150 });

const spawn = (id: number, visitId: number): TruthEvent => ({
  kind: 'spawn',
  t: 0,
  shopper: {
    id, visitId, accountId: `acct-${visitId}`, groupId: null, profile: 'quick', speedMps: 1.3, radiusM: 0.2,
    appearance: { heightM: 1.7, build: 1, topColor: '#000000', bottomColor: '#ffffff' },
    list: [], adversarial: { tailgate: false, conceal: false, swap: false }, faceEnrolled: false, faceKey: `acct-${visitId}`,
  } as ShopperSpawn,
});
const ev = (e: TruthEvent): RunLogLine => ({ type: 'event', ...e });
const row = (id: number, x: number, y: number): TruthRow => [id, x, y, 0, 'walking', x, y, 1, x, y, 1];
const truth = (t: number, rows: TruthRow[]): RunLogLine => ({ type: 'truth', t, rows });

/**
 * Shoppers 1 and 2 shop together (visit 10), shopper 3 alone (visit 11); shopper 4 (visit 12) is
 * placed inside at the start and never enters; shopper 5 appears outside and never comes in.
 * Truth every 0.5 s:
 *   t=0    1@(0.25,0.25) 4@(3,2)
 *   t=0.5  1@(0.25,0.25) 2@(0.3,0.4)
 *   t=1    1@(0.75,0.25) 2@(0.3,0.4) 3@(5.9,3.9)
 *   t=1.5  3@(3,-1) 5@(1,-0.5)  (outside the 6 m x 4 m outline and its grid)
 */
const lines: RunLogLine[] = [
  header,
  ev(spawn(1, 10)), ev(spawn(2, 10)), ev(spawn(3, 11)), ev(spawn(4, 12)),
  ev({ kind: 'entered', t: 0, shopper: 1, door: 'in', scanned: false }),
  truth(0, [row(1, 0.25, 0.25), row(4, 3, 2)]),
  ev({ kind: 'entered', t: 0.5, shopper: 2, door: 'in', scanned: false }),
  truth(0.5, [row(1, 0.25, 0.25), row(2, 0.3, 0.4)]),
  ev({ kind: 'entered', t: 1, shopper: 3, door: 'in', scanned: false }),
  ev({ kind: 'take', t: 1, shopper: 1, slot: 'shelf-a/f0-0', sku: 'tea', planned: true, concealed: false }),
  ev({ kind: 'take', t: 1, shopper: 1, slot: 'shelf-a/f0-0', sku: 'tea', planned: true, concealed: false }),
  ev({ kind: 'put-back', t: 1, shopper: 3, slot: 'shelf-a/f1-1', sku: 'bun', intendedSlot: 'shelf-a/f1-1' }),
  truth(1, [row(1, 0.75, 0.25), row(2, 0.3, 0.4), row(3, 5.9, 3.9)]),
  ev({ kind: 'exited', t: 1, shopper: 4, door: 'out' }),
  ev({ kind: 'receipt', t: 1, visitId: 12, accountId: 'acct-12', shoppers: [4], totalCents: 250, lines: [{ sku: 'tea', qty: 1, unitCents: 250 }] }),
  ev(spawn(5, 13)),
  truth(1.5, [row(3, 3, -1), row(5, 1, -0.5)]),
  ev({ kind: 'exited', t: 2, shopper: 1, door: 'out' }),
  ev({ kind: 'exited', t: 3.5, shopper: 2, door: 'out' }),
  ev({
    kind: 'receipt', t: 3.5, visitId: 10, accountId: 'acct-10', shoppers: [1, 2], totalCents: 680,
    lines: [{ sku: 'tea', qty: 2, unitCents: 250 }, { sku: 'bun', qty: 1, unitCents: 180 }],
  }),
];

describe('scoreOccupancy', () => {
  const score = scoreOccupancy(lines);
  const at = (col: number, row: number) => score.grid.personSPerM2[row * score.grid.cols + col];

  it('lays a 0.5 m grid over the outline bounds', () => {
    expect(score.grid).toMatchObject({ originM: [0, 0], cellM: 0.5, cols: 12, rows: 8 });
    expect(occupancyGrid([[-0.2, 1.1], [3.1, 1.1], [3.1, 2.6]])).toMatchObject({ originM: [-0.5, 1], cols: 8, rows: 4 });
  });

  it('counts person-seconds per m²: each sample is 0.5 s over a 0.25 m² cell', () => {
    // Cell (0,0): 1 at t=0 and 0.5, 2 at t=0.5 and 1 -> 4 samples x 0.5 s = 2 person-s / 0.25 m² = 8.
    expect(at(0, 0)).toBeCloseTo(8, 12);
    expect(at(1, 0)).toBeCloseTo(2, 12);
    expect(at(11, 7)).toBeCloseTo(2, 12);
    expect(at(6, 4)).toBeCloseTo(2, 12);
    const total = score.grid.personSPerM2.reduce((a, b) => a + b, 0);
    expect(total * 0.25).toBeCloseTo(3.5, 12);
    expect(score.gridPersonS).toBeCloseTo(3.5, 12);
    expect(score.outsideGridPersonS).toBeCloseTo(1, 12);
  });

  it('sums the crowd: visits, time in store, items per visit, peak', () => {
    expect(score.crowd).toEqual({
      shoppers: 4, // 1, 2, 3 entered; 4 started inside; 5 never came in
      visits: 3,
      visitsCompleted: 2, // 10 and 12; shopper 3 never left
      meanTimeInStoreS: 2.5, // (2 - 0 + 3.5 - 0.5) / 2; shopper 4 has no entry time
      itemsPerVisit: 2, // (2 tea + 1 bun on visit 10's receipt + 1 tea on visit 12's) / 2
      peakInStore: 3,
      peakAtS: 1,
    });
  });

  it('totals checkout truth', () => {
    expect(score.checkout).toEqual({ receipts: 2, units: 4, totalCents: 930, currency: 'EUR', counterOrders: 0, takes: 2, putBacks: 1, handovers: 0 });
  });

  it('gives null means when nobody finished', () => {
    const s = scoreOccupancy(lines.slice(0, 6));
    expect(s.crowd.meanTimeInStoreS).toBeNull();
    expect(s.crowd.itemsPerVisit).toBeNull();
    expect(s.crowd.visitsCompleted).toBe(0);
  });

  it('needs the header first', () => {
    expect(() => scoreOccupancy(lines.slice(5))).toThrow('bench: scoreOccupancy needs the header line first');
  });
});
