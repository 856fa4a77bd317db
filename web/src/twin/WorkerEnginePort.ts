import { transfer, wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { EngineEvent, SensorFrame, StoreDescription } from '../../../engine/api.ts';
import type { EnginePort } from './EnginePort.ts';
import type { EngineWorkerApi } from './engineWorker.ts';

/** The engine in a real Web Worker, over comlink; camera buffers move as transferables. */
export class WorkerEnginePort implements EnginePort {
  readonly name = 'reference';
  readonly where: string;
  /** The engine's own time per ingest, measured inside the worker, milliseconds. */
  readonly engineMs: number[] = [];
  private readonly worker: Worker;
  private readonly remote: Remote<EngineWorkerApi>;

  constructor() {
    this.worker = new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module', name: 'storetwin-engine' });
    this.where = 'Web Worker storetwin-engine';
    this.remote = wrap<EngineWorkerApi>(this.worker);
  }

  async init(store: StoreDescription): Promise<void> {
    await this.remote.init(store);
  }

  async ingestBatch(ticks: readonly { readonly t: number; readonly frames: readonly SensorFrame[] }[]): Promise<readonly (readonly EngineEvent[])[]> {
    const buffers: ArrayBuffer[] = [];
    for (const { frames } of ticks) {
      for (const f of frames) {
        if (f.kind === 'camera-detections') buffers.push(f.boxes.buffer as ArrayBuffer, f.keypoints.buffer as ArrayBuffer, f.appearance.buffer as ArrayBuffer);
        else if (f.kind === 'camera-image') buffers.push(f.rgba.buffer as ArrayBuffer);
      }
    }
    const r = await this.remote.ingestBatch(buffers.length > 0 ? transfer(ticks, dedupe(buffers)) : ticks);
    for (const ms of r.engineMs) this.engineMs.push(ms);
    return r.events;
  }

  async finish(t: number): Promise<readonly EngineEvent[]> {
    return this.remote.finish(t);
  }

  dispose(): void {
    this.worker.terminate();
  }
}

function dedupe(buffers: ArrayBuffer[]): ArrayBuffer[] {
  return [...new Set(buffers)];
}
