// The engine worker in Node worker_threads (start it with `--import tsx` so it can load TypeScript).
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { serveEngine } from './serveEngine.ts';

if (parentPort === null) throw new Error('engine worker: worker.node.ts must run in a worker thread');
serveEngine(nodeEndpoint(parentPort), () => performance.now());
