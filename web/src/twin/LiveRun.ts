import type { CameraDetectionsFrame, EngineEvent, SensorFrame, StoreDescription, TrackSnapshot } from '../../../engine/api.ts';
import type { HarnessObserver, HarnessSummary, RunLogSink, TimingSink } from '../../../bench/run/Harness.ts';
import { HarnessRun } from '../../../bench/run/HarnessRun.ts';
import type { RunLogLine, TimingFooter, TimingLine } from '../../../bench/run/RunLog.ts';
import { pointInPolygon } from '../../../sim/geometry/polygon.ts';
import type { Scenario } from '../../../sim/scenario/Scenario.ts';
import { cameraCoverage } from '../../../sim/sensors/camera/coverage.ts';
import type { ShopperPose, ShopperSpawn, TruthEvent } from '../../../sim/truth/Truth.ts';
import type { World } from '../../../sim/World.ts';
import type { EnginePort } from './EnginePort.ts';
import { FloorGrids } from './FloorGrids.ts';
import type { TrackJudgement, TruthPoint } from './judgeTracks.ts';
import { judgeTracks } from './judgeTracks.ts';
import type { ReceiptLike } from './matchReceipts.ts';
import { MemoryRunLog } from './MemoryRunLog.ts';

/** A true receipt as the panels show it. */
export type TrueReceipt = ReceiptLike & { readonly visitId: number; readonly shoppers: readonly number[] };

/**
 * Ticks the twin may run ahead of the engine's answers in the tab: enough that a play slice
 * (PLAY.sliceMs of stepping) waits for the worker once, at its end, not every few ticks (each wait
 * yields to the event loop, where the page may render a frame).
 */
export const TAB_IN_FLIGHT = 64;

/**
 * One run of the twin in the tab: the CLI's harness core (HarnessRun, lockstep, the engine in a Web
 * Worker) driven a slice at a time, writing into a RunLog kept in memory, which equals the CLI's
 * runlog.jsonl for the same scenario and seed. Beside it, what the views and panels read: poses,
 * carried goods, the latest tracks and how they compare with truth, detections, receipts, floor
 * grids. These are updated as each tick's lines are delivered; nothing flows back into the run.
 */
export class LiveRun {
  readonly grids: FloorGrids;
  readonly log = new MemoryRunLog();
  /** Wall-clock timings of each engine call, as `timings.jsonl` has them. */
  readonly timings: TimingLine[] = [];
  timingFooter: TimingFooter | null = null;
  readonly spawns = new Map<number, ShopperSpawn>();
  /** SKUs each present shopper carries, oldest first (from take, put-back and handover events). */
  readonly carried = new Map<number, string[]>();
  readonly trueReceipts: TrueReceipt[] = [];
  readonly engineReceipts: ReceiptLike[] = [];
  readonly engineEvents = { bindings: 0, cartLines: 0, alerts: 0, receipts: 0, counterCharges: 0, trackSnapshots: 0 };
  /** Poses at the latest delivered tick. */
  poses: readonly ShopperPose[] = [];
  /** Poses at the tick before it by shopper id (empty after a gap: the view blends from these to `poses`), and the latest tick's number and time. */
  readonly prevPoseById = new Map<number, ShopperPose>();
  posesTick = -1;
  posesT = 0;
  /** Tracks of the engine's latest `tracks` event, and how they compare with truth then. */
  tracks: readonly TrackSnapshot[] = [];
  judgement: TrackJudgement = { trackStatus: [], trackTruth: [], missed: [] };
  /** The tick of the latest `tracks` event, and the tracks of the event the tick before it by id (empty after a gap): the view blends markers between them. */
  tracksTick = -1;
  readonly prevTracksById = new Map<number, TrackSnapshot>();
  /** Truth the judgement was made against (indices of `judgement.missed` point here). */
  judgedTruth: TruthPoint[] = [];
  /** Errors counted by the judge so far: misses, false tracks, wrong bindings (summed over track events). */
  readonly errorCounts = { missed: 0, falseTracks: 0, wrongBindings: 0, judged: 0 };
  /** The latest detections of each camera (copies: the originals go to the worker). */
  readonly detections = new Map<string, CameraDetectionsFrame>();
  /** The run's summary once finished. */
  summary: HarnessSummary | null = null;
  private readonly core: HarnessRun;
  private readonly truthIntervalS: number;
  /** `tracks` events of the tick being delivered, judged once that tick's poses are known. */
  private readonly pendingTracks: (readonly TrackSnapshot[])[] = [];

