import type { SensorFrame } from '../../engine/api.ts';
import type { EngineReply } from '../../engine/host/EngineWorkerApi.ts';
import { Sensors } from '../../sim/sensors/Sensors.ts';
import type { ShopperPose, TruthEvent } from '../../sim/truth/Truth.ts';
import { World } from '../../sim/World.ts';
import { EngineAnswers } from './EngineAnswers.ts';
import { engineEventProblem } from './engineEventProblem.ts';
import { HarnessRunRealtime } from './HarnessRunRealtime.ts';
import type { HarnessMode, HarnessRunOptions, HarnessSummary } from './HarnessRunTypes.ts';
import { HarnessCrash, LOCKSTEP_IN_FLIGHT } from './HarnessRunTypes.ts';
import type { RunLogHeader } from './RunLog.ts';
import { RunLogWriteError, roundTime } from './RunLogWriter.ts';

/** One stepped tick: what the twin produced, and (lockstep with an engine) the engine's pending answer. */
interface TickWork {
  readonly tick: number;
  readonly t: number;
  readonly events: readonly TruthEvent[];
  readonly frames: readonly SensorFrame[];
  /** Taken when truth is due or an observer wants every tick's poses. */
  readonly poses: ShopperPose[] | null;
  readonly truthDue: boolean;
}

/** A stepped tick whose lines wait for the engine's answer (lockstep pipeline). */
interface PendingTick extends TickWork {
  readonly sentMs: number;
  readonly reply: Promise<{ readonly ok: true; readonly reply: EngineReply } | { readonly ok: false; readonly error: unknown }>;
}

/** Where a run is: not started, stepping, ended by its footer, crashed (abort line written) or aborted by its owner. */
export type HarnessRunState = 'new' | 'running' | 'ended' | 'crashed' | 'aborted';

/**
 * One run of the twin, steppable: the core of `storetwin run` (runHarness loops over it) and of the
 * browser tab (LiveRun drives it a slice at a time). `start()` writes the header and the t = 0
 * lines; each step advances the world one tick, samples the sensors, has the engine answer and
 * delivers the tick's lines to the sink in RunLog order: truth events, sensor frames, engine events,
 * truth sample. `finish()` takes the engine's last words and writes the footer. A failure anywhere
 * writes an abort line and rejects with a HarnessCrash. No I/O of its own.
 *
 * In lockstep with an engine, bulk stepping is pipelined: the twin runs up to `inFlight` ticks ahead
 * of the engine's answers, and every step call returns only once all its ticks are delivered. The
 * lines are the same whatever the batching, byte for byte.
 */
export class HarnessRun {
  private readonly o: HarnessRunOptions;
  private readonly truthEvery: number;
  private readonly progressEvery: number;
  private readonly realtime: Extract<HarnessMode, { kind: 'realtime' }> | null;
  /** Lockstep with an engine: ticks in flight at most; 0 when lines are written as the twin steps. */
  private readonly inFlight: number;
  private w: World | null = null;
  private sensors: Sensors | null = null;
  private maxTicks = 0;
  private runState: HarnessRunState = 'new';
  private endError: Error | null = null;
  private busy = false;
  private phase = 'new World';
  /** The tick a pipelined engine call failed on (the twin may have stepped past it). */
  private failedTick: { tick: number; t: number } | null = null;
  private deliveredTick = 0;
  private deliveredT = 0;
  private wallStart = 0;
  // Engine statistics.
  private readonly answers: EngineAnswers;
  /** Lockstep pipeline: ticks sent to the engine whose lines are not written yet, oldest first. */
  private readonly pipeline: PendingTick[] = [];
  /** Realtime with an engine: the bounded frame queue and the ingest in flight. */
  private readonly feed: HarnessRunRealtime | null;

