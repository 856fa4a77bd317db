import type { SensorFrame, StoreDescription } from '../../../engine/api.ts';
import type { EngineClient } from '../../../engine/host/EngineClient.ts';
import type { EngineReply } from '../../../engine/host/EngineWorkerApi.ts';
import { REFERENCE_ENGINE_NAME } from '../../../engine/host/EngineWorkerApi.ts';
import { startBrowserEngine } from '../../../engine/host/startBrowserEngine.ts';
import type { EnginePort } from './EnginePort.ts';

/**
 * The engine in a real Web Worker through the shared engine host (engine/host: the same worker
 * shell and client as the CLI, with its crash, throw and timeout handling; camera buffers are
 * transferred). The harness core pipelines ticks to it exactly as it does to the CLI's worker thread.
 */
export class HostEnginePort implements EnginePort {
  readonly where = 'Web Worker storetwin-engine (engine/host/worker.browser.ts)';
  private client: EngineClient | null = null;
  private closed = false;

  constructor(private readonly moduleUrl: string | null = null) {}

  get name(): string {
    return this.client?.name ?? (this.moduleUrl ?? REFERENCE_ENGINE_NAME);
  }

  async init(store: StoreDescription): Promise<void> {
    const client = await startBrowserEngine(store, this.moduleUrl);
    // Closed while starting (the run was replaced): end the worker that just came up.
    if (this.closed) client.close();
    else this.client = client;
  }

  ingest(t: number, frames: readonly SensorFrame[], call: string): Promise<EngineReply> {
    if (this.client === null) return Promise.reject(new Error('web: the engine was not started (init) before ingest'));
    return this.client.ingest(t, frames, call);
  }

  finish(t: number): Promise<EngineReply> {
    if (this.client === null) return Promise.reject(new Error('web: the engine was not started (init) before finish'));
    return this.client.finish(t);
  }

  close(): void {
    this.closed = true;
    this.client?.close();
  }
}