  constructor(
    readonly scenario: Scenario,
    readonly engine: EnginePort | null,
    readonly storeDescription: StoreDescription | null,
    clockMs: () => number,
    inFlight = TAB_IN_FLIGHT,
  ) {
    this.grids = new FloorGrids(scenario.store.outline);
    this.truthIntervalS = Math.max(1, Math.round(1 / (scenario.truthHz * scenario.dtS))) * scenario.dtS;
    const log = this.log;
    const sink: RunLogSink = {
      header: (input) => log.header(input),
      event: (e) => {
        log.event(e);
        this.absorbEvent(e);
      },
      sensor: (f) => log.sensor(f),
      engine: (e) => {
        log.engine(e);
        this.absorbEngine(e);
      },
      truth: (tS, poses) => {
        log.truth(tS, poses);
        for (const p of poses) this.grids.addPresence(p.position[0], p.position[1], p.activity, this.truthIntervalS);
      },
      footer: (input) => log.footer(input),
      abort: (tS, ticks, error) => log.abort(tS, ticks, error),
    };
    const timings: TimingSink = {
      timing: (line) => this.timings.push(line),
      footer: (line) => {
        this.timingFooter = line;
      },
    };
    const observer: HarnessObserver = {
      sampled: (_tick, _t, frames) => this.keepDetections(frames),
      ticked: (tick, t, poses) => {
        // Kept only when consecutive: after a gap there is nothing to blend from.
        this.prevPoseById.clear();
        if (tick === this.posesTick + 1) for (const p of this.poses) this.prevPoseById.set(p.id, p);
        this.poses = poses;
        this.posesTick = tick;
        this.posesT = t;
        this.judgePending();
      },
    };
    this.core = new HarnessRun({ scenario, engine, mode: { kind: 'lockstep', inFlight }, sink, timings, clockMs, observer });
  }

  /** The RunLog so far (sensor frames of cameras counted, not kept), as line objects. */
  get lines(): readonly RunLogLine[] {
    return this.log.lines;
  }

  /** The twin (after `start()`). */
  get world(): World {
    return this.core.world;
  }

  /** Simulated time of the latest delivered tick, seconds. */
  get t(): number {
    return this.core.t;
  }

  /** The latest delivered tick. */
  get tick(): number {
    return this.core.tick;
  }

  /** The footer is written. */
  get finished(): boolean {
    return this.core.state === 'ended';
  }

  /** Starts the engine with the store's description, then the run (header and t = 0). */
  async start(): Promise<void> {
    if (this.engine !== null && this.storeDescription !== null) await this.engine.init(this.storeDescription);
    this.core.start();
    this.grids.setCoverage(cameraCoverage(this.scenario, this.core.world.store));
  }

  /** One tick: world, sensors, engine. Resolves when the engine has answered and the tick is delivered. */
  async step(): Promise<void> {
    await this.core.step();
    if (this.core.twinDone) await this.finish();
  }

  /**
   * Steps the twin while `more(steppedS)` says so (asked before each tick with the time the twin
   * has reached), the engine answering as the CLI's would, and resolves once every tick is
   * delivered. Finishes the run when the twin is done. Resolves to the ticks advanced.
   */
  async advance(more: (steppedS: number) => boolean): Promise<number> {
    if (this.finished) return 0;
    const n = await this.core.stepWhile(more);
    if (this.core.twinDone) await this.finish();
    return n;
  }

  /** Ends the run: the engine's last words, and the footer. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.summary = await this.core.finish();
    this.judgePending();
  }

  /** Stops the run (an abort line if it was under way) and ends the engine's worker. */
  dispose(): void {
    this.core.abort('the tab closed the run');
    this.engine?.close();
  }

