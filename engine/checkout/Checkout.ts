import type { ChargeLine, EngineEvent, PlateInfo, ShelfWeightFrame, StoreDescription } from '../api.ts';
import type { EngineConfig } from '../EngineConfig.ts';
import type { WeightCandidate } from '../kernels/explainWeightChange.ts';
import { explainWeightChange } from '../kernels/explainWeightChange.ts';
import type { PlateChange, PlateChangeParams, PlateChangeState } from '../kernels/plateChange.ts';
import { plateChangeParams, plateChangeState, plateChangeStep } from '../kernels/plateChange.ts';
import type { Track } from '../tracking/Track.ts';

interface Plate {
  readonly info: PlateInfo;
  /** This plate's detector: its threshold follows the weight of the unit it holds. */
  readonly params: PlateChangeParams;
  readonly state: PlateChangeState;
  /** Units of other SKUs put back here by mistake, by SKU. */
  readonly foreign: Map<string, number>;
}

/**
 * Checkout from the shelves: per plate, robust change detection; each change explained as units
 * of a SKU (the planogram's, a misplaced one lying there, or, for a put-back, one from the
 * shopper's cart or anywhere in the catalog); attributed to the track that stood at the slot then
 * (`ambiguous-pick` when another could have done it too); carts per account (or per unbound
 * track); receipts when a visit ends.
 */
export class Checkout {
  private readonly shelves = new Map<string, Plate[]>();
  private readonly catalog = new Map<string, { priceCents: number; weightG: number }>();
  private readonly allSkus: WeightCandidate[];
  /** Carts by account id, or `track:<id>` for an unbound track. */
  private readonly carts = new Map<string, Map<string, number>>();
  private readonly candidates: WeightCandidate[] = [];

  constructor(store: StoreDescription, private readonly cfg: EngineConfig['checkout']) {
    for (const c of store.catalog) this.catalog.set(c.sku, { priceCents: c.priceCents, weightG: c.weightG });
    this.allSkus = store.catalog.map((c) => ({ sku: c.sku, weightG: c.weightG }));
    for (const sh of store.shelves) {
      this.shelves.set(sh.id, sh.plates.map((info) => {
        const item = this.catalog.get(info.sku);
        if (!item) throw new Error(`engine: slot ${info.slotId} holds ${info.sku}, which is not in the catalog`);
        const params = plateChangeParams(store.plateSpec.noiseSigmaG, 1 / store.plateSpec.rateHz, cfg.plateChange, item.weightG);
        return { info, params, state: plateChangeState(params), foreign: new Map() };
      }));
    }
  }

  /** One reading of a shelf's plates. */
  shelfWeight(f: ShelfWeightFrame, tracks: readonly Track[], out: EngineEvent[]): void {
    const plates = this.shelves.get(f.sensorId);
    if (!plates) return;
    if (f.grams.length !== plates.length) throw new Error(`engine: shelf ${f.sensorId} sent ${f.grams.length} readings for ${plates.length} plates (frame ${f.frame})`);
    for (let k = 0; k < plates.length; k++) {
      const p = plates[k]!;
      const change = plateChangeStep(p.state, p.params, f.t, f.grams[k]!);
      if (change) this.explain(p, change, tracks, out);
    }
  }

  /** Bills a finished visit: the cart's positive lines, sorted by SKU. */
  visitEnded(t: number, accountId: string, trackIds: readonly number[], out: EngineEvent[]): void {
    const cart = this.carts.get(accountId);
    this.carts.delete(accountId);
    const lines: ChargeLine[] = [];
    if (cart) {
      for (const sku of [...cart.keys()].sort()) {
        const qty = cart.get(sku)!;
        if (qty > 0) lines.push({ sku, qty, unitCents: this.catalog.get(sku)!.priceCents });
      }
    }
    out.push({ kind: 'receipt', t, accountId, trackIds: [...trackIds], lines, totalCents: lines.reduce((s, l) => s + l.qty * l.unitCents, 0) });
  }

