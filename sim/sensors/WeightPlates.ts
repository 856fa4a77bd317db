import type { ShelfWeightFrame } from '../../engine/api.ts';
import { Rng } from '../rng/Rng.ts';
import type { Scenario } from '../scenario/Scenario.ts';
import type { Store } from '../store/Store.ts';

/** What the plates read from: the grams resting in a slot now. */
export interface PlateSource {
  readonly tick: number;
  readonly t: number;
  slotGrams(slotIndex: number): number;
}

interface ShelfPlates {
  readonly shelfId: string;
  readonly slots: readonly number[];
  /** Per-plate drift in grams per second: the scenario's rate times a per-plate factor. */
  readonly driftGPerS: Float64Array;
  readonly rng: Rng;
  frame: number;
}

/**
 * The weight plates: one per slot, read together per shelf at the plates' rate.
 * A reading is tare + contents + drift · t + Gaussian noise, rounded to 0.1 g as a load-cell ADC would.
 */
export class WeightPlates {
  private readonly shelves: ShelfPlates[] = [];
  private readonly periodTicks: number;

  constructor(scenario: Scenario, store: Store) {
    const p = scenario.sensors.plates;
    this.periodTicks = Math.max(1, Math.round(1 / (p.rateHz * scenario.dtS)));
    const byShelf = new Map<string, number[]>();
    for (const s of store.slots) {
      if (!s.plated) continue;
      const list = byShelf.get(s.shelfId) ?? [];
      list.push(s.index);
      byShelf.set(s.shelfId, list);
    }
    for (const [shelfId, slots] of byShelf) {
      const rng = new Rng(scenario.seed, `plates:${shelfId}`);
      const driftGPerS = Float64Array.from(slots, () => (p.driftGPerHour * rng.between(0.5, 1.5)) / 3600);
      this.shelves.push({ shelfId, slots, driftGPerS, rng, frame: 0 });
    }
    this.tare = p.tareG;
    this.sigma = p.noiseSigmaG;
  }

  private readonly tare: number;
  private readonly sigma: number;

  /** Appends the frames due at this tick. */
  sample(src: PlateSource, out: ShelfWeightFrame[] | unknown[]): void {
    if (src.tick % this.periodTicks !== 0) return;
    for (const sh of this.shelves) {
      const grams = sh.slots.map((slot, k) => {
        const g = this.tare + src.slotGrams(slot) + sh.driftGPerS[k]! * src.t + this.sigma * sh.rng.normal();
        return Math.round(g * 10) / 10;
      });
      (out as ShelfWeightFrame[]).push({ kind: 'shelf-weight', sensorId: sh.shelfId, frame: sh.frame++, t: src.t, grams });
    }
  }
}
