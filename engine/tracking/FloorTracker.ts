import { APPEARANCE_DIM } from '../api.ts';
import type { EngineConfig } from '../EngineConfig.ts';
import { hungarian } from '../kernels/hungarian.ts';
import { kalmanInit, kalmanPredict, kalmanUpdate } from '../kernels/kalman.ts';
import type { FloorDetections } from './floorDetections.ts';
import { normalizeRow } from './floorDetections.ts';
import { Track } from './Track.ts';

/** A cost that means "cannot be": above any real cost, finite so the solver stays exact. */
const NO_MATCH = 1e6;

/**
 * Multi-person tracking on the floor plane, ByteTrack-style: constant-velocity Kalman tracks,
 * a first association of confident detections to every track (floor distance within a gate plus
 * appearance), a second of weak detections to the remaining confirmed tracks (distance only),
 * new tentative tracks from unmatched confident detections, and explicit states
 * tentative -> tracked <-> lost -> removed. Call `update` once per fused detection set, in time order.
 */
export class FloorTracker {
  /** Live tracks (tentative, tracked and lost), in creation order. */
  readonly tracks: Track[] = [];
  /** Tracks confirmed by the latest update. */
  readonly confirmed: Track[] = [];
  /** Tracks removed by the latest update or prune. */
  readonly removed: Track[] = [];
  private nextId = 1;
  private t = -Infinity;
  private cost = new Float64Array(256);
  private rowToCol = new Int32Array(64);
  private readonly rows: Track[] = [];
  private cols = new Int32Array(64);
  private detUsed = new Uint8Array(64);
  private readonly trackUsed = new Set<Track>();
  private readonly historyLength: number;

  constructor(private readonly cfg: EngineConfig['tracking'], cameraRateHz: number) {
    this.historyLength = Math.max(8, Math.ceil(cfg.historyS * Math.max(1, cameraRateHz)));
  }

  /** Time of the latest update, seconds. */
  get time(): number {
    return this.t;
  }

  /** Runs predict, associate, update, spawn and prune for the detections seen at time t. */
  update(t: number, dets: FloorDetections): void {
    const cfg = this.cfg;
    this.confirmed.length = 0;
    this.removed.length = 0;
    if (t < this.t) return; // a late frame: its instant is past, the tracks have moved on
    this.t = t;
    for (const tr of this.tracks) {
      kalmanPredict(tr.kf, t - tr.t, cfg.accelNoise);
      tr.t = t;
    }
    const n = dets.count;
    if (this.detUsed.length < n) {
      this.detUsed = new Uint8Array(n * 2);
      this.cols = new Int32Array(n * 2);
    }
    this.detUsed.fill(0, 0, n);
    this.trackUsed.clear();

    // Stage 1: confident detections against every track.
    this.rows.length = 0;
    for (const tr of this.tracks) this.rows.push(tr);
    let nc = 0;
    for (let j = 0; j < n; j++) if (dets.conf[j]! >= cfg.highConfidence) this.cols[nc++] = j;
    this.match(dets, nc, t, true);

    // Stage 2: weak detections against confirmed tracks still unmatched (ByteTrack's second pass).
    this.rows.length = 0;
    for (const tr of this.tracks) if (tr.state === 'tracked' && !this.trackUsed.has(tr)) this.rows.push(tr);
    nc = 0;
    for (let j = 0; j < n; j++) if (!this.detUsed[j] && dets.conf[j]! < cfg.highConfidence) this.cols[nc++] = j;
    this.match(dets, nc, t, false);

    // Unmatched tracks change state.
    let w = 0;
    for (const tr of this.tracks) {
      if (!this.trackUsed.has(tr)) {
        if (tr.state === 'tentative') continue; // never confirmed: dropped
        if (tr.state === 'tracked') tr.state = 'lost';
        if (t - tr.lastSeenT > cfg.maxLostS) {
          this.removed.push(tr);
          continue;
        }
      }
      this.tracks[w++] = tr;
    }
    this.tracks.length = w;

    // Unmatched confident detections start tentative tracks, unless they duplicate an active one.
    const clear2 = cfg.newTrackClearanceM * cfg.newTrackClearanceM;
    for (let j = 0; j < n; j++) {
      if (this.detUsed[j] || dets.conf[j]! < cfg.highConfidence) continue;
      const x = dets.x[j]!;
      const y = dets.y[j]!;
      let dup = false;
      for (const tr of this.tracks) {
        if (tr.state !== 'lost' && (tr.x - x) * (tr.x - x) + (tr.y - y) * (tr.y - y) < clear2) {
          dup = true;
          break;
        }
      }
      if (dup) continue;
      const tr = new Track(this.nextId++, t, dets.conf[j]!, this.historyLength);
      kalmanInit(tr.kf, x, y, dets.varM2[j]!, 1);
      tr.appearance.set(dets.app.subarray(j * APPEARANCE_DIM, (j + 1) * APPEARANCE_DIM));
      if (cfg.confirmHits <= 1) {
        tr.state = 'tracked';
        this.confirmed.push(tr);
      }
      tr.remember();
      this.tracks.push(tr);
    }
  }