  /** What an unbound track carries, for an alert's detail (empty when nothing). */
  unboundCart(trackId: number): string {
    const cart = this.carts.get(`track:${trackId}`);
    if (!cart) return '';
    const items = [...cart].filter(([, q]) => q > 0).map(([sku, q]) => `${q} x ${sku}`);
    return items.length > 0 ? ` carrying ${items.join(', ')}` : '';
  }

  /** Moves what a track picked while unbound into its account's cart. */
  bound(trackId: number, accountId: string): void {
    const from = this.carts.get(`track:${trackId}`);
    if (!from) return;
    this.carts.delete(`track:${trackId}`);
    for (const [sku, q] of from) this.add(accountId, sku, q);
  }

  /** Moves what an unbound track picked to another unbound track (the tracker merged them). */
  moveCart(from: number, to: number): void {
    const cart = this.carts.get(`track:${from}`);
    if (!cart) return;
    this.carts.delete(`track:${from}`);
    for (const [sku, q] of cart) this.add(`track:${to}`, sku, q);
  }

  private explain(p: Plate, change: PlateChange, tracks: readonly Track[], out: EngineEvent[]): void {
    const { info } = p;
    // Whose hand was in the slot while it changed (wrist rays through the reach point); failing
    // that, who stood nearest the slot.
    const t0 = change.startT - this.cfg.attributeLeadS;
    const [sx, sy] = info.standPointM;
    const [rx, ry, rz] = info.reachPointM;
    // Nearest and runner-up by floor distance to the stand point; and by hand: a wrist ray near the
    // reach point, scored with the body's floor distance too, since a ray fixes no depth (a shopper
    // farther along the camera's line of sight can seem to reach the same slot).
    let best: Track | null = null;
    let bestD = Infinity;
    let second: Track | null = null;
    let secondD = Infinity;
    let hand: Track | null = null;
    let handC = Infinity;
    let handSecond: Track | null = null;
    let handSecondC = Infinity;
    const k = this.cfg.handFloorWeight;
    // The hand is in the slot when the weight changes, not seconds before (a bystander's hand
    // passes the slot's line of sight at other moments).
    const hw = this.cfg.handWindowS;
    const sw = this.cfg.standWindowS;
    for (const tr of tracks) {
      if (tr.state === 'tentative') continue;
      const near = tr.minDistanceBetween(t0, change.endT, sx, sy);
      if (near > this.cfg.attributeRadiusM) continue;
      // Where the body stood when the item left (a passer-by comes as near some time in seconds);
      // a track unseen then keeps its nearest pass.
      const then = tr.minDistanceBetween(change.startT - sw, change.startT + sw, sx, sy);
      const d = then < Infinity ? then : near;
      if (d <= bestD) {
        second = best;
        secondD = bestD;
        best = tr;
        bestD = d;
      } else if (d < secondD) {
        second = tr;
        secondD = d;
      }
      const w = tr.wristMissBetween(change.startT - hw, change.startT + hw, rx, ry, rz, this.cfg.handInstantCapM);
      if (w > this.cfg.wristRadiusM) continue;
      const c = w + k * d;
      if (c <= handC) {
        handSecond = hand;
        handSecondC = handC;
        hand = tr;
        handC = c;
      } else if (c < handSecondC) {
        handSecond = tr;
        handSecondC = c;
      }
    }
    let ambiguous = second !== null && secondD - bestD < this.cfg.ambiguityMarginM;
    let why = '';
    if (hand !== null) {
      // A hand in the slot decides; only another hand about as good makes it doubtful.
      const runnerUp = handSecond ?? (hand === best ? second : best);
      if (hand !== best) bestD = this.standDistance(hand, t0, change, sx, sy);
      best = hand;
      second = runnerUp;
      secondD = runnerUp === null ? Infinity : this.standDistance(runnerUp, t0, change, sx, sy);
      ambiguous = handSecond !== null && handSecondC - handC < this.cfg.wristMarginM;
      why = `; hand scores ${round(handC)} and ${handSecond === null ? 'none' : round(handSecondC)}`;
    }
    // Members of one group pay from one cart: a doubt between them changes no receipt.
    if (ambiguous && second !== null && best !== null && best.accountId !== null && second.accountId === best.accountId) ambiguous = false;
    const cartKey = best === null ? null : (best.accountId ?? `track:${best.id}`);
    const cands = this.candidates;
    cands.length = 0;
    cands.push({ sku: info.sku, weightG: this.catalog.get(info.sku)!.weightG });
    for (const sku of p.foreign.keys()) cands.push({ sku, weightG: this.catalog.get(sku)!.weightG });
    let fit = explainWeightChange(change.deltaG, cands, this.cfg.weightFit);
    const cart = cartKey === null ? undefined : this.carts.get(cartKey);
    if (change.deltaG > 0 && (fit === null || (cart?.get(fit.sku) ?? 0) < fit.qty)) {
      // A put-back of something the shopper does not carry: what they do carry and weighs the same
      // is the likelier item (oat milk and coffee beans both weigh 262 g on tao-cafe: an oat milk put
      // back among the beans read as beans the cart never had); failing that, anything sold here.
      cands.length = 0;
      if (cart) for (const [sku, q] of cart) if (q > 0) cands.push({ sku, weightG: this.catalog.get(sku)!.weightG });
      let carried = explainWeightChange(change.deltaG, cands, this.cfg.weightFit);
      // Not more than the cart holds (candidates came from the cart, so it exists when one fits).
      if (carried !== null && carried.qty > cart!.get(carried.sku)!) carried = null;
      fit = carried ?? fit ?? explainWeightChange(change.deltaG, this.allSkus, this.cfg.weightFit);
    }
    const t = change.endT;
    if (fit === null) {
      out.push({ kind: 'alert', t, alert: 'unexplained-weight-change', at: info.slotId, trackIds: best ? [best.id] : [], accountId: best?.accountId ?? null, detail: `${round(change.deltaG)} g at ${info.slotId} matches no item` });
      return;
    }
    if (fit.sku !== info.sku) {
      const n = (p.foreign.get(fit.sku) ?? 0) + fit.qty;
      if (n > 0) p.foreign.set(fit.sku, n);
      else p.foreign.delete(fit.sku);
    }
    if (best === null) {
      out.push({ kind: 'alert', t, alert: 'unexplained-weight-change', at: info.slotId, trackIds: [], accountId: null, detail: `${fit.qty < 0 ? 'took' : 'put'} ${Math.abs(fit.qty)} x ${fit.sku} at ${info.slotId} with no one tracked there` });
      return;
    }
    let confidence = 1 - Math.abs(fit.residualG) / (this.cfg.weightFit.toleranceG + Math.abs(fit.qty) * this.catalog.get(fit.sku)!.weightG * this.cfg.weightFit.tolerancePerUnit);
    if (ambiguous && second !== null) {
      confidence *= 0.5;
      out.push({ kind: 'alert', t, alert: 'ambiguous-pick', at: info.slotId, trackIds: [best.id, second.id], accountId: best.accountId, detail: `tracks ${best.id} and ${second.id} were ${round(bestD)} m and ${round(secondD)} m from ${info.slotId}${why}; charged ${best.id}` });
    }
    const qty = -fit.qty;
    this.add(cartKey!, fit.sku, qty);
    out.push({ kind: 'cart-line', t, accountId: best.accountId, trackId: best.id, slotId: info.slotId, sku: fit.sku, qty, confidence: round(Math.max(0, confidence)) });
  }

  /** A track's floor distance to a stand point when the change began (its nearest pass over the change when unseen then). */
  private standDistance(tr: Track, t0: number, change: PlateChange, sx: number, sy: number): number {
    const sw = this.cfg.standWindowS;
    const then = tr.minDistanceBetween(change.startT - sw, change.startT + sw, sx, sy);
    return then < Infinity ? then : tr.minDistanceBetween(t0, change.endT, sx, sy);
  }

  private add(key: string, sku: string, qty: number): void {
    let cart = this.carts.get(key);
    if (!cart) this.carts.set(key, (cart = new Map()));
    cart.set(sku, (cart.get(sku) ?? 0) + qty);
  }
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
