// The tracking worker's entry (see TrackingWorker.ts): one sequence in, HOTA and CLEAR out.
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { clearSequence } from './clear.ts';
import { hotaSequence } from './hota.ts';
import type { TrackingWorkerReply } from './TrackingWorker.ts';
import type { TrackingSequence } from './TrackingSequence.ts';

const { port, done } = workerData as { port: MessagePort; done: Int32Array };
if (parentPort === null) throw new Error('bench: trackingWorkerMain runs only as a worker thread');

parentPort.once('message', (seq: TrackingSequence) => {
  let reply: TrackingWorkerReply;
  try {
    reply = { hota: hotaSequence(seq), clear: clearSequence(seq) };
  } catch (err) {
    reply = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  // The reply is on the port before the flag turns: the waiting thread reads it right after.
  port.postMessage(reply);
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
