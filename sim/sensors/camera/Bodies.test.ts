import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../../testing.ts';
import { World } from '../../World.ts';
import { Bodies, handsInto, LOOK_FLOATS } from './Bodies.ts';
import { standIn } from './testRoom.ts';

const SEED = 7;

/** The look row `row` of `b`, as plain numbers. */
const lookAt = (b: Bodies, row: number) => [...b.looks.subarray(row * LOOK_FLOATS, (row + 1) * LOOK_FLOATS)];

/** The look a fresh Bodies gives shopper `id` (its first row). */
function freshLook(id: number): number[] {
  const b = new Bodies(SEED);
  b.fill([standIn(id, 1, 1)], 1, 0.1);
  return lookAt(b, 0);
}

describe('Bodies look rows', () => {
  it('frees the rows of shoppers gone a minute in the order the rows were given; newcomers reuse the last freed first', () => {
    const b = new Bodies(SEED);
    // 5 comes before 2: rows are given in arrival order, not id order.
    b.fill([standIn(5, 1, 1), standIn(2, 2, 1), standIn(9, 3, 1)], 1, 0.1);
    expect([...b.lookRow.subarray(0, 3)]).toEqual([0, 1, 2]);
    // At tick 1200 the sweep frees what was last seen before tick 600: 5's row 0, then 2's row 1.
    b.fill([standIn(9, 3, 1)], 1200, 120);
    b.fill([standIn(9, 3, 1), standIn(7, 4, 1), standIn(8, 5, 1)], 1201, 120.1);
    expect([...b.lookRow.subarray(0, 3)]).toEqual([2, 1, 0]);
    // A reused row holds the newcomer's look, the same as a fresh table gives it.
    expect(lookAt(b, 1)).toEqual(freshLook(7));
    expect(lookAt(b, 0)).toEqual(freshLook(8));
    // Shopper 5 seen again after its row went: a new row, its own look again.
    b.fill([standIn(5, 1, 1)], 1202, 120.2);
    expect(b.lookRow[0]).toBe(3);
    expect(lookAt(b, 3)).toEqual(freshLook(5));
  });

  it('keeps the rows of shoppers seen within the minute', () => {
    const b = new Bodies(SEED);
    b.fill([standIn(0, 1, 1), standIn(1, 2, 1)], 1, 0.1);
    b.fill([standIn(1, 2, 1)], 601, 60.1);
    // Sweep at 1200 frees what was last seen before 600: only shopper 0.
    b.fill([standIn(1, 2, 1)], 1200, 120);
    b.fill([standIn(1, 2, 1), standIn(3, 1, 1), standIn(4, 1, 1)], 1201, 120.1);
    expect([...b.lookRow.subarray(0, 3)]).toEqual([1, 0, 2]);
  });

  it('takes ids far past its table, and throws naming an id that is not a non-negative integer', () => {
    const b = new Bodies(SEED);
    b.fill([standIn(3, 1, 1), standIn(1000, 2, 1)], 1, 0.1);
    expect([...b.id.subarray(0, 2)]).toEqual([3, 1000]);
    expect([...b.lookRow.subarray(0, 2)]).toEqual([0, 1]);
    expect(lookAt(b, 1)).toEqual(freshLook(1000));
    expect(() => b.fill([standIn(-1, 1, 1)], 2, 0.2)).toThrow('sim: Bodies: shopper id -1 is not a non-negative integer');
    expect(() => b.fill([standIn(1.5, 1, 1)], 2, 0.2)).toThrow('sim: Bodies: shopper id 1.5');
  });
});

describe('Bodies heading', () => {
  it('gives the exact cos and sin of each tick heading, a kept heading and the sign of a zero included', () => {
    const b = new Bodies(SEED);
    for (const [tick, h] of [[1, 0.3], [2, 0.3], [3, 1.1], [4, 0], [5, -0], [6, -0], [7, 0], [8, -2.5]] as const) {
      const s = standIn(4, 2, 3, {}, h);
      b.fill([s], tick, tick / 10);
      expect(Object.is(b.cosHeading[0], Math.cos(h))).toBe(true);
      expect(Object.is(b.sinHeading[0], Math.sin(h))).toBe(true);
      const hands = new Float64Array(6);
      handsInto(s, tick / 10, hands, 0);
      expect([...b.hands.subarray(0, 6)]).toEqual([...hands]);
    }
    expect(Object.is(Math.sin(-0), -0)).toBe(true); // why the zero case above can fail at all
  });
});

describe('handsInto', () => {
  it('puts the hands exactly where Shopper.hands does, hanging and mid-reach', () => {
    const world = new World(bundledScenario('tao-cafe', (j) => {
      j.crowd.arrivals = [{ at: '12:00', perHour: 1500 }];
    }), { durationS: 300 });
    const out = new Float64Array(6);
    const wrong: string[] = [];
    let compared = 0;
    let reaching = 0;
    for (let t = 0; t < 1200; t++) {
      world.step();
      world.takeEvents();
      for (const s of world.present) {
        handsInto(s, world.t, out, 0);
        const h = s.hands(world.t);
        const want = [...h.left, ...h.right];
        for (let k = 0; k < 6; k++) if (!Object.is(out[k], want[k])) wrong.push(`shopper ${s.id} tick ${world.tick} [${k}]: ${out[k]} vs ${want[k]}`);
        compared++;
        if (s.reach) reaching++;
      }
    }
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(5000);
    expect(reaching).toBeGreaterThan(50);
  });
});
