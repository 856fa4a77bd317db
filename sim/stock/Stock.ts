import type { StoreSlot } from '../store/Store.ts';

/**
 * What every slot holds, by SKU. A slot normally holds its planogram SKU; put-backs into the
 * wrong slot and swaps leave foreign SKUs in it, which the weight plates then see.
 */
export class Stock {
  private readonly contents: Map<string, number>[];
  /** Grams resting in each slot, kept current on every take and put (plates read it each tick). */
  private readonly gramsBySlot: Float64Array;

  constructor(private readonly slots: readonly StoreSlot[], private readonly weightOf: (sku: string) => number) {
    this.contents = slots.map((s) => new Map(s.initialStock > 0 ? [[s.sku.id, s.initialStock]] : []));
    this.gramsBySlot = Float64Array.from(slots, (s) => s.initialStock * s.sku.weightG);
  }

  /** Units of `sku` in slot `index`. */
  count(index: number, sku: string): number {
    return this.contents[index]!.get(sku) ?? 0;
  }

  /** Units in slot `index`, all SKUs. */
  total(index: number): number {
    let n = 0;
    for (const v of this.contents[index]!.values()) n += v;
    return n;
  }

  /** Total grams resting in slot `index`. */
  grams(index: number): number {
    return this.gramsBySlot[index]!;
  }

  /** The SKU a shopper reaching for `wanted` takes from slot `index`: the wanted one if present, else none. */
  take(index: number, wanted: string): boolean {
    const m = this.contents[index]!;
    const n = m.get(wanted) ?? 0;
    if (n <= 0) return false;
    if (n === 1) m.delete(wanted);
    else m.set(wanted, n - 1);
    this.gramsBySlot[index]! -= this.weightOf(wanted);
    return true;
  }

  /** Puts one unit of `sku` into slot `index`. */
  put(index: number, sku: string): void {
    const m = this.contents[index]!;
    m.set(sku, (m.get(sku) ?? 0) + 1);
    this.gramsBySlot[index]! += this.weightOf(sku);
  }

  /** Units of every SKU across all slots. */
  bySku(): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of this.contents) for (const [sku, n] of m) out.set(sku, (out.get(sku) ?? 0) + n);
    return out;
  }

  /** Slot contents as plain records, in slot order, SKUs sorted (stable for logs). */
  snapshot(): { slot: string; items: Record<string, number> }[] {
    return this.contents.map((m, i) => ({
      slot: this.slots[i]!.id,
      items: Object.fromEntries([...m].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    }));
  }
}