  /** Removes lost tracks unseen for too long, when time passes without camera frames. */
  prune(t: number): void {
    this.removed.length = 0;
    let w = 0;
    for (const tr of this.tracks) {
      if (tr.state !== 'tentative' && t - tr.lastSeenT > this.cfg.maxLostS) {
        this.removed.push(tr);
        continue;
      }
      this.tracks[w++] = tr;
    }
    this.tracks.length = w;
  }

  /** Assigns the detections listed in `cols[0..nc)` to `rows` (one Hungarian solve) and applies the matches. */
  private match(dets: FloorDetections, nc: number, t: number, withAppearance: boolean): void {
    const cfg = this.cfg;
    const nr = this.rows.length;
    if (nr === 0 || nc === 0) return;
    if (this.cost.length < nr * nc) this.cost = new Float64Array(nr * nc * 2);
    if (this.rowToCol.length < nr) this.rowToCol = new Int32Array(nr * 2);
    for (let r = 0; r < nr; r++) {
      const tr = this.rows[r]!;
      const base = tr.state === 'lost' ? cfg.gateM + cfg.maxSpeedMps * (t - tr.lastSeenT) : cfg.gateM;
      for (let c = 0; c < nc; c++) {
        const j = this.cols[c]!;
        const d = Math.hypot(dets.x[j]! - tr.x, dets.y[j]! - tr.y);
        const gate = base + 2 * Math.sqrt(dets.varM2[j]!);
        let cost = NO_MATCH;
        if (d <= gate) {
          cost = d / gate;
          if (withAppearance) {
            let dot = 0;
            const a = j * APPEARANCE_DIM;
            for (let k = 0; k < APPEARANCE_DIM; k++) dot += tr.appearance[k]! * dets.app[a + k]!;
            cost += cfg.appearanceWeight * (1 - dot);
          }
        }
        this.cost[r * nc + c] = cost;
      }
    }
    hungarian(this.cost, nr, nc, this.rowToCol);
    for (let r = 0; r < nr; r++) {
      const c = this.rowToCol[r]!;
      if (c < 0 || this.cost[r * nc + c]! >= NO_MATCH) continue;
      const j = this.cols[c]!;
      const tr = this.rows[r]!;
      this.detUsed[j] = 1;
      this.trackUsed.add(tr);
      kalmanUpdate(tr.kf, dets.x[j]!, dets.y[j]!, dets.varM2[j]!);
      tr.lastSeenT = t;
      tr.hits++;
      tr.confidence = 0.7 * tr.confidence + 0.3 * dets.conf[j]!;
      if (withAppearance) {
        const a = j * APPEARANCE_DIM;
        for (let k = 0; k < APPEARANCE_DIM; k++) tr.appearance[k] = (1 - cfg.appearanceAlpha) * tr.appearance[k]! + cfg.appearanceAlpha * dets.app[a + k]!;
        normalizeRow(tr.appearance, 0);
      }
      if (tr.state === 'tentative' && tr.hits >= cfg.confirmHits) {
        tr.state = 'tracked';
        this.confirmed.push(tr);
      } else if (tr.state === 'lost') {
        tr.state = 'tracked';
      }
      tr.remember();
    }
  }
}
