import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const shim = (name: string) => fileURLToPath(new URL(`./web/src/shims/${name}.ts`, import.meta.url));

/**
 * Vite serves and builds web/ (a static site in dist/, relative asset paths so it runs from any
 * folder or file server); vitest runs the tests that sit beside the code.
 * The twin's loaders import node:fs for the CLI; in the browser those imports resolve to shims that
 * throw if called (the app parses scenario text itself, it never reads files by path).
 */
export default defineConfig({
  root: 'web',
  base: './',
  plugins: [react()],
  resolve: {
    // Never under vitest: the Node tests need the real modules.
    alias: process.env.VITEST !== undefined ? {} : {
      'node:fs': shim('nodeFs'),
      'node:path': shim('nodePath'),
      'node:url': shim('nodeUrl'),
      'node:module': shim('nodeModule'),
      'node:worker_threads': shim('nodeWorkerThreads'),
      'node:string_decoder': shim('nodeStringDecoder'),
    },
  },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // three + React + the twin; one chunk is fine for a tool that loads once.
    chunkSizeWarningLimit: 3000,
  },
  worker: { format: 'es' },
  // Browser tests and benchmarks run while others edit the tree: no hot reload mid-run there.
  server: process.env.STORETWIN_STATIC_DEV !== undefined
    ? { fs: { allow: ['..'] }, hmr: false, watch: null }
    : { fs: { allow: ['..'] } },
  test: {
    root: '.',
    include: ['sim/**/*.test.ts', 'engine/**/*.test.ts', 'bench/**/*.test.ts', 'web/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/**/*.spec.ts', 'engine/**/*.spec.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
