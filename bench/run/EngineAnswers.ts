import type { EngineEvent } from '../../engine/api.ts';
import type { EngineReply } from '../../engine/host/EngineWorkerApi.ts';
import type { EngineRunStats, HarnessMode, TimingSink } from './HarnessRunTypes.ts';
import { percentile } from './HarnessRunTypes.ts';
import { roundTime } from './RunLogWriter.ts';

/**
 * What a run's engine answered, counted: events, ingests, frames delivered, engine time and (in
 * realtime mode) the latency from a frame's capture to its answer; each answer's times also go to
 * the timing sink, never to the RunLog. The harness core owns one per run.
 */
export class EngineAnswers {
  private readonly engineMs: number[] = [];
  private readonly latencyMs: number[] = [];
  private ingests = 0;
  private delivered = 0;
  private events = 0;

  constructor(
    private readonly timings: TimingSink | undefined,
    private readonly clockMs: () => number,
  ) {}

  /** Counts events that came without an ingest (the engine's finish answer). */
  countEvents(events: readonly EngineEvent[]): void {
    this.events += events.length;
  }

  /** An ingest's answer for tick (time t) carrying `frames` frames, sent at sentMs; oldestMs: capture time of its oldest frame (realtime), else null. */
  record(reply: EngineReply, t: number, tick: number, frames: number, sentMs: number, oldestMs: number | null): void {
    const now = this.clockMs();
    this.events += reply.events.length;
    this.ingests++;
    this.delivered += frames;
    this.engineMs.push(reply.engineMs);
    const latency = oldestMs === null ? null : now - oldestMs;
    if (latency !== null) this.latencyMs.push(latency);
    this.timings?.timing({ type: 'timing', tick, t: roundTime(t), frames, engineMs: round3(reply.engineMs), roundTripMs: round3(now - sentMs), latencyMs: latency === null ? null : round3(latency) });
  }

  /** The timings footer: wall time since wallStartMs and the real-time factor of simS simulated seconds (`ended`: a run that ended in no wall time ran infinitely fast). */
  footer(mode: HarnessMode['kind'], wallStartMs: number, simS: number, dropped: number, ended: boolean): { wallS: number; realTimeFactor: number } {
    const wallS = (this.clockMs() - wallStartMs) / 1000;
    const realTimeFactor = wallS > 0 ? simS / wallS : ended ? Infinity : 0;
    this.timings?.footer({ type: 'timing-footer', mode, ingests: this.ingests, deliveredFrames: this.delivered, droppedFrames: dropped, wallS: round3(wallS), realTimeFactor: round3(realTimeFactor) });
    return { wallS, realTimeFactor };
  }

  /** The summary's engine statistics (latencies only in realtime mode). */
  stats(name: string, dropped: number, realtime: boolean): EngineRunStats {
    return {
      name, ingests: this.ingests, deliveredFrames: this.delivered, droppedFrames: dropped, events: this.events,
      engineMsP50: percentile(this.engineMs, 0.5), engineMsP99: percentile(this.engineMs, 0.99), engineMsMax: percentile(this.engineMs, 1),
      latencyMsP50: realtime ? percentile(this.latencyMs, 0.5) : null, latencyMsP99: realtime ? percentile(this.latencyMs, 0.99) : null,
    };
  }
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
