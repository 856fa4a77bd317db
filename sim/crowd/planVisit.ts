import { distance } from '../geometry/Vec2.ts';
import type { Vec2 } from '../geometry/Vec2.ts';
import type { Rng } from '../rng/Rng.ts';
import type { Profile } from '../scenario/Scenario.ts';
import type { Task } from '../shoppers/Shopper.ts';
import type { Store, StoreSlot } from '../store/Store.ts';
import type { Appearance } from '../truth/Truth.ts';

/** Clothing colours shoppers are drawn from (assets/appearance.json). */
export interface Palette {
  readonly tops: readonly string[];
  readonly bottoms: readonly string[];
}

/** Body and clothing of one shopper, and their body radius in metres. */
export function drawAppearance(rng: Rng, palette: Palette): { appearance: Appearance; radiusM: number } {
  // Adult stature N(1.70, 0.09) m; build scales shoulder width and so the body radius.
  const heightM = round3(rng.clippedNormal({ mean: 1.7, sd: 0.09, min: 1.5, max: 1.95 }));
  const build = round3(rng.between(0.85, 1.2));
  return {
    appearance: { heightM, build, topColor: rng.pick(palette.tops), bottomColor: rng.pick(palette.bottoms) },
    radiusM: round3(Math.min(0.24, Math.max(0.17, 0.2 * build))),
  };
}

/**
 * A shopping list as tasks in walking order: distinct SKUs drawn by shelf presence (facings),
 * visited nearest-first from `start`, plus counter and fitting-room stops as the profile says.
 */
export function planTasks(rng: Rng, profile: Profile, store: Store, slotWeights: readonly number[], start: Vec2): { tasks: Task[]; list: string[] } {
  const size = store.slots.length === 0 ? 0
    : Math.min(profile.listSize.max, Math.max(profile.listSize.min, rng.poisson(profile.listSize.mean)));
  const chosen: StoreSlot[] = [];
  const skus = new Set<string>();
  for (let tries = 0; chosen.length < size && tries < size * 10; tries++) {
    const slot = store.slots[rng.weighted(slotWeights)]!;
    if (skus.has(slot.sku.id)) continue;
    skus.add(slot.sku.id);
    chosen.push(slot);
  }
  const tasks: Task[] = [];
  let at = start;
  while (chosen.length > 0) {
    let best = 0;
    for (let i = 1; i < chosen.length; i++) {
      if (distance(at, chosen[i]!.access.standAt) < distance(at, chosen[best]!.access.standAt)) best = i;
    }
    const slot = chosen.splice(best, 1)[0]!;
    tasks.push({ kind: 'pick', slot, sku: slot.sku.id, qty: rng.int(1, profile.quantityMax), planned: true });
    at = slot.access.standAt;
  }
  if (store.counters.length > 0 && rng.chance(profile.counterProb)) {
    tasks.splice(rng.int(0, tasks.length), 0, { kind: 'counter', counter: rng.int(0, store.counters.length - 1) });
  }
  if (store.fittingRooms.length > 0 && rng.chance(profile.fittingRoomProb)) {
    tasks.push({ kind: 'fitting', room: rng.int(0, store.fittingRooms.length - 1) });
  }
  return { tasks, list: tasks.flatMap((t) => (t.kind === 'pick' ? [t.sku] : [])) };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
