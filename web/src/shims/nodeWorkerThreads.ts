/**
 * Browser stand-in for node:worker_threads (imported by the bench's scoring for its worker
 * threads): the page is a main thread with no parent, and constructing a thread throws, naming
 * what; the tab's engine uses Web Workers instead.
 */
function noThreads(name: string): never {
  throw new Error(`web: node:worker_threads ${name} is not available in the browser`);
}

/** As in a Node main thread. */
export const isMainThread = true;
/** As in a Node main thread: no parent. */
export const parentPort = null;
/** As in a Node main thread: no data. */
export const workerData = null;
/** As in a Node main thread. */
export const threadId = 0;

/** Throws: no worker threads in the browser. */
export class Worker {
  constructor() {
    noThreads('Worker');
  }
}

/** Throws: no worker threads in the browser. */
export class MessageChannel {
  constructor() {
    noThreads('MessageChannel');
  }
}

/** Throws: no worker threads in the browser. */
export class MessagePort {
  constructor() {
    noThreads('MessagePort');
  }
}

/** Throws: no worker threads in the browser. */
export const receiveMessageOnPort = (): never => noThreads('receiveMessageOnPort');
