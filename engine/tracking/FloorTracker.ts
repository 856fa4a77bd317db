import { APPEARANCE_DIM } from '../api.ts';
import type { EngineConfig } from '../EngineConfig.ts';
import { gatedAssignment } from '../kernels/gatedAssignment.ts';
import { kalmanInit, kalmanPredict, kalmanUpdate } from '../kernels/kalman.ts';
import { camWords, camsCopy, camsEqual, camsSetOnly, camsUnionInto } from './cameraSets.ts';
import { FloorDetections, WRIST_FLOATS, fuseDetections, normalizeRow } from './floorDetections.ts';
import { DuplicateScratch, mergeDuplicateTracks } from './mergeDuplicateTracks.ts';
import { Track } from './Track.ts';

/**
 * Multi-person tracking on the floor plane from several cameras at once.
 *
 * Per update (one capture instant): every track is predicted; then each camera's detections are
 * associated with the tracks on their own, ByteTrack-style in two stages (confident detections
 * against every track with floor distance, Mahalanobis gate and appearance; weak ones against the
 * still unmatched tracked tracks, distance only), as a sparse gated assignment solved per connected
 * cluster. A camera sees a person once, so one camera never feeds two tracks with one detection,
 * and a person seen by five cameras updates one track with the five detections fused
 * (inverse-variance mean): multi-camera fusion cannot split a person into two tracks. Detections
 * no track took are fused across cameras and start tentative tracks when sharp and confident.
 * Two tracks that stay together while no camera ever sees both are one person and are merged.
 * Which cameras saw what is an exact camera set (cameraSets.ts) sized for the store's cameras.
 * States: tentative -> tracked <-> lost -> removed. Call `update` once per capture instant, in time order.
 */
export class FloorTracker {
  /** Live tracks (tentative, tracked and lost), in creation order. */
  readonly tracks: Track[] = [];
  /** Tracks confirmed by the latest update. */
  readonly confirmed: Track[] = [];
  /** Tracks removed by the latest update or prune. */
  readonly removed: Track[] = [];
  /** Duplicate tracks merged by the latest update: [dropped, kept] pairs (the dropped one is not in `removed`). */
  readonly merged: [Track, Track][] = [];
  private nextId = 1;
  private t = -Infinity;
  private readonly historyLength: number;
  /** Words per camera set (cameraSets.ts). */
  private readonly camWords: number;
  // Association scratch (grows, never shrinks).
  private pairRow = new Int32Array(256);
  private pairCol = new Int32Array(256);
  private pairCost = new Float64Array(256);
  private nPairs = 0;
  private rowToCol = new Int32Array(64);
  private cols = new Int32Array(64);
  private detUsed = new Uint8Array(64);
  private camUsed = new Uint8Array(64);
  // Per track (by index in `tracks`) fused measurement of this update.
  private wSum = new Float64Array(64);
  private wx = new Float64Array(64);
  private wy = new Float64Array(64);
  private confMax = new Float64Array(64);
  /** Per track, camWords words: the cameras that fed it this update. */
  private camsSeen: Uint32Array;
  private appSum = new Float32Array(64 * APPEARANCE_DIM);
  private appW = new Float64Array(64);
  private readonly spare: FloorDetections;
  private readonly spawn: FloorDetections;
  private order = new Int32Array(64);
  private readonly mergeScratch = new DuplicateScratch();

  /** A tracker for a store of `cameraCount` cameras (indices 0 .. cameraCount - 1 in the detections' camera sets). */
  constructor(private readonly cfg: EngineConfig['tracking'], cameraRateHz: number, cameraCount = 32) {
    this.historyLength = Math.max(8, Math.ceil(cfg.historyS * Math.max(1, cameraRateHz)));
    this.camWords = camWords(cameraCount);
    this.camsSeen = new Uint32Array(64 * this.camWords);
    this.spare = new FloorDetections(cameraCount);
    this.spawn = new FloorDetections(cameraCount);
  }

  /** Time of the latest update, seconds. */
  get time(): number {
    return this.t;
  }

