import type { StoreDescription } from '../../../engine/api.ts';
import { HarnessCrash } from '../../../bench/run/Harness.ts';
import type { Scenario } from '../../../sim/scenario/Scenario.ts';
import type { EngineFactory } from './EnginePort.ts';
import { LiveRun } from './LiveRun.ts';
import { tickBlend } from './poseBlend.ts';

/** Tunables of the play loop. */
export const PLAY = {
  /** Wall milliseconds of stepping per slice before yielding to the renderer (fast playback). */
  sliceMs: 24,
  /** Panels are refreshed at most this often, milliseconds (React is not fed per tick). */
  snapshotEveryMs: 250,
  /** At a fixed speed, a tab that fell behind (a slow frame, a hidden tab) skips ahead at most this far, seconds. */
  maxCatchUpS: 2,
} as const;

/** Playback speed: simulated seconds per wall second, or as fast as the tab can go. */
export type Speed = number | 'max';

/** What the controller reports to the UI. */
export interface ControllerStatus {
  readonly playing: boolean;
  readonly seeking: boolean;
  /** 0..1 while seeking. */
  readonly seekProgress: number;
  readonly error: string | null;
}

/** Wires a run to wall time: play, pause, speed, step and deterministic seeking (re-simulation from the seed). */
export class RunController {
  run: LiveRun | null = null;
  private playing = false;
  private speed: Speed = 1;
  private seeking = false;
  private seekProgress = 0;
  private error: string | null = null;
  private loopActive = false;
  /** Bumped on every new run, so a stale loop of an old run stops. */
  private generation = 0;
  private anchorWallMs = 0;
  private anchorSimS = 0;
  /** The tick delivered when the clock was anchored (the view blends only once a later one arrives). */
  private anchorTick = -1;
  private lastSnapshotMs = -Infinity;
  private pendingSeek: number | null = null;

  constructor(
    private readonly clockMs: () => number,
    private readonly yieldToFrame: () => Promise<void>,
    private readonly onStatus: (s: ControllerStatus) => void,
    private readonly onSnapshot: (run: LiveRun) => void,
  ) {}

  /** Starts a fresh run of a scenario (the engine made anew), paused at t = 0 unless `play`. */
  async load(scenario: Scenario, makeEngine: EngineFactory | null, describe: ((s: Scenario) => StoreDescription) | null, play: boolean): Promise<void> {
    this.dispose();
    const gen = ++this.generation;
    this.source = { scenario, makeEngine, describe };
    const engine = makeEngine?.() ?? null;
    const run = new LiveRun(scenario, engine, engine !== null && describe !== null ? describe(scenario) : null, this.clockMs);
    this.error = null;
    try {
      await run.start();
    } catch (err) {
      run.dispose();
      if (gen === this.generation) this.fail(err);
      return;
    }
    // Handed out only once its engine is ready, so nothing steps it before the worker is up.
    if (gen !== this.generation) {
      run.dispose();
      return;
    }
    this.run = run;
    this.snapshot(true);
    if (play) this.play();
    else this.status();
  }

  private source: { scenario: Scenario; makeEngine: EngineFactory | null; describe: ((s: Scenario) => StoreDescription) | null } | null = null;

  /** Plays from the current time at the current speed. */
  play(): void {
    if (this.run === null || this.run.finished) return;
    this.playing = true;
    this.reanchor();
    this.status();
    void this.loop();
  }

  /** Pauses after the tick in flight. */
  pause(): void {
    this.playing = false;
    this.status();
  }

  /** Sets the playback speed (takes effect at once). */
  setSpeed(speed: Speed): void {
    const run = this.run;
    if (this.playing && typeof this.speed === 'number' && run !== null) {
      // The clock carries on from where it is, so the view does not jump when the speed changes.
      const now = this.clockMs();
      this.anchorSimS = Math.min(this.playClockS(now), run.posesT + run.scenario.dtS);
      this.anchorWallMs = now;
      this.speed = speed;
      return;
    }
    this.speed = speed;
    this.reanchor();
  }

  /**
   * How far from the previous tick's poses to the latest's the view should draw now, 0..1
   * (1 = the latest exactly: paused, stepping, seeking, at 'max' speed, or no tick yet since play).
   */
  blendFraction(): number {
    const run = this.run;
    if (run === null) return 1;
    return tickBlend({
      playingAtSpeed: this.playing && !this.seeking && typeof this.speed === 'number',
      speed: typeof this.speed === 'number' ? this.speed : 0,
      anchorWallMs: this.anchorWallMs,
      anchorSimS: this.anchorSimS,
      anchorTick: this.anchorTick,
      nowMs: this.clockMs(),
      latestTick: run.posesTick,
      latestS: run.posesT,
      tickS: run.scenario.dtS,
    });
  }