  /** The truth of every shopper inside the store (cameras do not look at the queue outside), for judging tracks. */
  truthPoints(): TruthPoint[] {
    const outline = this.scenario.store.outline;
    const out: TruthPoint[] = [];
    for (const p of this.poses) {
      if (!pointInPolygon(p.position, outline)) continue;
      out.push({ id: p.id, x: p.position[0], y: p.position[1], accountId: this.spawns.get(p.id)?.accountId ?? null });
    }
    return out;
  }

  private absorbEvent(e: TruthEvent): void {
    switch (e.kind) {
      case 'spawn':
        this.spawns.set(e.shopper.id, e.shopper);
        this.carried.set(e.shopper.id, []);
        break;
      case 'take':
        this.carried.get(e.shopper)?.push(e.sku);
        break;
      case 'put-back':
        removeOne(this.carried.get(e.shopper), e.sku);
        break;
      case 'handover':
        removeOne(this.carried.get(e.from), e.sku);
        this.carried.get(e.to)?.push(e.sku);
        break;
      case 'exited':
        this.carried.set(e.shopper, []);
        break;
      case 'receipt':
        this.trueReceipts.push({ t: e.t, visitId: e.visitId, accountId: e.accountId, shoppers: e.shoppers, lines: e.lines, totalCents: e.totalCents });
        break;
      default:
        break;
    }
  }

  private keepDetections(frames: readonly SensorFrame[]): void {
    for (const f of frames) {
      if (f.kind !== 'camera-detections') continue;
      // A copy: the engine port transfers the original's buffers to the worker.
      this.detections.set(f.sensorId, { ...f, boxes: f.boxes.slice(), keypoints: f.keypoints.slice(), appearance: new Float32Array(0) });
    }
  }

  private absorbEngine(e: EngineEvent): void {
    switch (e.kind) {
      case 'tracks':
        this.engineEvents.trackSnapshots++;
        this.pendingTracks.push(e.tracks);
        break;
      case 'receipt':
        this.engineEvents.receipts++;
        this.engineReceipts.push({ t: e.t, accountId: e.accountId, lines: e.lines, totalCents: e.totalCents });
        break;
      case 'binding':
        this.engineEvents.bindings++;
        break;
      case 'cart-line':
        this.engineEvents.cartLines++;
        break;
      case 'alert':
        this.engineEvents.alerts++;
        break;
      case 'counter-charge':
        this.engineEvents.counterCharges++;
        break;
      default:
        break;
    }
  }

  /** Judges the tick's tracks against where people were at that tick. */
  private judgePending(): void {
    if (this.pendingTracks.length === 0) return;
    const truth = this.truthPoints();
    for (const tracks of this.pendingTracks) {
      this.prevTracksById.clear();
      if (this.tracksTick === this.posesTick - 1) for (const t of this.tracks) this.prevTracksById.set(t.trackId, t);
      this.tracksTick = this.posesTick;
      this.tracks = tracks;
      this.judgedTruth = truth;
      this.judgement = judgeTracks(tracks, truth);
      this.countErrors();
    }
    this.pendingTracks.length = 0;
  }

  private countErrors(): void {
    const j = this.judgement;
    const c = this.errorCounts;
    c.judged++;
    for (const si of j.missed) {
      const s = this.judgedTruth[si]!;
      this.grids.addError(s.x, s.y);
      c.missed++;
    }
    for (let i = 0; i < j.trackStatus.length; i++) {
      const st = j.trackStatus[i];
      if (st !== 'false-track' && st !== 'bound-wrong') continue;
      const tr = this.tracks[i]!;
      this.grids.addError(tr.positionM[0], tr.positionM[1]);
      if (st === 'false-track') c.falseTracks++;
      else c.wrongBindings++;
    }
  }
}

function removeOne(list: string[] | undefined, sku: string): void {
  if (list === undefined) return;
  const i = list.lastIndexOf(sku);
  if (i >= 0) list.splice(i, 1);
}
