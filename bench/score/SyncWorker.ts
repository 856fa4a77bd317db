import type { MessagePort as NodeMessagePort } from 'node:worker_threads';
import { MessageChannel, Worker, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { tsWorkerScript } from '../run/tsWorker.ts';

/**
 * A worker thread that answers one request, awaited synchronously (Atomics.wait): scoring hands a
 * share of its work to the second core and keeps its synchronous API. The worker loads its
 * TypeScript entry through tsx, as the CLI does; the entry calls `serveOnce`.
 */

/** Longest wait for a worker's answer: far above an hour's run (seconds), so only a wedged worker trips it. */
export const SYNC_WORKER_TIMEOUT_MS = 600_000;

/** What a worker sends back: its answer, or the error it hit (a failed boot included). */
type Reply<Res> = { readonly ok: Res } | { readonly error: string };

/** A started worker that answers one request of type Req with a Res. */
export class SyncWorker<Req, Res> {
  private readonly worker: Worker;
  private readonly port: NodeMessagePort;
  /** done[0] turns 1 when the reply is on the port. */
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private posted = false;

  /** Starts the worker on `entry` (a module that calls serveOnce); it boots while the caller works. */
  constructor(entry: URL, private readonly name: string, private readonly timeoutMs = SYNC_WORKER_TIMEOUT_MS) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // The worker loads its TypeScript entry through tsx. A failed boot answers too, so no wait hangs.
    const boot = tsWorkerScript(entry, `(err) => {
      const { workerData } = require('node:worker_threads');
      workerData.port.postMessage({ error: 'bench: the ${name} worker did not start: ' + ((err && err.stack) || err) });
      Atomics.store(workerData.done, 0, 1);
      Atomics.notify(workerData.done, 0);
    }`);
    this.worker = new Worker(boot, { eval: true, name: `storetwin-${name}`, workerData: { port: port2, done: this.done }, transferList: [port2] });
    // Nothing waits on the event loop for it: the process may end while it is idle.
    this.worker.unref();
  }

  /** Hands over the request (structured clone; SharedArrayBuffer memory is shared, not copied). Once per worker. */
  post(request: Req, transfer: readonly Transferable[] = []): void {
    if (this.posted) throw new Error(`bench: the ${this.name} worker takes one request`);
    this.posted = true;
    this.worker.postMessage(request, transfer as never);
  }

  /** Blocks until the worker has answered, ends it, and returns the answer; throws its error. */
  wait(): Res {
    if (!this.posted) throw new Error(`bench: the ${this.name} worker was given nothing to do`);
    try {
      if (Atomics.wait(this.done, 0, 0, this.timeoutMs) === 'timed-out') {
        throw new Error(`bench: the ${this.name} worker did not answer within ${this.timeoutMs / 1000} s`);
      }
      const got = receiveMessageOnPort(this.port) as { message: Reply<Res> } | undefined;
      if (got === undefined) throw new Error(`bench: the ${this.name} worker signalled but sent nothing`);
      if ('error' in got.message) throw new Error(got.message.error);
      return got.message.ok;
    } finally {
      this.close();
    }
  }

  /** Ends the worker (idempotent). */
  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

/**
 * In a worker's entry: answers the one request with `compute` (its return value, with `transfer`
 * picking buffers to move rather than copy), or with the error it throws.
 */
export function serveOnce<Req, Res>(compute: (request: Req) => Res, transfer: (result: Res) => Transferable[] = () => []): void {
  if (parentPort === null) throw new Error('bench: serveOnce runs only in a worker thread');
  const { port, done } = workerData as { port: NodeMessagePort; done: Int32Array };
  parentPort.once('message', (request: Req) => {
    let reply: Reply<Res>;
    let moved: Transferable[] = [];
    try {
      const ok = compute(request);
      reply = { ok };
      moved = transfer(ok);
    } catch (err) {
      reply = { error: err instanceof Error ? err.message : String(err) };
    }
    // The reply is on the port before the flag turns: the waiting thread reads it right after.
    port.postMessage(reply, moved as never);
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
  });
}
