/**
 * A minimal engine: the smallest thing that speaks the contract and bills shoppers. It ignores the
 * cameras; it opens a visit per entry scan, charges every unit leaving a shelf plate to the visit
 * opened last, and bills the oldest open visit when someone passes an exit. Right for one shopper
 * at a time, wrong in a crowd: a starting point for your own engine.
 *
 *   npx storetwin run scenarios/tao-cafe.json --engine engine/examples/minimal.ts
 */
import type { ChargeLine, CreateEngine, Engine, EngineEvent, SensorFrame, StoreDescription } from '../api.ts';
import { API_VERSION } from '../api.ts';

/** A plate whose weight moved by more than this many grams from its settled value has changed. */
const CHANGE_G = 20;

interface Visit {
  readonly accountId: string;
  readonly cart: Map<string, number>;
}

class MinimalEngine implements Engine {
  private plates = new Map<string, { slotId: string; sku: string; weightG: number }[]>();
  private settled = new Map<string, number[]>();
  private prices = new Map<string, number>();
  private exits = new Set<string>();
  private open: Visit[] = [];

  init(store: StoreDescription): void {
    if (store.apiVersion !== API_VERSION) throw new Error(`minimal engine: speaks API ${API_VERSION}, the store ${store.apiVersion}`);
    const weight = new Map(store.catalog.map((c) => [c.sku, c.weightG]));
    for (const c of store.catalog) this.prices.set(c.sku, c.priceCents);
    for (const s of store.shelves) this.plates.set(s.id, s.plates.map((p) => ({ slotId: p.slotId, sku: p.sku, weightG: weight.get(p.sku)! })));
    for (const d of store.doors) if (d.role === 'exit') this.exits.add(d.id);
  }

  ingest(t: number, frames: readonly SensorFrame[]): EngineEvent[] {
    const out: EngineEvent[] = [];
    for (const f of frames) {
      if (f.kind === 'qr-scan') {
        this.open.push({ accountId: f.accountId, cart: new Map() });
        out.push({ kind: 'binding', t, trackId: 0, accountId: f.accountId, method: 'qr', at: f.at, confidence: 1 });
      } else if (f.kind === 'shelf-weight') {
        this.plateReading(t, f.sensorId, f.grams, out);
      } else if (f.kind === 'door-pass' && (f.direction === 'out' || this.exits.has(f.sensorId))) {
        const v = this.open.shift();
        if (v !== undefined) out.push(receipt(t, v, this.prices));
      }
    }
    return out;
  }

  finish(): EngineEvent[] {
    return [];
  }

  /** Whole units gone from (or back on) a plate since its last settled reading go to the latest visit's cart. */
  private plateReading(t: number, shelf: string, grams: readonly number[], out: EngineEvent[]): void {
    const plates = this.plates.get(shelf);
    if (plates === undefined) return;
    const settled = this.settled.get(shelf) ?? [...grams];
    this.settled.set(shelf, settled);
    grams.forEach((g, k) => {
      const delta = g - settled[k]!;
      const units = Math.round(-delta / plates[k]!.weightG);
      if (Math.abs(delta) < CHANGE_G || units === 0) return;
      settled[k] = g;
      const visit = this.open.at(-1);
      if (visit === undefined) return;
      const sku = plates[k]!.sku;
      visit.cart.set(sku, (visit.cart.get(sku) ?? 0) + units);
      out.push({ kind: 'cart-line', t, accountId: visit.accountId, trackId: null, slotId: plates[k]!.slotId, sku, qty: units, confidence: 0.5 });
    });
  }
}

function receipt(t: number, v: Visit, prices: Map<string, number>): EngineEvent {
  const lines: ChargeLine[] = [...v.cart].filter(([, q]) => q > 0).sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([sku, qty]) => ({ sku, qty, unitCents: prices.get(sku)! }));
  return { kind: 'receipt', t, accountId: v.accountId, trackIds: [], lines, totalCents: lines.reduce((s, l) => s + l.qty * l.unitCents, 0) };
}

/** The module's factory: `storetwin run --engine` calls it once per run. */
const createEngine: CreateEngine = () => new MinimalEngine();
export default createEngine;
