import type { StoreDescription } from '../api.ts';
import type { EngineClientOptions } from './EngineClient.ts';
import { ENGINE_CLIENT_DEFAULTS, EngineClient } from './EngineClient.ts';

/**
 * Starts an engine in a browser Web Worker (module worker, bundled by Vite) and initialises it.
 * `moduleUrl`: null for the reference engine, else a URL whose module default-exports createEngine.
 */
export async function startBrowserEngine(store: StoreDescription, moduleUrl: string | null = null, options: EngineClientOptions = ENGINE_CLIENT_DEFAULTS): Promise<EngineClient> {
  const worker = new Worker(new URL('./worker.browser.ts', import.meta.url), { type: 'module', name: 'storetwin-engine' });
  const client = new EngineClient({
    endpoint: worker,
    onCrash(cb) {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        cb(e.message || 'the worker failed');
      });
      worker.addEventListener('messageerror', () => cb('a message could not be read'));
    },
    terminate: () => worker.terminate(),
  }, moduleUrl ?? 'storetwin-reference', options);
  await client.start(moduleUrl, store);
  return client;
}