  constructor(options: HarnessRunOptions) {
    this.o = options;
    this.answers = new EngineAnswers(options.timings, options.clockMs);
    const { scenario, mode, engine } = options;
    this.truthEvery = Math.max(1, Math.round(1 / (scenario.truthHz * scenario.dtS)));
    this.progressEvery = Math.max(1, Math.round(1 / scenario.dtS));
    this.realtime = mode.kind === 'realtime' ? mode : null;
    if (this.realtime !== null && options.sleep === undefined) throw new Error('bench: HarnessRun in realtime mode needs options.sleep');
    this.inFlight = mode.kind === 'lockstep' && engine !== null ? Math.max(1, Math.floor(mode.inFlight ?? LOCKSTEP_IN_FLIGHT)) : 0;
    this.feed = this.realtime === null || engine === null ? null : new HarnessRunRealtime(engine, this.realtime.queueFrames, options.clockMs,
      (reply, t, tick, frames, sentMs, oldestMs) => {
        if (this.runState === 'running') this.record(reply, t, tick, frames, sentMs, oldestMs);
      });
  }

  /** Where the run is. */
  get state(): HarnessRunState {
    return this.runState;
  }

  /** The twin (after `start()`). Between step calls it is at the last delivered tick; during one it may be ahead. */
  get world(): World {
    if (this.w === null) throw new Error('bench: HarnessRun.world before start()');
    return this.w;
  }

  /** The last tick whose lines were all delivered, and its simulated time. */
  get tick(): number {
    return this.deliveredTick;
  }

  get t(): number {
    return this.deliveredT;
  }

  /** The twin has nothing left to step: `finish()` is next. */
  get twinDone(): boolean {
    return this.w !== null && this.w.done;
  }

  /** Builds the twin and writes the header and the t = 0 lines (truth events, truth sample). */
  start(): void {
    if (this.runState !== 'new') throw new Error(`bench: HarnessRun.start() on a run that is ${this.runState}`);
    this.runState = 'running';
    const { scenario, sink, engine } = this.o;
    this.wallStart = this.o.clockMs();
    try {
      this.phase = 'new World';
      const world = this.w = new World(scenario, this.o.durationS === undefined ? {} : { durationS: this.o.durationS });
      this.phase = 'new Sensors';
      this.sensors = new Sensors(world);
      this.maxTicks = Math.ceil(world.endS / scenario.dtS) + 2;
      const headerEngine: RunLogHeader['engine'] = engine === null ? null
        : { name: engine.name, mode: this.o.mode.kind, speed: this.realtime ? this.realtime.speed : 1 };
      sink.header({ scenario, truthIntervalS: roundTime(this.truthEvery * scenario.dtS), durationS: this.o.durationS ?? scenario.crowd.durationS, endS: world.endS, engine: headerEngine });
      this.phase = 'World.takeEvents';
      for (const e of world.takeEvents()) sink.event(e);
      this.phase = 'World.poses';
      const poses = world.poses();
      sink.truth(world.t, poses);
      this.deliveredT = world.t;
      if (this.o.observer?.ticked !== undefined) {
        this.phase = 'observer';
        this.o.observer.ticked(0, world.t, poses);
      }
    } catch (err) {
      throw this.crash(err);
    }
  }

  /** Advances exactly one tick and delivers all its lines. Resolves false when the twin was done already. */
  async step(): Promise<boolean> {
    let once = true;
    return (await this.stepWhile(() => {
      const go = once;
      once = false;
      return go;
    })) === 1;
  }

  /** Advances while the twin's time is below `tS` (to the first tick at or past it), delivering every line. */
  stepUntil(tS: number): Promise<number> {
    return this.stepWhile((t) => t < tS - 1e-9);
  }

