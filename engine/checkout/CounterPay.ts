import type { ChargeLine, CounterOrderFrame, EngineEvent, FloorPoint, StoreDescription } from '../api.ts';
import type { EngineConfig } from '../EngineConfig.ts';
import type { FaceMatch } from '../identity/FaceGallery.ts';
import type { Track } from '../tracking/Track.ts';

/**
 * Face-pay counters: pairs each keyed-in order with the face captured at the counter about then,
 * and charges the account that face matches (`counter-charge`). Without a face, or with a face that
 * matches no account (a shopper who entered by QR is not enrolled), falls back to the bound track
 * standing at the counter; with neither, charges no account and raises `face-not-matched` (a human settles it).
 */
export class CounterPay {
  private readonly counters = new Map<string, FloorPoint>();
  private readonly prices = new Map<string, number>();
  private readonly faces: { t: number; counter: string; match: FaceMatch }[] = [];
  private readonly orders: CounterOrderFrame[] = [];

  constructor(store: StoreDescription, private readonly cfg: EngineConfig['identity']) {
    for (const c of store.counters) this.counters.set(c.id, c.positionM);
    for (const c of store.catalog) this.prices.set(c.sku, c.priceCents);
  }

  /** Whether `id` names a counter. */
  has(id: string): boolean {
    return this.counters.has(id);
  }

  face(t: number, counter: string, match: FaceMatch): void {
    this.faces.push({ t, counter, match });
  }

  order(f: CounterOrderFrame): void {
    if (!this.counters.has(f.sensorId)) return;
    this.orders.push(f);
  }

  /** Charges the orders that have their face, or have waited long enough for one (all of them when `flush`). */
  settle(t: number, tracks: readonly Track[], out: EngineEvent[], flush = false): void {
    let w = 0;
    for (const o of this.orders) {
      const fi = this.faces.findIndex((f) => f.counter === o.sensorId && Math.abs(f.t - o.t) <= this.cfg.counterPairS);
      if (fi < 0 && !flush && t - o.t <= this.cfg.counterPairS) {
        this.orders[w++] = o;
        continue;
      }
      let face: FaceMatch | null = null;
      if (fi >= 0) face = this.faces.splice(fi, 1)[0]!.match;
      const accountId = face?.accountId ?? this.boundTrackAt(o.sensorId, tracks);
      if (accountId === null && face !== null) {
        out.push({ kind: 'alert', t, alert: 'face-not-matched', at: o.sensorId, trackIds: [], accountId: null, detail: `face at ${o.sensorId} matched no account (best cosine ${Math.round(face.score * 1000) / 1000}) and no bound track stood within ${this.cfg.counterReachM} m` });
      }
      const lines: ChargeLine[] = o.lines.map((l) => ({ sku: l.sku, qty: l.qty, unitCents: this.prices.get(l.sku) ?? 0 }));
      out.push({ kind: 'counter-charge', t, counter: o.sensorId, accountId, lines, totalCents: lines.reduce((s, l) => s + l.qty * l.unitCents, 0) });
    }
    this.orders.length = w;
    // Faces with no order are forgotten once no order could still pair with them.
    let k = 0;
    for (const f of this.faces) if (t - f.t <= this.cfg.counterPairS && !flush) this.faces[k++] = f;
    this.faces.length = k;
  }

  private boundTrackAt(counter: string, tracks: readonly Track[]): string | null {
    const [cx, cy] = this.counters.get(counter)!;
    let best: string | null = null;
    let bestD = this.cfg.counterReachM;
    for (const tr of tracks) {
      if (tr.accountId === null || tr.state === 'tentative') continue;
      const d = Math.hypot(tr.x - cx, tr.y - cy);
      if (d < bestD) {
        bestD = d;
        best = tr.accountId;
      }
    }
    return best;
  }
}
