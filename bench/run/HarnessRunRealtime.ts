import type { SensorFrame } from '../../engine/api.ts';
import type { EngineReply } from '../../engine/host/EngineWorkerApi.ts';
import type { EnginePort } from './HarnessRunTypes.ts';
import { roundTime } from './RunLogWriter.ts';

/** An engine answer in realtime mode: the ingest it answers and when its frames were sent and emitted (wall ms). */
export type RealtimeAnswer = (reply: EngineReply, t: number, tick: number, frames: number, sentMs: number, oldestMs: number) => void;

/**
 * Realtime feeding of the engine: frames wait in a bounded queue, one ingest is in flight at a time
 * and takes everything queued; a full queue drops its oldest frames, as a real store's engine that
 * fell behind would lose them. Answers are handed on whenever they come; a failure is kept and
 * thrown by the next `check()`.
 */
export class HarnessRunRealtime {
  /** Frames dropped because the queue was full. */
  dropped = 0;
  private readonly queue: SensorFrame[] = [];
  private readonly queuedAt: number[] = [];
  private inflight: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly engine: EnginePort,
    private readonly queueFrames: number,
    private readonly clockMs: () => number,
    private readonly onAnswer: RealtimeAnswer,
  ) {}

  /** Throws the engine's failure (or the answer handler's), if there was one. */
  check(): void {
    if (this.failure !== null) throw this.failure;
  }

  /** Queues a tick's frames (emitted now) and sends them unless an ingest is in flight. */
  offer(frames: readonly SensorFrame[], t: number, tick: number): void {
    const now = this.clockMs();
    for (const f of frames) {
      this.queue.push(f);
      this.queuedAt.push(now);
    }
    const over = this.queue.length - this.queueFrames;
    if (over > 0) {
      this.queue.splice(0, over);
      this.queuedAt.splice(0, over);
      this.dropped += over;
    }
    if (this.inflight === null) this.launch(t, tick);
  }

  /** Waits for the ingest in flight, then sends and waits for whatever is still queued. */
  async drain(t: number, tick: number): Promise<void> {
    while (this.inflight !== null) await this.inflight;
    this.check();
    if (this.queue.length === 0) return;
    this.launch(t, tick);
    while (this.inflight !== null) await this.inflight;
    this.check();
  }

  private launch(t: number, tick: number): void {
    const frames = this.queue.splice(0);
    const at = this.queuedAt.splice(0);
    const sent = this.clockMs();
    this.inflight = this.engine.ingest(t, frames, `ingest at tick ${tick} (t = ${roundTime(t)} s)`).then(
      (reply) => {
        this.inflight = null;
        try {
          this.onAnswer(reply, t, tick, frames.length, sent, at.length > 0 ? at[0]! : sent);
        } catch (err) {
          this.failure = err;
        }
      },
      (err: unknown) => {
        this.failure = err;
        this.inflight = null;
      },
    );
  }
}
