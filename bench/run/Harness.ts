import type { EngineEvent, SensorFrame, StoreDescription } from '../../engine/api.ts';
import type { EngineReply } from '../../engine/host/EngineWorkerApi.ts';
import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { describeStore } from '../../sim/describeStore.ts';
import { Sensors } from '../../sim/sensors/Sensors.ts';
import type { ShopperPose, TruthEvent } from '../../sim/truth/Truth.ts';
import { World } from '../../sim/World.ts';
import type { RunLogHeader, TimingFooter, TimingLine } from './RunLog.ts';
import type { RunLogFooterInput, RunLogHeaderInput } from './RunLogWriter.ts';
import { RunLogWriteError, roundTime } from './RunLogWriter.ts';

/** Where RunLog lines go: a file (RunLogWriter) in Node, memory in a browser. */
export interface RunLogSink {
  header(input: RunLogHeaderInput): void;
  event(e: TruthEvent): void;
  /** In pipelined lockstep a camera frame arrives here after its buffers moved to the engine: read its header and count, not its arrays. */
  sensor(f: SensorFrame): void;
  engine(e: EngineEvent): void;
  truth(tS: number, poses: readonly ShopperPose[]): void;
  footer(input: RunLogFooterInput): void;
  abort(tS: number, ticks: number, error: string): void;
}

/** Where wall-clock timings go (`timings.jsonl` in Node). */
export interface TimingSink {
  timing(line: TimingLine): void;
  footer(line: TimingFooter): void;
}

/** The engine as the harness drives it: an EngineClient (worker) or anything with the same calls. */
export interface EnginePort {
  readonly name: string;
  /** `call` names the tick in errors. */
  ingest(t: number, frames: readonly SensorFrame[], call: string): Promise<EngineReply>;
  finish(t: number): Promise<EngineReply>;
  close(): void;
}

/** How the harness feeds the engine. */
export type HarnessMode =
  /**
   * The engine sees every tick, in order, and the RunLog is byte-stable. Pipelined: the twin steps
   * ahead while the engine works, up to `inFlight` ticks (default LOCKSTEP_IN_FLIGHT); each tick's
   * lines are written once the engine has answered it, in the same order as with `inFlight: 1`.
   */
  | { readonly kind: 'lockstep'; readonly inFlight?: number }
  /** Ticks are released at wall rate x speed; frames wait in a bounded queue; a slow engine drops frames. */
  | { readonly kind: 'realtime'; readonly speed: number; readonly queueFrames: number };

/** Ticks the twin may run ahead of the engine in lockstep: enough to hide a worker round trip and an engine spike. */
export const LOCKSTEP_IN_FLIGHT = 8;

/** A stepped tick whose lines wait for the engine's answer (lockstep pipeline). */
interface PendingTick {
  readonly tick: number;
  readonly t: number;
  readonly events: readonly TruthEvent[];
  readonly frames: readonly SensorFrame[];
  readonly poses: ShopperPose[] | null;
  readonly sentMs: number;
  readonly reply: Promise<{ readonly ok: true; readonly reply: EngineReply } | { readonly ok: false; readonly error: unknown }>;
}

/** Everything a run needs; no I/O of its own. */
export interface HarnessOptions {
  readonly scenario: Scenario;
  /** Arrivals window instead of the scenario's. */
  readonly durationS?: number;
  /** The engine, started and initialised already; null for a twin-only run. */
  readonly engine: EnginePort | null;
  readonly mode: HarnessMode;
  readonly sink: RunLogSink;
  readonly timings?: TimingSink;
  /** Wall clock, milliseconds (timings only; never written to the RunLog). */
  readonly clockMs: () => number;
  /** Waits this many wall milliseconds (realtime mode). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called about once per simulated second and at the end. */
  readonly onProgress?: (tS: number, endS: number) => void;
}

/** Engine statistics of a run. */
export interface EngineRunStats {
  readonly name: string;
  readonly ingests: number;
  readonly deliveredFrames: number;
  readonly droppedFrames: number;
  readonly events: number;
  /** Engine ms per ingest (measured in the worker): median, 99th percentile, max. */
  readonly engineMsP50: number;
  readonly engineMsP99: number;
  readonly engineMsMax: number;
  /** Realtime: frame emission to engine answer, ms; null in lockstep. */
  readonly latencyMsP50: number | null;
  readonly latencyMsP99: number | null;
}

/** What a finished run reports. */
export interface HarnessSummary {
  readonly simS: number;
  readonly endS: number;
  readonly ticks: number;
  readonly emptied: boolean;
  readonly inStore: number;
  readonly wallS: number;
  readonly realTimeFactor: number;
  readonly engine: EngineRunStats | null;
}

/** The run failed midway; the sink has an abort line. `phase` names what failed (`World.step`, `engine`...). */
export class HarnessCrash extends Error {
  readonly phase: string;
  readonly tS: number;
  readonly tick: number;

