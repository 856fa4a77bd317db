// The engine worker in Node worker_threads (start it with `--import tsx` so it can load TypeScript).
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';
import { serveEngine } from './serveEngine.ts';

if (parentPort === null) throw new Error('engine worker: worker.node.ts must run in a worker thread');
serveEngine(nodeEndpoint(parentPort), () => performance.now(), async (url) => {
  try {
    return await import(url);
  } catch (err) {
    // A TypeScript file with `export default` in a folder whose package.json (or none) says CommonJS:
    // Node's require(esm) then refuses the round trip tsx's hooks take. tsx's own import loads it.
    if ((err as { code?: unknown }).code !== 'ERR_REQUIRE_CYCLE_MODULE' || !url.startsWith('file:')) throw err;
    return tsImport(fileURLToPath(url), import.meta.url);
  }
});
