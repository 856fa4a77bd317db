import type { CameraDetectionsFrame, EngineEvent, SensorFrame, StoreDescription, TrackSnapshot } from '../../../engine/api.ts';
import type { RunLogEngineLine, RunLogLine } from '../../../bench/run/RunLog.ts';
import { round3, roundTime, runLogHeader } from '../../../bench/run/RunLogWriter.ts';
import { pointInPolygon } from '../../../sim/geometry/polygon.ts';
import type { Scenario } from '../../../sim/scenario/Scenario.ts';
import { cameraCoverage } from '../../../sim/sensors/camera/coverage.ts';
import { Sensors } from '../../../sim/sensors/Sensors.ts';
import type { ShopperPose, ShopperSpawn } from '../../../sim/truth/Truth.ts';
import { World } from '../../../sim/World.ts';
import type { EnginePort } from './EnginePort.ts';
import { FloorGrids } from './FloorGrids.ts';
import type { TrackJudgement, TruthPoint } from './judgeTracks.ts';
import { judgeTracks } from './judgeTracks.ts';
import type { ReceiptLike } from './matchReceipts.ts';

/** A true receipt as the panels show it. */
export type TrueReceipt = ReceiptLike & { readonly visitId: number; readonly shoppers: readonly number[] };

/** Engine time as the tab measured it: per tick, the batch's round trip to the worker over its ticks. */
export interface EngineTiming {
  readonly roundTripMs: number[];
}

/**
 * One run of the twin in the tab, with the engine under test behind an async port (a Web Worker).
 * Lockstep: `tick()` steps the world, samples the sensors and waits for the engine's answer, so the
 * same scenario and seed give the same run however fast the tab plays it. Keeps what the views and
 * panels read (poses, carried goods, the latest tracks and detections, receipts, floor grids) and the
 * RunLog lines a report is computed from (sensor frames are counted, not kept, as in the CLI's
 * RunLog: they are large and reproducible).
 */
export class LiveRun {
  readonly world: World;
  readonly sensors: Sensors;
  readonly grids: FloorGrids;
  /** The RunLog so far, minus sensor frames. */
  readonly lines: RunLogLine[] = [];
  readonly spawns = new Map<number, ShopperSpawn>();
  /** SKUs each present shopper carries, oldest first (from take, put-back and handover events). */
  readonly carried = new Map<number, string[]>();
  readonly trueReceipts: TrueReceipt[] = [];
  readonly engineReceipts: ReceiptLike[] = [];
  readonly engineEvents = { bindings: 0, cartLines: 0, alerts: 0, receipts: 0, counterCharges: 0, trackSnapshots: 0 };
  readonly timing: EngineTiming = { roundTripMs: [] };
  /** Poses after the latest tick. */
  poses: ShopperPose[] = [];
  /** Tracks of the engine's latest `tracks` event, and how they compare with truth then. */
  tracks: readonly TrackSnapshot[] = [];
  judgement: TrackJudgement = { trackStatus: [], trackTruth: [], missed: [] };
  /** Truth the judgement was made against (indices of `judgement.missed` point here). */
  judgedTruth: TruthPoint[] = [];
  /** Errors counted by the judge so far: misses, false tracks, wrong bindings (summed over track events). */
  readonly errorCounts = { missed: 0, falseTracks: 0, wrongBindings: 0, judged: 0 };
  /** The latest detections of each camera (copies: the originals go to the worker). */
  readonly detections = new Map<string, CameraDetectionsFrame>();
  finished = false;
  /** Line counts for the footer, as the CLI's RunLog writer keeps them. */
  private readonly counts = { events: 0, sensorFrames: 0, truthSamples: 0, eventsByKind: new Map<string, number>(), framesByKind: new Map<string, number>() };
  /** Per tick with the engine: frames delivered (for the report's timings). */
  readonly framesPerTick: number[] = [];
  private readonly truthEvery: number;

  constructor(
    readonly scenario: Scenario,
    readonly engine: EnginePort | null,
    readonly storeDescription: StoreDescription | null,
    private readonly clockMs: () => number,
  ) {
    this.world = new World(scenario);
    this.sensors = new Sensors(this.world);
    this.grids = new FloorGrids(scenario.store.outline);
    this.grids.setCoverage(cameraCoverage(scenario, this.world.store));
    this.truthEvery = Math.max(1, Math.round(1 / (scenario.truthHz * scenario.dtS)));
    const engineInfo = engine === null ? null : { name: engine.name, mode: 'lockstep' as const, speed: 1 };
    this.lines.push(runLogHeader({ scenario, truthIntervalS: roundTime(this.truthEvery * scenario.dtS), durationS: scenario.crowd.durationS, endS: this.world.endS, engine: engineInfo }));
    this.absorbEvents();
    this.poses = this.world.poses();
    this.recordTruth();
  }

  /** Simulated time, seconds. */
  get t(): number {
    return this.world.t;
  }

