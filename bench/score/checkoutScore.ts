import type { ChargeLine } from '../../engine/api.ts';
import type { ReceiptLine, TruthEvent } from '../../sim/truth/Truth.ts';
import type { RunData } from './collectRun.ts';
import { mean, percentile, ratio } from './stats.ts';

/** Why a receipt line is wrong. */
export type WrongLineCause = 'missed item' | 'extra item' | 'charged to an account that did not shop' | 'no receipt for the visit';

/** One wrong line of a receipt, for the report's receipts table. */
export interface WrongLine {
  /** When the engine's receipt came (or the true receipt, when the engine sent none), seconds. */
  readonly t: number;
  readonly accountId: string;
  /** Truth shopper ids of the visit (empty when the account did not shop). */
  readonly shoppers: readonly number[];
  readonly sku: string;
  /** Engine quantity minus true quantity. */
  readonly qtyDelta: number;
  readonly centsDelta: number;
  readonly cause: WrongLineCause;
}

/** How the engine's bills compare to what shoppers took. */
export interface CheckoutScore {
  /** True receipts of visits with an account (those the engine could bill). */
  readonly trueReceipts: number;
  readonly engineReceipts: number;
  readonly exactReceipts: number;
  /** exactReceipts / trueReceipts; null without true receipts. */
  readonly exactReceiptRate: number | null;
  readonly itemPrecision: number | null;
  readonly itemRecall: number | null;
  readonly itemF1: number | null;
  readonly overchargedCents: number;
  readonly underchargedCents: number;
  /** Visits with no account (tailgaters): what they took, never billable. */
  readonly unbilledVisits: number;
  readonly unbilledCents: number;
  readonly alerts: number;
  readonly alertsByKind: Readonly<Record<string, number>>;
  /** Alerts per 1000 visits; null without visits. */
  readonly reviewsPer1000: number | null;
  readonly exitToReceiptMeanS: number | null;
  readonly exitToReceiptP95S: number | null;
  readonly counterOrders: number;
  readonly counterCharges: number;
  readonly wrongLines: readonly WrongLine[];
}

interface Bill {
  readonly qty: Map<string, number>;
  t: number;
  shoppers: number[];
  exitT: number | null;
}

function addLines(bill: Bill, lines: readonly (ReceiptLine | ChargeLine)[]): void {
  for (const l of lines) bill.qty.set(l.sku, (bill.qty.get(l.sku) ?? 0) + l.qty);
}

/**
 * Checkout metrics: true receipts (truth `receipt` events) and the engine's `receipt` events
 * matched by account; items compared as multisets of SKU units per account; money at catalog prices.
 */
export function scoreCheckout(run: RunData, visits: number): CheckoutScore {
  const price = new Map(run.header.catalog.skus.map((s) => [s.id, s.priceCents]));
  const exitedAt = new Map<number, number>();
  for (const e of run.events) if (e.kind === 'exited') exitedAt.set(e.shopper, e.t);
  const truth = new Map<string, Bill>();
  let unbilledVisits = 0;
  let unbilledCents = 0;
  let counterOrders = 0;
  for (const e of run.events as readonly TruthEvent[]) {
    if (e.kind === 'order') counterOrders++;
    if (e.kind !== 'receipt') continue;
    if (e.accountId === null) {
      unbilledVisits++;
      unbilledCents += e.totalCents;
      continue;
    }
    let bill = truth.get(e.accountId);
    if (bill === undefined) truth.set(e.accountId, (bill = { qty: new Map(), t: e.t, shoppers: [], exitT: null }));
    addLines(bill, e.lines);
    bill.shoppers.push(...e.shoppers);
    for (const s of e.shoppers) {
      const x = exitedAt.get(s);
      if (x !== undefined) bill.exitT = Math.max(bill.exitT ?? x, x);
    }
  }
  const engine = new Map<string, Bill>();
  let engineReceipts = 0;
  let counterCharges = 0;
  const alertsByKind: Record<string, number> = {};
  let alerts = 0;
  for (const e of run.engine) {
    if (e.kind === 'alert') {
      alerts++;
      alertsByKind[e.alert] = (alertsByKind[e.alert] ?? 0) + 1;
    } else if (e.kind === 'counter-charge') {
      counterCharges++;
    } else if (e.kind === 'receipt') {
      engineReceipts++;
      let bill = engine.get(e.accountId);
      if (bill === undefined) engine.set(e.accountId, (bill = { qty: new Map(), t: e.t, shoppers: [], exitT: null }));
      addLines(bill, e.lines);
      bill.t = e.t;
    }
  }

  let tpUnits = 0;
  let engineUnits = 0;
  let trueUnits = 0;
  let exact = 0;
  let over = 0;
  let under = 0;
  const wrongLines: WrongLine[] = [];
  const exitToReceipt: number[] = [];
  const accounts = [...new Set([...truth.keys(), ...engine.keys()])].sort();
  for (const account of accounts) {
    const t = truth.get(account);
    const e = engine.get(account);
    const skus = [...new Set([...(t?.qty.keys() ?? []), ...(e?.qty.keys() ?? [])])].sort();
    let same = true;
    for (const sku of skus) {
      const qt = Math.max(0, t?.qty.get(sku) ?? 0);
      const qe = Math.max(0, e?.qty.get(sku) ?? 0);
      tpUnits += Math.min(qt, qe);
      trueUnits += qt;
      engineUnits += qe;
      if (qt === qe) continue;
      same = false;
      const cents = (qe - qt) * (price.get(sku) ?? 0);
      if (cents > 0) over += cents;
      else under -= cents;
      const cause: WrongLineCause = t === undefined ? 'charged to an account that did not shop' : e === undefined ? 'no receipt for the visit' : qe > qt ? 'extra item' : 'missed item';
      wrongLines.push({ t: e?.t ?? t!.t, accountId: account, shoppers: t?.shoppers ?? [], sku, qtyDelta: qe - qt, centsDelta: cents, cause });
    }
    if (t !== undefined && same) exact++;
    if (t !== undefined && e !== undefined && t.exitT !== null) exitToReceipt.push(e.t - t.exitT);
  }
  wrongLines.sort((a, b) => a.t - b.t || a.accountId.localeCompare(b.accountId) || a.sku.localeCompare(b.sku));
  const precision = ratio(tpUnits, engineUnits);
  const recall = ratio(tpUnits, trueUnits);
  return {
    trueReceipts: truth.size,
    engineReceipts,
    exactReceipts: exact,
    exactReceiptRate: ratio(exact, truth.size),
    itemPrecision: precision,
    itemRecall: recall,
    itemF1: precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    overchargedCents: over,
    underchargedCents: under,
    unbilledVisits,
    unbilledCents,
    alerts,
    alertsByKind,
    reviewsPer1000: visits === 0 ? null : (1000 * alerts) / visits,
    exitToReceiptMeanS: mean(exitToReceipt),
    exitToReceiptP95S: percentile(exitToReceipt, 95),
    counterOrders,
    counterCharges,
    wrongLines,
  };
}
