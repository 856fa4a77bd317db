import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StoreDescription } from '../../engine/api.ts';
import type { EngineClientOptions } from '../../engine/host/EngineClient.ts';
import { ENGINE_CLIENT_DEFAULTS, EngineClient } from '../../engine/host/EngineClient.ts';
import type { EngineReply } from '../../engine/host/EngineWorkerApi.ts';
import { REFERENCE_ENGINE_NAME } from '../../engine/host/EngineWorkerApi.ts';
import { tsWorkerScript } from './tsWorker.ts';

const WORKER_URL = new URL('../../engine/host/worker.node.ts', import.meta.url);

/** An engine module path as a URL the worker can import (relative paths are from the current folder). */
export function engineModuleUrl(path: string): string {
  return pathToFileURL(isAbsolute(path) ? path : resolve(path)).href;
}

/**
 * Starts an engine in a Node worker thread (the same worker module as in the browser, through
 * comlink's node adapter) and initialises it with the store. `modulePath`: null for the reference
 * engine. Resolves to the client and the init reply; rejects with an EngineFailure.
 */
export async function startNodeEngine(store: StoreDescription, modulePath: string | null, options: EngineClientOptions = ENGINE_CLIENT_DEFAULTS): Promise<{ client: EngineClient; init: EngineReply }> {
  // The worker loads TypeScript through tsx, like the CLI does; a failed boot ends it with an 'error' event.
  const worker = new Worker(tsWorkerScript(WORKER_URL), { eval: true, name: 'storetwin-engine' });
  let exited = false;
  const client = new EngineClient({
    endpoint: nodeEndpoint(worker),
    onCrash(cb) {
      worker.on('error', (err) => cb(err instanceof Error ? err.message : String(err)));
      worker.on('exit', (code) => {
        exited = true;
        cb(`the worker exited with code ${code}`);
      });
    },
    terminate: () => {
      if (!exited) void worker.terminate();
    },
  }, modulePath ?? REFERENCE_ENGINE_NAME, options);
  const moduleUrl = modulePath === null ? null : engineModuleUrl(modulePath);
  const init = await client.start(moduleUrl, store);
  return { client, init };
}