  /** Starts the engine with the store's description. */
  async start(): Promise<void> {
    if (this.engine !== null && this.storeDescription !== null) await this.engine.init(this.storeDescription);
  }

  /** One tick: world, sensors, engine. Resolves when the engine has answered. */
  async tick(): Promise<void> {
    let once = true;
    await this.advance(() => {
      const go = once;
      once = false;
      return go;
    });
  }

  /**
   * Steps the twin while `more()` says so (asked before each tick), then hands those ticks' frames
   * to the engine in one message and waits for its answers, tick by tick in order. Nothing flows
   * from the engine back into the twin, so this batching changes no result; it saves a worker
   * round trip per tick (a round trip costs about one rendered frame on a busy page).
   */
  async advance(more: () => boolean): Promise<number> {
    if (this.finished) return 0;
    const w = this.world;
    const batch = this.batch;
    batch.length = 0;
    while (!w.done && more()) {
      w.step();
      this.absorbEvents();
      const frames = this.sensors.sample();
      this.keepDetections(frames);
      this.countFrames(frames);
      this.poses = w.poses();
      if (w.tick % this.truthEvery === 0) this.recordTruth();
      // Each tick's truth goes along, so its tracks are judged against where people were then.
      batch.push({ t: w.t, frames, truth: this.engine === null ? [] : this.truthPoints() });
    }
    const n = batch.length;
    if (this.engine !== null && n > 0) {
      const t0 = this.clockMs();
      const answers = await this.engine.ingestBatch(batch);
      const perTick = (this.clockMs() - t0) / n;
      for (let i = 0; i < n; i++) this.timing.roundTripMs.push(perTick);
      answers.forEach((a, i) => this.absorbEngine(a, batch[i]!.truth));
    }
    if (w.done) await this.finish();
    return n;
  }

  private readonly batch: { t: number; frames: SensorFrame[]; truth: TruthPoint[] }[] = [];

  /** Ends the run: the engine's last words, and the footer. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (this.engine !== null) this.absorbEngine(await this.engine.finish(this.world.t), this.truthPoints());
    const stock = this.world.stockBySku();
    this.lines.push({
      type: 'footer', t: this.world.t, ticks: this.world.tick, emptied: this.world.presentCount === 0, inStore: this.world.inStoreCount,
      counts: {
        events: this.counts.events, sensorFrames: this.counts.sensorFrames, truthSamples: this.counts.truthSamples,
        eventsByKind: sortedRecord(this.counts.eventsByKind), framesByKind: sortedRecord(this.counts.framesByKind),
      },
      stock: Object.fromEntries([...stock].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    });
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

  private absorbEvents(): void {
    for (const e of this.world.takeEvents()) {
      this.lines.push({ type: 'event', ...e });
      this.counts.events++;
      this.counts.eventsByKind.set(e.kind, (this.counts.eventsByKind.get(e.kind) ?? 0) + 1);
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
  }

  private recordTruth(): void {
    const dtS = this.truthEvery * this.scenario.dtS;
    const rows = [];
    for (const p of this.poses) {
      this.grids.addPresence(p.position[0], p.position[1], p.activity, dtS);
      rows.push([p.id, round3(p.position[0]), round3(p.position[1]), round3(p.headingRad), p.activity,
        round3(p.leftHand[0]), round3(p.leftHand[1]), round3(p.leftHand[2]), round3(p.rightHand[0]), round3(p.rightHand[1]), round3(p.rightHand[2])] as const);
    }
    this.lines.push({ type: 'truth', t: roundTime(this.world.t), rows });
    this.counts.truthSamples++;
  }

  private countFrames(frames: readonly SensorFrame[]): void {
    this.counts.sensorFrames += frames.length;
    for (const f of frames) this.counts.framesByKind.set(f.kind, (this.counts.framesByKind.get(f.kind) ?? 0) + 1);
    if (this.engine !== null) this.framesPerTick.push(frames.length);
  }

  private keepDetections(frames: readonly SensorFrame[]): void {
    for (const f of frames) {
      if (f.kind !== 'camera-detections') continue;
      // A copy: the engine port may transfer the original's buffers to the worker.
      this.detections.set(f.sensorId, { ...f, boxes: f.boxes.slice(), keypoints: f.keypoints.slice(), appearance: new Float32Array(0) });
    }
  }

  private absorbEngine(events: readonly EngineEvent[], truth: TruthPoint[]): void {
    for (const e of events) {
      this.lines.push({ type: 'engine', ...e } as RunLogEngineLine);
      if (e.kind === 'tracks') {
        this.engineEvents.trackSnapshots++;
        this.tracks = e.tracks;
        this.judgedTruth = truth;
        this.judgement = judgeTracks(e.tracks, this.judgedTruth);
        this.countErrors();
        continue;
      }
      switch (e.kind) {
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
      }
    }
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

function sortedRecord(m: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

function removeOne(list: string[] | undefined, sku: string): void {
  if (list === undefined) return;
  const i = list.lastIndexOf(sku);
  if (i >= 0) list.splice(i, 1);
}