  /**
   * Runs predict, associate (camera by camera), update, spawn, merge and prune for the detections
   * captured at time t. `dets` holds every camera's rows, each camera's rows contiguous (`cams` says whose),
   * in a buffer sized for this tracker's cameras.
   */
  update(t: number, dets: FloorDetections): void {
    const cfg = this.cfg;
    const words = this.camWords;
    if (dets.camWords !== words) throw new Error(`engine: FloorTracker.update: detections with ${dets.camWords}-word camera sets, the tracker's are ${words} words (size both from the store's camera count)`);
    this.confirmed.length = 0;
    this.removed.length = 0;
    this.merged.length = 0;
    if (t < this.t) return; // a late frame: its instant is past, the tracks have moved on
    this.t = t;
    const tracks = this.tracks;
    const nt = tracks.length;
    this.ensureTracks(nt);
    for (let i = 0; i < nt; i++) {
      const tr = tracks[i]!;
      const dt = t - tr.t;
      kalmanPredict(tr.kf, dt, cfg.accelNoise);
      if (tr.state === 'lost' && dt > 0) {
        // Someone unseen is more likely to have stopped (behind a shelf) than to walk on blind.
        const k = Math.exp(-dt / cfg.lostVelocityTauS);
        tr.kf[2] = tr.kf[2]! * k;
        tr.kf[3] = tr.kf[3]! * k;
      }
      tr.t = t;
      this.wSum[i] = 0;
      this.wx[i] = 0;
      this.wy[i] = 0;
      this.confMax[i] = 0;
      this.appW[i] = 0;
    }
    this.camsSeen.fill(0, 0, nt * words);
    this.appSum.fill(0, 0, nt * APPEARANCE_DIM);
    const n = dets.count;
    if (this.detUsed.length < n) {
      this.detUsed = new Uint8Array(n * 2);
      this.cols = new Int32Array(n * 2);
    }
    this.detUsed.fill(0, 0, n);

    // Camera by camera: rows [start, end) share one camera.
    let start = 0;
    while (start < n) {
      let end = start + 1;
      while (end < n && camsEqual(dets.cams, end, dets.cams, start, words)) end++;
      this.camUsed.fill(0, 0, nt);
      this.associate(dets, start, end, t, true);
      this.associate(dets, start, end, t, false);
      start = end;
    }

    // Fused update of every matched track; unmatched ones change state.
    let w = 0;
    for (let i = 0; i < nt; i++) {
      const tr = tracks[i]!;
      if (this.wSum[i]! > 0) {
        const inv = 1 / this.wSum[i]!;
        kalmanUpdate(tr.kf, this.wx[i]! * inv, this.wy[i]! * inv, inv);
        tr.lastSeenT = t;
        tr.hits++;
        tr.confidence = 0.7 * tr.confidence + 0.3 * this.confMax[i]!;
        camsCopy(tr.seenBy, 0, this.camsSeen, i, words);
        if (this.appW[i]! > 0) {
          const a = i * APPEARANCE_DIM;
          normalizeRow(this.appSum, a);
          const al = cfg.appearanceAlpha;
          for (let k = 0; k < APPEARANCE_DIM; k++) tr.appearance[k] = (1 - al) * tr.appearance[k]! + al * this.appSum[a + k]!;
          normalizeRow(tr.appearance, 0);
        }
        if (tr.state === 'tentative' && tr.hits >= cfg.confirmHits) {
          tr.state = 'tracked';
          this.confirmed.push(tr);
        } else if (tr.state === 'lost') {
          tr.state = 'tracked';
        }
        tr.remember();
      } else {
        camsSetOnly(tr.seenBy, 0, -1, words);
        if (tr.state === 'tentative') continue; // never confirmed: dropped
        if (tr.state === 'tracked' && t - tr.lastSeenT >= cfg.coastS) tr.state = 'lost';
        if (t - tr.lastSeenT > cfg.maxLostS) {
          this.removed.push(tr);
          continue;
        }
      }
      tracks[w++] = tr;
    }
    tracks.length = w;

    this.spawnTracks(dets);
    mergeDuplicateTracks(this.tracks, this.cfg, this.camWords, this.mergeScratch, this.merged);
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

  /**
   * One association stage of one camera's rows [start, end): confident detections against every
   * track (with appearance), or weak ones against tracked tracks this camera has not fed yet.
   */
  private associate(dets: FloorDetections, start: number, end: number, t: number, confident: boolean): void {
    const cfg = this.cfg;
    const tracks = this.tracks;
    const nt = tracks.length;
    let nc = 0;
    for (let j = start; j < end; j++) {
      if (this.detUsed[j]) continue;
      if ((dets.conf[j]! >= cfg.highConfidence) === confident) this.cols[nc++] = j;
    }
    if (nc === 0 || nt === 0) return;
    // A camera sees part of the store: tracks beyond the reach of its detections' bounding box are skipped whole.
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    let maxVar = 0;
    for (let c = 0; c < nc; c++) {
      const j = this.cols[c]!;
      const x = dets.x[j]!;
      const y = dets.y[j]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (dets.varM2[j]! > maxVar) maxVar = dets.varM2[j]!;
    }
    const spread = 2 * Math.sqrt(maxVar);
    this.nPairs = 0;
    for (let r = 0; r < nt; r++) {
      const tr = tracks[r]!;
      if (this.camUsed[r]) continue;
      if (!confident && tr.state !== 'tracked') continue;
      const lostS = t - tr.lastSeenT;
      const reach = tr.state === 'lost' ? Math.min(cfg.maxLostGateM, cfg.gateM + cfg.maxSpeedMps * lostS) : cfg.gateM;
      const pVar = 0.5 * (tr.kf[4]! + tr.kf[7]!);
      const needApp = confident && tr.state === 'lost' && lostS > cfg.lostAppearanceAfterS;
      const tx = tr.x;
      const ty = tr.y;
      const far = reach + spread;
      if (tx < minX - far || tx > maxX + far || ty < minY - far || ty > maxY + far) continue;
      for (let c = 0; c < nc; c++) {
        const j = this.cols[c]!;
        const dx = dets.x[j]! - tx;
        const dy = dets.y[j]! - ty;
        const d2 = dx * dx + dy * dy;
        const v = dets.varM2[j]!;
        const gate = reach + 2 * Math.sqrt(v);
        if (d2 > gate * gate) continue;
        const m2 = d2 / (pVar + v);
        if (tr.state !== 'lost' && m2 > cfg.gateChi2) continue;
        let cost = Math.sqrt(d2) / gate;
        if (confident) {
          let dot = 0;
          const a = j * APPEARANCE_DIM;
          for (let k = 0; k < APPEARANCE_DIM; k++) dot += tr.appearance[k]! * dets.app[a + k]!;
          if (needApp && dot < cfg.lostMinCosine) continue;
          cost += cfg.appearanceWeight * (1 - dot);
          // Tracks that are seen now beat tracks coming back from a loss for the same detection.
          if (tr.state === 'lost') cost += cfg.lostPenalty;
        }
        this.addPair(r, c, cost);
      }
    }
    if (this.rowToCol.length < nt) this.rowToCol = new Int32Array(nt * 2);
    gatedAssignment(nt, nc, this.pairRow, this.pairCol, this.pairCost, this.nPairs, this.rowToCol);
    for (let r = 0; r < nt; r++) {
      const c = this.rowToCol[r]!;
      if (c < 0) continue;
      const j = this.cols[c]!;
      this.detUsed[j] = 1;
      this.camUsed[r] = 1;
      const v = dets.varM2[j]!;
      this.wSum[r] = this.wSum[r]! + 1 / v;
      this.wx[r] = this.wx[r]! + dets.x[j]! / v;
      this.wy[r] = this.wy[r]! + dets.y[j]! / v;
      if (dets.conf[j]! > this.confMax[r]!) this.confMax[r] = dets.conf[j]!;
      const ws = dets.wristSeen[j]!;
      if (ws !== 0) {
        const tr = tracks[r]!;
        if (ws & 1) tr.rememberWrist(t, 0, dets.wrist, j * WRIST_FLOATS);
        if (ws & 2) tr.rememberWrist(t, 1, dets.wrist, j * WRIST_FLOATS + 6);
      }
      camsUnionInto(this.camsSeen, r, dets.cams, j, this.camWords);
      if (confident) {
        const a = r * APPEARANCE_DIM;
        const b = j * APPEARANCE_DIM;
        const cw = dets.conf[j]!;
        for (let k = 0; k < APPEARANCE_DIM; k++) this.appSum[a + k] = this.appSum[a + k]! + cw * dets.app[b + k]!;
        this.appW[r] = this.appW[r]! + cw;
      }
    }
  }

  /** Unclaimed detections, fused across cameras, start tentative tracks when sharp, confident and clear of every track. */
  private spawnTracks(dets: FloorDetections): void {
    const cfg = this.cfg;
    const spare = this.spare;
    spare.clear();
    for (let j = 0; j < dets.count; j++) {
      if (this.detUsed[j]) continue;
      const row = spare.push(dets.x[j]!, dets.y[j]!, dets.conf[j]!, -1, dets.varM2[j]!);
      camsCopy(spare.cams, row, dets.cams, j, this.camWords);
      spare.app.set(dets.app.subarray(j * APPEARANCE_DIM, (j + 1) * APPEARANCE_DIM), row * APPEARANCE_DIM);
    }
    if (spare.count === 0) return;
    if (this.order.length < spare.count) this.order = new Int32Array(spare.count * 2);
    fuseDetections(spare, cfg.fuseRadiusM, cfg.fuseMaxRadiusM, this.order, this.spawn);
    const s = this.spawn;
    const clear2 = cfg.newTrackClearanceM * cfg.newTrackClearanceM;
    const maxVar = cfg.spawnMaxSigmaM * cfg.spawnMaxSigmaM;
    for (let j = 0; j < s.count; j++) {
      if (s.conf[j]! < cfg.highConfidence || s.varM2[j]! > maxVar) continue;
      const x = s.x[j]!;
      const y = s.y[j]!;
      let dup = false;
      for (const tr of this.tracks) {
        if ((tr.x - x) * (tr.x - x) + (tr.y - y) * (tr.y - y) < clear2) {
          dup = true;
          break;
        }
      }
      if (dup) continue;
      const tr = new Track(this.nextId++, this.t, s.conf[j]!, this.historyLength, this.camWords);
      kalmanInit(tr.kf, x, y, s.varM2[j]!, 1);
      tr.appearance.set(s.app.subarray(j * APPEARANCE_DIM, (j + 1) * APPEARANCE_DIM));
      camsCopy(tr.seenBy, 0, s.cams, j, this.camWords);
      if (cfg.confirmHits <= 1) {
        tr.state = 'tracked';
        this.confirmed.push(tr);
      }
      tr.remember();
      this.tracks.push(tr);
    }
  }

  private addPair(r: number, c: number, cost: number): void {
    if (this.nPairs === this.pairRow.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      const m = this.pairRow.length * 2;
      this.pairRow = grow(this.pairRow, new Int32Array(m));
      this.pairCol = grow(this.pairCol, new Int32Array(m));
      this.pairCost = grow(this.pairCost, new Float64Array(m));
    }
    this.pairRow[this.nPairs] = r;
    this.pairCol[this.nPairs] = c;
    this.pairCost[this.nPairs] = cost;
    this.nPairs++;
  }

  private ensureTracks(nt: number): void {
    if (this.wSum.length >= nt) return;
    const m = nt * 2;
    this.wSum = new Float64Array(m);
    this.wx = new Float64Array(m);
    this.wy = new Float64Array(m);
    this.confMax = new Float64Array(m);
    this.camsSeen = new Uint32Array(m * this.camWords);
    this.appSum = new Float32Array(m * APPEARANCE_DIM);
    this.appW = new Float64Array(m);
    this.camUsed = new Uint8Array(m);
  }
}
