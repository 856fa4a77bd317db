// Test engine: works like the reference engine until its 50th ingest, then throws.
import type { Engine } from '../api.ts';
import { ReferenceEngine } from '../ReferenceEngine.ts';

/** The ingest (1-based) that throws. */
export const THROW_AT_INGEST = 50;

/** An engine that throws in its 50th ingest. */
export default function createEngine(): Engine {
  const inner = new ReferenceEngine();
  let n = 0;
  return {
    init: (store) => inner.init(store),
    ingest(t, frames) {
      if (++n === THROW_AT_INGEST) throw new Error(`test engine: deliberate failure at t = ${t}`);
      return inner.ingest(t, frames);
    },
    finish: (t) => inner.finish(t),
  };
}
