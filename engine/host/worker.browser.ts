// The engine worker in a browser Web Worker (`new Worker(new URL('./worker.browser.ts', import.meta.url), { type: 'module' })`).
import type { Endpoint } from 'comlink';
import { serveEngine } from './serveEngine.ts';

serveEngine(self as unknown as Endpoint, () => performance.now());
