// Test engine: takes 40 ms over every ingest (blocking, as heavy recognition would), and reports nothing.
import type { Engine } from '../api.ts';

/** Milliseconds each ingest blocks. */
export const SLOW_INGEST_MS = 40;

/** An engine too slow for real time at high speed factors. */
export default function createEngine(): Engine {
  // Atomics.wait blocks without reading a clock.
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return {
    init() {},
    ingest() {
      Atomics.wait(cell, 0, 0, SLOW_INGEST_MS);
      return [];
    },
    finish: () => [],
  };
}
