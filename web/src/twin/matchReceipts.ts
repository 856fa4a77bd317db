import type { ChargeLine } from '../../../engine/api.ts';

/** A receipt, true or the engine's, reduced to what is compared. */
export interface ReceiptLike {
  readonly t: number;
  readonly accountId: string | null;
  readonly lines: readonly ChargeLine[];
  readonly totalCents: number;
}

/** One visit's receipts side by side. */
export interface ReceiptRow {
  readonly visitId: number;
  readonly accountId: string | null;
  readonly truth: ReceiptLike;
  /** The engine's receipt for the same account, or null if it gave none (yet). */
  readonly engine: ReceiptLike | null;
  /** Same SKUs and quantities on both (prices are the catalog's either way). */
  readonly exact: boolean;
}

/** Whether two receipts bill the same SKUs in the same quantities. */
export function sameLines(a: readonly ChargeLine[], b: readonly ChargeLine[]): boolean {
  const qty = new Map<string, number>();
  for (const l of a) qty.set(l.sku, (qty.get(l.sku) ?? 0) + l.qty);
  for (const l of b) qty.set(l.sku, (qty.get(l.sku) ?? 0) - l.qty);
  for (const v of qty.values()) if (v !== 0) return false;
  return true;
}

/**
 * Pairs each true receipt with the engine's receipt for the same account: the earliest engine
 * receipt of that account not already paired and issued no earlier than `earlyS` before the true
 * one (an account may visit twice in a run). Pure.
 */
export function matchReceipts(
  truth: readonly (ReceiptLike & { readonly visitId: number })[],
  engine: readonly ReceiptLike[],
  earlyS = 5,
): ReceiptRow[] {
  const taken = new Uint8Array(engine.length);
  return truth.map((r) => {
    let found = -1;
    if (r.accountId !== null) {
      for (let i = 0; i < engine.length; i++) {
        const e = engine[i]!;
        if (!taken[i] && e.accountId === r.accountId && e.t >= r.t - earlyS) {
          found = i;
          break;
        }
      }
    }
    if (found >= 0) taken[found] = 1;
    const e = found >= 0 ? engine[found]! : null;
    return { visitId: r.visitId, accountId: r.accountId, truth: r, engine: e, exact: e !== null && sameLines(r.lines, e.lines) };
  });
}
