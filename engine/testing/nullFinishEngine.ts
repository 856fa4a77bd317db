// Test engine: works like the reference engine, but its finish() returns null instead of events.
import type { Engine, EngineEvent } from '../api.ts';
import { ReferenceEngine } from '../ReferenceEngine.ts';

/** An engine whose finish forgets to return its events. */
export default function createEngine(): Engine {
  const inner = new ReferenceEngine();
  return {
    init: (store) => inner.init(store),
    ingest: (t, frames) => inner.ingest(t, frames),
    finish: () => null as unknown as readonly EngineEvent[],
  };
}
