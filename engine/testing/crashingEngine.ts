// Test engine: its worker dies at the 20th ingest (process.exit in a Node worker thread ends only that thread;
// in a browser, an error thrown outside any call kills the worker's task the same way).
import type { Engine } from '../api.ts';

/** The ingest (1-based) during which the worker dies. */
export const CRASH_AT_INGEST = 20;

/** An engine whose worker exits mid-run. */
export default function createEngine(): Engine {
  let n = 0;
  return {
    init() {},
    ingest() {
      if (++n === CRASH_AT_INGEST) {
        const proc = (globalThis as { process?: { exit(code: number): never } }).process;
        if (proc) proc.exit(3);
        setTimeout(() => {
          throw new Error('test engine: worker crash');
        });
        return new Promise(() => {});
      }
      return [];
    },
    finish: () => [],
  };
}
