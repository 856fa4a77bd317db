import type { Scenario } from '../../sim/scenario/Scenario.ts';
import { Sensors } from '../../sim/sensors/Sensors.ts';
import { World } from '../../sim/World.ts';
import type { RunLogCounts } from './RunLog.ts';
import { RunLogWriteError, RunLogWriter, roundTime } from './RunLogWriter.ts';

/** How to run the twin once. */
export interface RunTwinOptions {
  /** The scenario, seed included (override it beforehand: `{ ...scenario, seed }`). */
  readonly scenario: Scenario;
  /** Where the RunLog goes; created or truncated. */
  readonly runLogFile: string;
  /** Arrivals window in seconds instead of the scenario's `crowd.durationS`; the drain follows it. */
  readonly durationS?: number;
  /** Called about once per simulated second, and once at the end, with the simulated time and the latest end. */
  readonly onProgress?: (tS: number, endS: number) => void;
  /** Wall clock in milliseconds, for the real-time factor only (never written to the RunLog). */
  readonly clockMs?: () => number;
}

/** What a finished run reports. */
export interface RunSummary {
  readonly scenario: string;
  readonly seed: number;
  readonly runLogFile: string;
  /** Simulated seconds run. */
  readonly simS: number;
  readonly endS: number;
  readonly ticks: number;
  /** Whether every shopper had left by the end (false: cut at endS with shoppers present). */
  readonly emptied: boolean;
  readonly inStore: number;
  readonly counts: RunLogCounts;
  /** Wall-clock seconds the run took. */
  readonly wallS: number;
  /** Simulated seconds per wall-clock second. */
  readonly realTimeFactor: number;
}

/** The run itself failed midway; the RunLog up to that point is on disk, ending in an abort line. */
export class RunCrash extends Error {
  /** What was being done: `World.step`, `Sensors.sample`, ... */
  readonly phase: string;
  readonly tS: number;
  readonly tick: number;
  readonly runLogFile: string;

  constructor(phase: string, tS: number, tick: number, runLogFile: string, cause: unknown) {
    super(`bench: the run crashed in ${phase} at t = ${roundTime(tS)} s (tick ${tick}): ${errorText(cause)}`, { cause });
    this.name = 'RunCrash';
    this.phase = phase;
    this.tS = tS;
    this.tick = tick;
    this.runLogFile = runLogFile;
  }
}

/**
 * Drives the world and its sensors in lockstep from t = 0 to the end, recording a RunLog: per tick
 * the truth events, then the sensor frames, then (every truth interval) the poses. Truth is also
 * sampled once at t = 0. The RunLog depends only on the scenario, the seed and durationS.
 */
export function runTwin(options: RunTwinOptions): RunSummary {
  const { scenario, runLogFile, onProgress } = options;
  const clockMs = options.clockMs ?? (() => performance.now());
  const dtS = scenario.dtS;
  // Truth is sampled on whole ticks: at truthHz or, when that is faster than the step, every tick.
  const truthEvery = Math.max(1, Math.round(1 / (scenario.truthHz * dtS)));
  const progressEvery = Math.max(1, Math.round(1 / dtS));
  const durationS = options.durationS ?? scenario.crowd.durationS;

  const wallStart = clockMs();
  const writer = new RunLogWriter(runLogFile);
  let phase = 'new World';
  let world: World | null = null;
  try {
    world = new World(scenario, options.durationS === undefined ? {} : { durationS: options.durationS });
    phase = 'new Sensors';
    const sensors = new Sensors(world);
    const endS = world.endS;
    // Guards against a world that never reports done.
    const maxTicks = Math.ceil(endS / dtS) + 2;
    writer.header({ scenario, truthIntervalS: roundTime(truthEvery * dtS), durationS, endS });

    phase = 'World.takeEvents';
    for (const e of world.takeEvents()) writer.event(e);
    phase = 'World.poses';
    writer.truth(world.t, world.poses());

    while (!world.done) {
      if (world.tick >= maxTicks) throw new Error(`the world is not done ${maxTicks} ticks in, past its end at ${endS} s`);
      phase = 'World.step';
      world.step();
      phase = 'World.takeEvents';
      const events = world.takeEvents();
      for (let i = 0; i < events.length; i++) writer.event(events[i]!);
      phase = 'Sensors.sample';
      const frames = sensors.sample();
      for (let i = 0; i < frames.length; i++) writer.sensor(frames[i]!);
      if (world.tick % truthEvery === 0) {
        phase = 'World.poses';
        writer.truth(world.t, world.poses());
      }
      if (onProgress !== undefined && world.tick % progressEvery === 0) {
        phase = 'onProgress';
        onProgress(world.t, endS);
      }
    }

    phase = 'World.stockBySku';
    const stock = world.stockBySku();
    const emptied = world.poses().length === 0;
    writer.footer({ t: world.t, ticks: world.tick, emptied, inStore: world.inStoreCount, stock, faults: sensors.faultReport() });
    writer.close();
    const wallS = (clockMs() - wallStart) / 1000;
    phase = 'onProgress';
    onProgress?.(world.t, endS);
    return {
      scenario: scenario.name,
      seed: scenario.seed,
      runLogFile,
      simS: roundTime(world.t),
      endS,
      ticks: world.tick,
      emptied,
      inStore: world.inStoreCount,
      counts: writer.counts(),
      wallS,
      realTimeFactor: wallS > 0 ? world.t / wallS : Infinity,
    };
  } catch (err) {
    const tS = world?.t ?? 0;
    const tick = world?.tick ?? 0;
    const where = err instanceof RunLogWriteError ? 'writing the RunLog' : phase;
    try {
      writer.abort(tS, tick, `${where}: ${errorText(err)}`);
      writer.close();
    } catch {
      // The original failure is the one to report.
    }
    throw new RunCrash(where, tS, tick, runLogFile, err);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
