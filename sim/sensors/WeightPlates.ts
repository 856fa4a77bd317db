import type { ShelfWeightFrame } from '../../engine/api.ts';
import { Rng } from '../rng/Rng.ts';
import type { Scenario } from '../scenario/Scenario.ts';
import type { Store } from '../store/Store.ts';
import type { ActiveFault, FaultPlan } from './faults/FaultPlan.ts';
import { countEffect, inWindow } from './faults/FaultPlan.ts';

/** What the plates read from: the grams resting in a slot now. */
export interface PlateSource {
  readonly tick: number;
  readonly t: number;
  slotGrams(slotIndex: number): number;
}

type PlateFault = ActiveFault<'plate-drift'> | ActiveFault<'plate-stuck'> | ActiveFault<'plate-noise-burst'>;

interface ShelfPlates {
  readonly shelfId: string;
  readonly slots: readonly number[];
  /** Per-plate drift in grams per second: the scenario's rate times a per-plate factor. */
  readonly driftGPerS: Float64Array;
  readonly rng: Rng;
  /** Faults per plate (empty arrays when none). */
  readonly faults: readonly (readonly PlateFault[])[];
  /** The latest reading of each plate (what a stuck plate repeats). */
  readonly last: Float64Array;
  frame: number;
}

/**
 * The weight plates: one per slot, read together per shelf at the plates' rate.
 * A reading is tare + contents + drift · t + Gaussian noise, rounded to 0.1 g as a load-cell ADC would.
 * Plate faults (drift, stuck, noise bursts) act on top, from their own streams.
 */
export class WeightPlates {
  private readonly shelves: ShelfPlates[] = [];
  private readonly periodTicks: number;

  constructor(scenario: Scenario, store: Store, faults?: FaultPlan) {
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
      const plateFaults = slots.map((slot) => {
        const id = store.slots[slot]!.id;
        const hits = (f: { shelf: string; slot?: string | undefined }) => f.shelf === shelfId && (f.slot === undefined || f.slot === id);
        return faults ? [...faults.of('plate-drift', hits), ...faults.of('plate-stuck', hits), ...faults.of('plate-noise-burst', hits)] : [];
      });
      this.shelves.push({ shelfId, slots, driftGPerS, rng, faults: plateFaults, last: new Float64Array(slots.length), frame: 0 });
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
        let g = this.tare + src.slotGrams(slot) + sh.driftGPerS[k]! * src.t + this.sigma * sh.rng.normal();
        let stuck = false;
        for (const f of sh.faults[k]!) {
          if (!inWindow(f.fault, src.t)) continue;
          countEffect(f, 'readingsAffected');
          if (f.fault.kind === 'plate-drift') g += (f.fault.gPerHour / 3600) * (src.t - f.fault.fromS);
          else if (f.fault.kind === 'plate-noise-burst') g += f.fault.sigmaG * f.rng.normal();
          else stuck = true;
        }
        // A plate stuck from its first reading has nothing earlier to repeat: it freezes at what it reads first.
        const reading = stuck && sh.frame > 0 ? sh.last[k]! : Math.round(g * 10) / 10;
        sh.last[k] = reading;
        return reading;
      });
      (out as ShelfWeightFrame[]).push({ kind: 'shelf-weight', sensorId: sh.shelfId, frame: sh.frame++, t: src.t, grams });
    }
  }
}