  /** Simulated time the play clock has reached at wall time `nowMs` (at a fixed speed). */
  private playClockS(nowMs: number): number {
    return this.anchorSimS + ((nowMs - this.anchorWallMs) / 1000) * (typeof this.speed === 'number' ? this.speed : 0);
  }

  /** Advances exactly one tick (when paused). */
  async step(): Promise<void> {
    if (this.run === null || this.playing || this.seeking) return;
    const gen = this.generation;
    await this.guard(gen, () => this.run!.step());
    this.snapshot(true);
  }

  /**
   * Goes to simulated time `tS`: forward by simulating on, backward by re-simulating from the seed
   * (the run is deterministic, so the replay passes through the very same states).
   */
  async seek(tS: number): Promise<void> {
    if (this.run === null || this.source === null) return;
    if (this.seeking) {
      // A seek bar dragged while seeking: go there next.
      this.pendingSeek = tS;
      return;
    }
    const wasPlaying = this.playing;
    this.playing = false;
    this.seeking = true;
    this.seekProgress = 0;
    this.status();
    if (tS < this.run.t) {
      const { scenario, makeEngine, describe } = this.source;
      await this.load(scenario, makeEngine, describe, false);
      this.seeking = true;
    }
    const gen = this.generation;
    const run = this.run;
    if (run === null) return;
    const from = run.t;
    while (run.t < tS - 1e-9 && !run.finished && gen === this.generation) {
      const sliceStart = this.clockMs();
      const more = (steppedS: number) => steppedS < tS - 1e-9 && this.clockMs() - sliceStart < PLAY.sliceMs;
      if (!(await this.guard(gen, async () => void (await run.advance(more))))) break;
      this.seekProgress = (run.t - from) / Math.max(1e-9, tS - from);
      this.snapshot(false);
      this.status();
      await this.yieldToFrame();
    }
    this.seeking = false;
    this.seekProgress = 1;
    this.snapshot(true);
    if (this.pendingSeek !== null) {
      const next = this.pendingSeek;
      this.pendingSeek = null;
      if (wasPlaying) this.playing = true;
      return this.seek(next);
    }
    if (wasPlaying) this.play();
    else this.status();
  }

  /** Stops the loop and ends the engine's worker. */
  dispose(): void {
    this.generation++;
    this.playing = false;
    this.run?.dispose();
    this.run = null;
  }

  private reanchor(): void {
    this.anchorWallMs = this.clockMs();
    this.anchorSimS = this.run?.t ?? 0;
    this.anchorTick = this.run?.posesTick ?? -1;
  }

  private async loop(): Promise<void> {
    if (this.loopActive) return;
    this.loopActive = true;
    const gen = this.generation;
    try {
      while (this.playing && gen === this.generation && this.run !== null && !this.run.finished) {
        const run = this.run;
        const sliceStart = this.clockMs();
        let more: (steppedS: number) => boolean;
        if (this.speed === 'max') {
          more = () => this.clockMs() - sliceStart < PLAY.sliceMs;
        } else {
          const target = this.playClockS(this.clockMs());
          if (target - run.t > PLAY.maxCatchUpS) {
            // Fell behind (a hidden tab, a slow engine): carry on from here rather than race to catch up.
            this.reanchor();
          }
          const goal = Math.min(target, run.t + PLAY.maxCatchUpS);
          more = (steppedS) => steppedS + run.scenario.dtS <= goal + 1e-9 && this.clockMs() - sliceStart < PLAY.sliceMs;
        }
        if (!(await this.guard(gen, async () => void (await run.advance(more))))) return;
        this.snapshot(false);
        await this.yieldToFrame();
      }
    } finally {
      this.loopActive = false;
      if (gen === this.generation) {
        if (this.run?.finished) this.playing = false;
        this.snapshot(true);
        this.status();
      }
    }
  }

  /** Runs a step of run generation `gen`; a failure is shown unless that run was replaced meanwhile (its abort is no news). */
  private async guard(gen: number, f: () => Promise<void>): Promise<boolean> {
    try {
      await f();
      return true;
    } catch (err) {
      if (gen === this.generation) this.fail(err);
      return false;
    }
  }

  private fail(err: unknown): void {
    this.playing = false;
    this.seeking = false;
    const run = this.run;
    // A HarnessCrash names the phase, time and tick itself.
    const where = run === null || err instanceof HarnessCrash ? '' : ` at t = ${run.t.toFixed(1)} s (tick ${run.tick})`;
    this.error = `${err instanceof Error ? err.message : String(err)}${where}`;
    this.status();
  }

  private snapshot(force: boolean): void {
    const now = this.clockMs();
    if (!force && now - this.lastSnapshotMs < PLAY.snapshotEveryMs) return;
    this.lastSnapshotMs = now;
    if (this.run !== null) this.onSnapshot(this.run);
  }

  private status(): void {
    this.onStatus({ playing: this.playing, seeking: this.seeking, seekProgress: this.seekProgress, error: this.error });
  }
}
