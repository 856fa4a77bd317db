import type { EngineEvent, SensorFrame, StoreDescription } from '../../../engine/api.ts';
import type { EngineClient } from '../../../engine/host/EngineClient.ts';
import { startBrowserEngine } from '../../../engine/host/startBrowserEngine.ts';
import type { EnginePort } from './EnginePort.ts';

/**
 * The engine in a real Web Worker through the shared engine host (engine/host: the same worker
 * shell and client as the CLI, with its crash, throw and timeout handling; camera buffers are
 * transferred). A batch of ticks is posted at once, calls in tick order, and awaited together: the
 * worker runs them one after another in arrival order, and the page pays one round trip per batch
 * instead of one per tick. That is exact for engines whose `ingest` does its work before its first
 * await, as the reference engine does; an engine that awaits inside `ingest` would need `pipeline: false`.
 */
export class HostEnginePort implements EnginePort {
  name = 'storetwin-reference';
  readonly where = 'Web Worker storetwin-engine (engine/host/worker.browser.ts)';
  readonly engineMs: number[] = [];
  private client: EngineClient | null = null;

  constructor(private readonly moduleUrl: string | null = null, private readonly pipeline = true) {}

  async init(store: StoreDescription): Promise<void> {
    this.client = await startBrowserEngine(store, this.moduleUrl);
    this.name = this.client.name;
  }

  async ingestBatch(ticks: readonly { readonly t: number; readonly frames: readonly SensorFrame[] }[]): Promise<readonly (readonly EngineEvent[])[]> {
    const c = this.client;
    if (c === null) throw new Error('web: the engine was not started (init) before ingest');
    const call = (t: number) => `ingest at t = ${t} s`;
    const replies = this.pipeline
      ? await Promise.all(ticks.map(({ t, frames }) => c.ingest(t, frames, call(t))))
      : await sequential(ticks, ({ t, frames }) => c.ingest(t, frames, call(t)));
    for (const r of replies) this.engineMs.push(r.engineMs);
    return replies.map((r) => r.events);
  }

  async finish(t: number): Promise<readonly EngineEvent[]> {
    if (this.client === null) return [];
    const r = await this.client.finish(t);
    return r.events;
  }

  dispose(): void {
    this.client?.close();
  }
}

async function sequential<A, B>(items: readonly A[], f: (a: A) => Promise<B>): Promise<B[]> {
  const out: B[] = [];
  for (const a of items) out.push(await f(a));
  return out;
}
