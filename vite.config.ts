import { defineConfig } from 'vitest/config';

/** Vite serves and builds web/; vitest runs the tests that sit beside the code. */
export default defineConfig({
  root: 'web',
  test: {
    root: '.',
    include: ['sim/**/*.test.ts', 'engine/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
