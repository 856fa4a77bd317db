/**
 * Browser stand-in for node:worker_threads (imported by the bench's scoring for its tracking
 * worker): constructing anything throws, naming what; the tab's engine uses Web Workers instead.
 */
function noThreads(name: string): never {
  throw new Error(`web: node:worker_threads ${name} is not available in the browser`);
}

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
export const receiveMessageOnPort = (): never => noThreads('receiveMessageOnPort');