  /**
   * Advances tick by tick while `more(tS)` says so (asked before each tick with the time the twin
   * has reached) and the twin is not done. Every tick stepped is delivered before this resolves;
   * lockstep with an engine pipelines them meanwhile. Resolves to the ticks advanced.
   */
  async stepWhile(more: (steppedS: number) => boolean): Promise<number> {
    this.enter('stepWhile');
    let n = 0;
    try {
      const w = this.w!;
      if (this.realtime !== null) {
        while (!w.done && more(w.t)) {
          await this.stepRealtime(this.realtime.speed);
          n++;
        }
      } else if (this.inFlight > 0) {
        while (!w.done && more(w.t)) {
          this.send(this.stepTwin());
          n++;
          while (this.pipeline.length >= this.inFlight) await this.flushOldest();
        }
        while (this.pipeline.length > 0) await this.flushOldest();
      } else {
        while (!w.done && more(w.t)) {
          this.deliver(this.stepTwin(), null, 0);
          n++;
        }
      }
    } catch (err) {
      throw this.crash(err);
    } finally {
      this.busy = false;
    }
    return n;
  }

  /** Twin-only lockstep runs (no engine, nothing to wait for): steps to the end synchronously. */
  runTwinSync(): void {
    if (this.o.engine !== null || this.realtime !== null) throw new Error('bench: HarnessRun.runTwinSync() is for twin-only lockstep runs');
    this.enter('runTwinSync');
    try {
      const w = this.w!;
      while (!w.done) this.deliver(this.stepTwin(), null, 0);
    } catch (err) {
      throw this.crash(err);
    } finally {
      this.busy = false;
    }
  }

  /** Twin-only lockstep runs: the footer, synchronously (see `finish()`). */
  finishSync(): HarnessSummary {
    if (this.o.engine !== null || this.realtime !== null) throw new Error('bench: HarnessRun.finishSync() is for twin-only lockstep runs');
    this.enter('finishSync');
    try {
      return this.writeFooter();
    } catch (err) {
      throw this.crash(err);
    } finally {
      this.busy = false;
    }
  }

