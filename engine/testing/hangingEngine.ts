// Test engine: answers 30 ingests, then spins forever (a hung engine: only terminating its worker stops it).
import type { Engine } from '../api.ts';

/** The ingest (1-based) that never returns. */
export const HANG_AT_INGEST = 30;

/** An engine that never returns from its 30th ingest. */
export default function createEngine(): Engine {
  let n = 0;
  return {
    init() {},
    ingest() {
      if (++n === HANG_AT_INGEST) for (;;) { /* hung */ }
      return [];
    },
    finish: () => [],
  };
}