  constructor(phase: string, tS: number, tick: number, cause: unknown) {
    super(`bench: the run crashed in ${phase} at t = ${roundTime(tS)} s (tick ${tick}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'HarnessCrash';
    this.phase = phase;
    this.tS = tS;
    this.tick = tick;
  }
}

/** The StoreDescription an engine gets for a scenario (what the operator knows; no truth). */
export function storeDescriptionOf(scenario: Scenario): StoreDescription {
  return describeStore(scenario);
}

/**
 * Runs the twin from t = 0 to the end, feeding the engine (if any) and recording everything into
 * the sink: per tick the truth events, the sensor frames, the engine's events, and every truth
 * interval the poses. The core of `storetwin run` and of the browser app: it does no I/O itself.
 */
export async function runHarness(o: HarnessOptions): Promise<HarnessSummary> {
  const { scenario, sink, engine, clockMs } = o;
  const dtS = scenario.dtS;
  const truthEvery = Math.max(1, Math.round(1 / (scenario.truthHz * dtS)));
  const progressEvery = Math.max(1, Math.round(1 / dtS));
  const durationS = o.durationS ?? scenario.crowd.durationS;
  const realtime = o.mode.kind === 'realtime' ? o.mode : null;
  const headerEngine: RunLogHeader['engine'] = engine === null ? null
    : { name: engine.name, mode: o.mode.kind, speed: realtime ? realtime.speed : 1 };

  const engineMs: number[] = [];
  const latencyMs: number[] = [];
  let ingests = 0;
  let delivered = 0;
  let dropped = 0;
  let engineEvents = 0;
  const wallStart = clockMs();
  let phase = 'new World';
  let world: World | null = null;
  /** The tick a pipelined engine call failed on (the twin may have stepped past it). */
  let failedTick: { tick: number; t: number } | null = null;
  const record = (reply: EngineReply, t: number, tick: number, frames: number, sentMs: number, oldestMs: number | null) => {
    const now = clockMs();
    for (const e of reply.events) sink.engine(e);
    engineEvents += reply.events.length;
    ingests++;
    delivered += frames;
    engineMs.push(reply.engineMs);
    const latency = oldestMs === null ? null : now - oldestMs;
    if (latency !== null) latencyMs.push(latency);
    o.timings?.timing({ type: 'timing', tick, t: roundTime(t), frames, engineMs: round3(reply.engineMs), roundTripMs: round3(now - sentMs), latencyMs: latency === null ? null : round3(latency) });
  };
  try {
    world = new World(scenario, o.durationS === undefined ? {} : { durationS: o.durationS });
    phase = 'new Sensors';
    const sensors = new Sensors(world);
    const endS = world.endS;
    const maxTicks = Math.ceil(endS / dtS) + 2;
    sink.header({ scenario, truthIntervalS: roundTime(truthEvery * dtS), durationS, endS, engine: headerEngine });
    phase = 'World.takeEvents';
    for (const e of world.takeEvents()) sink.event(e);
    phase = 'World.poses';
    sink.truth(world.t, world.poses());

    // Realtime state: queued frames with their emission times, and the ingest in flight.
    const queue: SensorFrame[] = [];
    const queuedAt: number[] = [];
    let inflight: Promise<void> | null = null;
    let failure: unknown = null;
    const launch = (t: number, tick: number) => {
      const frames = queue.splice(0);
      const at = queuedAt.splice(0);
      const sent = clockMs();
      inflight = engine!.ingest(t, frames, `ingest at tick ${tick} (t = ${roundTime(t)} s)`).then(
        (reply) => {
          record(reply, t, tick, frames.length, sent, at.length > 0 ? at[0]! : sent);
          inflight = null;
        },
        (err: unknown) => {
          failure = err;
          inflight = null;
        },
      );
    };

    // Lockstep pipeline: ticks sent to the engine whose lines are not written yet, oldest first.
    const pipeline: PendingTick[] = [];
    const inFlight = realtime === null && engine !== null ? Math.max(1, Math.floor(o.mode.kind === 'lockstep' ? o.mode.inFlight ?? LOCKSTEP_IN_FLIGHT : 1)) : 0;
    /** Writes the oldest pending tick once the engine has answered it: truth events, frames, engine events, poses. */
    const flushOldest = async () => {
      const p = pipeline.shift()!;
      phase = 'engine';
      const r = await p.reply;
      for (let i = 0; i < p.events.length; i++) sink.event(p.events[i]!);
      for (let i = 0; i < p.frames.length; i++) sink.sensor(p.frames[i]!);
      if (!r.ok) {
        failedTick = { tick: p.tick, t: p.t };
        throw r.error;
      }
      record(r.reply, p.t, p.tick, p.frames.length, p.sentMs, null);
      if (p.poses !== null) {
        phase = 'World.poses';
        sink.truth(p.t, p.poses);
      }
      if (o.onProgress !== undefined && p.tick % progressEvery === 0) {
        phase = 'onProgress';
        o.onProgress(p.t, endS);
      }
    };

    while (!world.done) {
      if (world.tick >= maxTicks) throw new Error(`the world is not done ${maxTicks} ticks in, past its end at ${endS} s`);
      if (realtime) {
        phase = 'engine';
        if (failure !== null) throw failure;
        const wait = wallStart + ((world.tick + 1) * dtS * 1000) / realtime.speed - clockMs();
        if (wait > 0) await o.sleep!(wait);
        if (failure !== null) throw failure;
      }
      phase = 'World.step';
      world.step();
      phase = 'World.takeEvents';
      const events = world.takeEvents();
      if (inFlight > 0) {
        // Pipelined lockstep: send this tick now, write its lines when the engine has answered it.
        phase = 'Sensors.sample';
        const frames = sensors.sample();
        const t = world.t;
        let poses: ShopperPose[] | null = null;
        if (world.tick % truthEvery === 0) {
          phase = 'World.poses';
          poses = world.poses();
        }
        phase = 'engine';
        const sentMs = clockMs();
        const reply = engine!.ingest(t, frames, `ingest at tick ${world.tick} (t = ${roundTime(t)} s)`).then(
          (r) => ({ ok: true as const, reply: r }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        pipeline.push({ tick: world.tick, t, events, frames, poses, sentMs, reply });
        while (pipeline.length >= inFlight) await flushOldest();
        continue;
      }
      for (let i = 0; i < events.length; i++) sink.event(events[i]!);
      phase = 'Sensors.sample';
      const frames = sensors.sample();
      // Written before the engine gets them: camera buffers move to the worker and are gone here after.
      for (let i = 0; i < frames.length; i++) sink.sensor(frames[i]!);
      const t = world.t;
      if (engine !== null && realtime !== null) {
        // Realtime (lockstep with an engine went through the pipeline above).
        phase = 'engine';
        const now = clockMs();
        for (const f of frames) {
          queue.push(f);
          queuedAt.push(now);
        }
        // A full queue drops its oldest frames: the engine is behind, as a real store's would be.
        const over = queue.length - realtime.queueFrames;
        if (over > 0) {
          queue.splice(0, over);
          queuedAt.splice(0, over);
          dropped += over;
        }
        if (inflight === null) launch(t, world.tick);
      }
      if (world.tick % truthEvery === 0) {
        phase = 'World.poses';
        sink.truth(t, world.poses());
      }
      if (o.onProgress !== undefined && world.tick % progressEvery === 0) {
        phase = 'onProgress';
        o.onProgress(t, endS);
      }
    }

    while (pipeline.length > 0) await flushOldest();
    if (engine !== null) {
      phase = 'engine';
      if (realtime) {
        while (inflight !== null) await inflight;
        if (failure !== null) throw failure;
        if (queue.length > 0) {
          launch(world.t, world.tick);
          while (inflight !== null) await inflight;
          if (failure !== null) throw failure;
        }
      }
      const reply = await engine.finish(world.t);
      for (const e of reply.events) sink.engine(e);
      engineEvents += reply.events.length;
    }
    phase = 'World.stockBySku';
    const stock = world.stockBySku();
    const emptied = world.poses().length === 0;
    sink.footer({ t: world.t, ticks: world.tick, emptied, inStore: world.inStoreCount, stock, faults: sensors.faultReport() });
    const wallS = (clockMs() - wallStart) / 1000;
    const realTimeFactor = wallS > 0 ? world.t / wallS : Infinity;
    o.timings?.footer({ type: 'timing-footer', mode: o.mode.kind, ingests, deliveredFrames: delivered, droppedFrames: dropped, wallS: round3(wallS), realTimeFactor: round3(realTimeFactor) });
    o.onProgress?.(world.t, endS);
    return {
      simS: roundTime(world.t), endS, ticks: world.tick, emptied, inStore: world.inStoreCount, wallS, realTimeFactor,
      engine: engine === null ? null : {
        name: engine.name, ingests, deliveredFrames: delivered, droppedFrames: dropped, events: engineEvents,
        engineMsP50: percentile(engineMs, 0.5), engineMsP99: percentile(engineMs, 0.99), engineMsMax: percentile(engineMs, 1),
        latencyMsP50: realtime ? percentile(latencyMs, 0.5) : null, latencyMsP99: realtime ? percentile(latencyMs, 0.99) : null,
      },
    };
  } catch (err) {
    // A pipelined engine failure belongs to the tick it failed on, not to the tick the twin reached.
    const failed = failedTick as { tick: number; t: number } | null;
    const tS = failed?.t ?? world?.t ?? 0;
    const tick = failed?.tick ?? world?.tick ?? 0;
    if (err instanceof RunLogWriteError) phase = 'writing the RunLog';
    try {
      sink.abort(tS, tick, `${phase}: ${err instanceof Error ? err.message : String(err)}`);
      const wallS = (clockMs() - wallStart) / 1000;
      o.timings?.footer({ type: 'timing-footer', mode: o.mode.kind, ingests, deliveredFrames: delivered, droppedFrames: dropped, wallS: round3(wallS), realTimeFactor: round3(wallS > 0 ? tS / wallS : 0) });
    } catch {
      // The original failure is the one to report.
    }
    throw new HarnessCrash(phase, tS, tick, err);
  }
}

/** The q-quantile (nearest rank) of a list of numbers; 0 for an empty list. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const s = Float64Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