  /** Ends a run whose twin is done: the engine's last answers and `finish`, then the footer and the timings footer. */
  async finish(): Promise<HarnessSummary> {
    this.enter('finish');
    try {
      if (!this.w!.done) throw new Error(`bench: HarnessRun.finish() at t = ${roundTime(this.w!.t)} s, before the twin is done (use abort)`);
      while (this.pipeline.length > 0) await this.flushOldest();
      const engine = this.o.engine;
      if (engine !== null) {
        this.phase = 'engine';
        if (this.feed !== null) {
          await this.feed.drain(this.w!.t, this.w!.tick);
          this.expectStillRunning();
        }
        const reply = await engine.finish(this.w!.t);
        this.expectStillRunning();
        this.checkEvents(reply.events, 'its answer to finish', this.w!.t, this.w!.tick);
        for (const e of reply.events) this.o.sink.engine(e);
        this.answers.countEvents(reply.events);
      }
      return this.writeFooter();
    } catch (err) {
      throw this.crash(err);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Ends the run early at the last delivered tick: an abort line naming `reason`, ticks in flight
   * dropped, a step in progress rejected. Does not close the engine (its owner does). No-op once ended.
   */
  abort(reason: string): void {
    if (this.runState !== 'new' && this.runState !== 'running') return;
    const started = this.runState === 'running';
    this.runState = 'aborted';
    this.endError = new Error(`bench: the run was aborted at t = ${roundTime(this.deliveredT)} s (tick ${this.deliveredTick}): ${reason}`);
    this.pipeline.length = 0;
    if (!started) return;
    try {
      this.o.sink.abort(this.deliveredT, this.deliveredTick, `aborted: ${reason}`);
      this.writeTimingFooter(this.deliveredT);
    } catch {
      // The owner asked to stop; a sink that cannot take the line changes nothing.
    }
  }

  private enter(what: string): void {
    if (this.runState !== 'running') {
      if (this.endError !== null) throw this.endError;
      throw new Error(`bench: HarnessRun.${what}() on a run that is ${this.runState}`);
    }
    if (this.busy) throw new Error(`bench: HarnessRun.${what}() while another step or finish is running (await it first)`);
    this.busy = true;
  }

  /** After every await: the owner may have aborted meanwhile. */
  private expectStillRunning(): void {
    if (this.runState !== 'running') throw this.endError ?? new Error(`bench: the run is ${this.runState}`);
  }

  /** World step, truth events, sensor sample (and poses when due): the twin's part of a tick. */
  private stepTwin(): TickWork {
    const w = this.w!;
    this.phase = 'World.step';
    if (w.tick >= this.maxTicks) throw new Error(`the world is not done ${this.maxTicks} ticks in, past its end at ${w.endS} s`);
    w.step();
    this.phase = 'World.takeEvents';
    const events = w.takeEvents();
    this.phase = 'Sensors.sample';
    const frames = this.sensors!.sample();
    const obs = this.o.observer;
    if (obs?.sampled !== undefined) {
      this.phase = 'observer';
      obs.sampled(w.tick, w.t, frames);
    }
    const truthDue = w.tick % this.truthEvery === 0;
    let poses: ShopperPose[] | null = null;
    if (truthDue || obs?.ticked !== undefined) {
      this.phase = 'World.poses';
      poses = w.poses();
    }
    return { tick: w.tick, t: w.t, events, frames, poses, truthDue };
  }

  /** Lockstep: hands a stepped tick to the engine and queues its lines until the answer. */
  private send(work: TickWork): void {
    this.phase = 'engine';
    const sentMs = this.o.clockMs();
    const reply = this.o.engine!.ingest(work.t, work.frames, `ingest at tick ${work.tick} (t = ${roundTime(work.t)} s)`).then(
      (r) => ({ ok: true as const, reply: r }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    this.pipeline.push({ ...work, sentMs, reply });
  }

  /** Writes the oldest pending tick once the engine has answered it. */
  private async flushOldest(): Promise<void> {
    const p = this.pipeline[0]!;
    this.phase = 'engine';
    const r = await p.reply;
    this.expectStillRunning();
    this.pipeline.shift();
    if (!r.ok) {
      // The tick's twin lines go out before the abort line, as they would have without the engine.
      for (let i = 0; i < p.events.length; i++) this.o.sink.event(p.events[i]!);
      for (let i = 0; i < p.frames.length; i++) this.o.sink.sensor(p.frames[i]!);
      this.failedTick = { tick: p.tick, t: p.t };
      throw r.error;
    }
    this.deliver(p, r.reply, p.sentMs);
  }

  /** A tick's lines in RunLog order, then the observer and the progress callback. */
  private deliver(p: TickWork, reply: EngineReply | null, sentMs: number): void {
    const sink = this.o.sink;
    for (let i = 0; i < p.events.length; i++) sink.event(p.events[i]!);
    for (let i = 0; i < p.frames.length; i++) sink.sensor(p.frames[i]!);
    if (reply !== null) this.record(reply, p.t, p.tick, p.frames.length, sentMs, null);
    this.afterLines(p);
  }

  /** Truth sample, delivered mark, observer, progress: the end of every tick's lines. */
  private afterLines(p: TickWork): void {
    if (p.truthDue) {
      this.phase = 'World.poses';
      this.o.sink.truth(p.t, p.poses!);
    }
    this.deliveredTick = p.tick;
    this.deliveredT = p.t;
    const obs = this.o.observer;
    if (obs?.ticked !== undefined) {
      this.phase = 'observer';
      obs.ticked(p.tick, p.t, p.poses!);
    }
    if (this.o.onProgress !== undefined && p.tick % this.progressEvery === 0) {
      this.phase = 'onProgress';
      this.o.onProgress(p.t, this.w!.endS);
    }
  }

  /** Realtime: waits for the tick's wall time, steps, writes the twin's lines and queues the frames for the engine. */
  private async stepRealtime(speed: number): Promise<void> {
    const w = this.w!;
    this.phase = 'engine';
    this.feed?.check();
    const wait = this.wallStart + ((w.tick + 1) * this.o.scenario.dtS * 1000) / speed - this.o.clockMs();
    if (wait > 0) await this.o.sleep!(wait);
    this.expectStillRunning();
    this.feed?.check();
    const p = this.stepTwin();
    const sink = this.o.sink;
    for (let i = 0; i < p.events.length; i++) sink.event(p.events[i]!);
    // Written before the engine gets them: camera buffers move to the worker and are gone here after.
    for (let i = 0; i < p.frames.length; i++) sink.sensor(p.frames[i]!);
    if (this.feed !== null) {
      this.phase = 'engine';
      this.feed.offer(p.frames, p.t, p.tick);
    }
    this.afterLines(p);
  }

  /** An engine answer: its events to the sink, its times to the statistics and the timing sink. */
  private record(reply: EngineReply, t: number, tick: number, frames: number, sentMs: number, oldestMs: number | null): void {
    this.checkEvents(reply.events, `its answer to the ingest at tick ${tick} (t = ${roundTime(t)} s)`, t, tick);
    for (const e of reply.events) this.o.sink.engine(e);
    this.answers.record(reply, t, tick, frames, sentMs, oldestMs);
  }

  /** Throws, naming the engine, the answer and the field, when an event breaks the contract (before any of them is written). */
  private checkEvents(events: readonly unknown[], answer: string, t: number, tick: number): void {
    for (let i = 0; i < events.length; i++) {
      const problem = engineEventProblem(events[i]);
      if (problem === null) continue;
      this.failedTick = { tick, t };
      throw new Error(`engine ${this.o.engine!.name} broke the contract (engine/api.ts EngineEvent) in ${answer}: events[${i}] (kind ${JSON.stringify((events[i] as { kind?: unknown } | null)?.kind) ?? 'none'}): ${problem}`);
    }
  }

  private writeFooter(): HarnessSummary {
    const w = this.w!;
    const engine = this.o.engine;
    this.phase = 'World.stockBySku';
    const stock = w.stockBySku();
    const emptied = w.poses().length === 0;
    this.o.sink.footer({ t: w.t, ticks: w.tick, emptied, inStore: w.inStoreCount, stock, faults: this.sensors!.faultReport() });
    this.runState = 'ended';
    const { wallS, realTimeFactor } = this.writeTimingFooter(w.t);
    this.phase = 'onProgress';
    this.o.onProgress?.(w.t, w.endS);
    const realtime = this.realtime !== null;
    return {
      simS: roundTime(w.t), endS: w.endS, ticks: w.tick, emptied, inStore: w.inStoreCount, wallS, realTimeFactor,
      engine: engine === null ? null : this.answers.stats(engine.name, this.feed?.dropped ?? 0, realtime),
    };
  }

  private writeTimingFooter(simS: number): { wallS: number; realTimeFactor: number } {
    return this.answers.footer(this.o.mode.kind, this.wallStart, simS, this.feed?.dropped ?? 0, this.runState === 'ended');
  }

  /** A failure: the abort line (at the tick that failed), the timings footer, and the HarnessCrash to throw. */
  private crash(err: unknown): Error {
    if (this.runState !== 'running') return this.endError ?? (err instanceof Error ? err : new Error(String(err)));
    this.runState = 'crashed';
    const failed = this.failedTick;
    const tS = failed?.t ?? this.w?.t ?? 0;
    const tick = failed?.tick ?? this.w?.tick ?? 0;
    let phase = this.phase;
    if (err instanceof RunLogWriteError) phase = 'writing the RunLog';
    try {
      this.o.sink.abort(tS, tick, `${phase}: ${err instanceof Error ? err.message : String(err)}`);
      this.writeTimingFooter(tS);
    } catch {
      // The original failure is the one to report.
    }
    this.endError = new HarnessCrash(phase, tS, tick, err);
    return this.endError;
  }
}
