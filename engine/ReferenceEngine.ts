import type { CameraDetectionsFrame, Engine, EngineEvent, SensorFrame, StoreDescription, TrackSnapshot } from './api.ts';
import { API_VERSION } from './api.ts';
import { Checkout } from './checkout/Checkout.ts';
import { CounterPay } from './checkout/CounterPay.ts';
import type { EngineConfig } from './EngineConfig.ts';
import { ENGINE_DEFAULTS } from './EngineConfig.ts';
import { FaceGallery } from './identity/FaceGallery.ts';
import { GateIdentity } from './identity/GateIdentity.ts';
import type { CameraGeometry } from './tracking/floorDetections.ts';
import { FloorDetections, cameraGeometry, projectDetections } from './tracking/floorDetections.ts';
import { FloorTracker } from './tracking/FloorTracker.ts';
import { insidePolygon } from './tracking/insidePolygon.ts';

/**
 * The reference engine: multi-camera floor tracking, gate identity and re-identification,
 * shelf checkout and face-pay counters, wired together. A stateful shell around pure kernels;
 * deterministic (no clock, no randomness): the same calls give the same events.
 */
export class ReferenceEngine implements Engine {
  private store: StoreDescription | null = null;
  private tracker: FloorTracker | null = null;
  private identity: GateIdentity | null = null;
  private checkout: Checkout | null = null;
  private counters: CounterPay | null = null;
  private gallery: FaceGallery | null = null;
  private readonly cameras = new Map<string, CameraGeometry>();
  private raw = new FloorDetections();
  private groupT = NaN;
  private lastTracksT = -Infinity;
  private lastSweepT = -Infinity;
  private sawCameras = false;

  constructor(private readonly cfg: EngineConfig = ENGINE_DEFAULTS) {}

  init(store: StoreDescription): void {
    if (store.apiVersion !== API_VERSION) throw new Error(`engine: the store speaks API version ${store.apiVersion}; this engine speaks ${API_VERSION}`);
    this.store = store;
    store.cameras.forEach((c, i) => this.cameras.set(c.id, cameraGeometry(c, i)));
    const maxRate = store.cameras.reduce((m, c) => Math.max(m, c.rateHz), 1);
    // Camera sets sized for this store's cameras (any number; tracking/cameraSets.ts).
    this.raw = new FloorDetections(store.cameras.length);
    this.tracker = new FloorTracker(this.cfg.tracking, maxRate, store.cameras.length);
    this.checkout = new Checkout(store, this.cfg.checkout);
    const checkout = this.checkout;
    this.identity = new GateIdentity(store, this.cfg.identity, {
      visitEnded: (t, a, ids, out) => checkout.visitEnded(t, a, ids, out),
      unboundCart: (id) => checkout.unboundCart(id),
      bound: (id, a) => checkout.bound(id, a),
      moveCart: (from, to) => checkout.moveCart(from, to),
    });
    this.counters = new CounterPay(store, this.cfg.identity);
    this.gallery = new FaceGallery(store.gallery);
  }

  ingest(t: number, frames: readonly SensorFrame[]): EngineEvent[] {
    const tracker = this.tracker;
    const identity = this.identity!;
    if (tracker === null) throw new Error('engine: ingest() before init()');
    const out: EngineEvent[] = [];
    // Cameras first, grouped by capture time, so identity and checkout see this tick's tracks.
    this.raw.clear();
    this.groupT = NaN;
    for (const f of frames) {
      if (f.kind !== 'camera-detections') continue;
      if (f.t !== this.groupT && this.raw.count > 0) this.track(out);
      this.groupT = f.t;
      this.project(f);
    }
    if (this.raw.count > 0 || !Number.isNaN(this.groupT)) this.track(out);
    tracker.prune(t);
    for (const tr of tracker.removed) identity.removed(t, tr, out);

    const tracks = tracker.tracks;
    for (const f of frames) {
      switch (f.kind) {
        case 'shelf-weight':
          this.checkout!.shelfWeight(f, tracks, out);
          break;
        case 'qr-scan':
          identity.scan(f.t, f.at, f.accountId, 'qr', 1);
          break;
        case 'face-capture': {
          const m = this.gallery!.match(f.descriptor, this.cfg.identity.faceMatchMin, this.cfg.identity.faceMarginMin);
          if (this.counters!.has(f.at)) {
            this.counters!.face(f.t, f.at, m);
          } else {
            if (m.accountId === null) {
              out.push({ kind: 'alert', t: f.t, alert: 'face-not-matched', at: f.at, trackIds: [], accountId: null, detail: `face at ${f.at} matched no account (best cosine ${round(m.score)})` });
            }
            identity.scan(f.t, f.at, m.accountId, 'face', m.score);
          }
          break;
        }
        case 'door-pass':
          identity.doorPass(f.t, f.sensorId, f.direction, tracks, out);
          break;
        case 'counter-order':
          this.counters!.order(f);
          break;
        default:
          break;
      }
    }
    this.counters!.settle(t, tracks, out);
    identity.settle(t, tracks, out);
    if (t - this.lastSweepT >= this.cfg.identity.reidSweepS - 1e-9) {
      this.lastSweepT = t;
      identity.sweep(t, tracks, out);
    }
    identity.expire(t, out);
    if (this.sawCameras && t - this.lastTracksT >= this.cfg.tracking.tracksEveryS - 1e-9) {
      this.lastTracksT = t;
      out.push({ kind: 'tracks', t, tracks: this.snapshots() });
    }
    return out;
  }

  finish(t: number): EngineEvent[] {
    if (this.tracker === null) throw new Error('engine: finish() before init()');
    const out: EngineEvent[] = [];
    this.counters!.settle(t, this.tracker.tracks, out, true);
    return out;
  }

  private project(f: CameraDetectionsFrame): void {
    const g = this.cameras.get(f.sensorId);
    if (g === undefined) return;
    this.sawCameras = true;
    projectDetections(f, g, this.cfg.tracking, this.raw);
  }

  /** Fuses the detections gathered for one instant and updates the tracks with them. */
  private track(out: EngineEvent[]): void {
    const tracker = this.tracker!;
    tracker.update(this.groupT, this.raw);
    this.raw.clear();
    const t = this.groupT;
    for (const [drop, keep] of tracker.merged) this.identity!.merged(t, drop, keep, out);
    for (const tr of tracker.removed) this.identity!.removed(t, tr, out);
    for (const tr of tracker.confirmed) this.identity!.confirmed(t, tr, tracker.tracks, out);
  }

  private snapshots(): TrackSnapshot[] {
    const list: TrackSnapshot[] = [];
    for (const tr of this.tracker!.tracks) {
      if (tr.state === 'tentative' || tr.exited) continue;
      // Cameras see the queue outside the doors too; the store's tracks are the people inside.
      if (!insidePolygon(tr.x, tr.y, this.store!.outline)) continue;
      list.push({
        trackId: tr.id,
        state: tr.state,
        positionM: [round(tr.x), round(tr.y)],
        velocityMps: [round(tr.kf[2]!), round(tr.kf[3]!)],
        accountId: tr.accountId,
        confidence: round(tr.confidence),
      });
    }
    return list;
  }
}

function round(v: number): number {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? 0 : r;
}

/** The engine module's factory (`storetwin run --engine engine/ReferenceEngine.ts`). */
export default function createEngine(): ReferenceEngine {
  return new ReferenceEngine();
}
