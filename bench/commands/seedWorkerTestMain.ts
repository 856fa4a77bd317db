import { runCommand } from '../runCommand.ts';
import { serveSeeds } from './SeedWorker.ts';

/**
 * Test-only worker entry for runSeeds.test.ts: seeds 1 to 4 fail in the ways a real seed can, the
 * others run as in seedWorkerMain.ts. Seed 1: the engine module is no engine, so the run crashes with
 * exit 1 (a real engine load failure). Seed 2: runOne throws, the worker dies. Seed 3: the worker
 * calls process.exit. Seed 4: the worker runs out of memory (the test gives it a small heap). Seed 5
 * starts its run a second late, so a test can tell which of two seeds ends first.
 */
serveSeeds((scenarioFile, options, io) => {
  switch (options.seed) {
    case 1:
      return runCommand(scenarioFile, { ...options, engine: new URL('../testing/tinyStore.ts', import.meta.url).pathname }, io);
    case 2:
      return Promise.reject(new Error('seed worker test: thrown on purpose'));
    case 3:
      process.exit(7);
      break;
    case 4: {
      const hog: number[][] = [];
      for (;;) hog.push(new Array<number>(1e6).fill(1));
    }
    case 5:
      return new Promise((resolve) => setTimeout(resolve, 1000)).then(() => runCommand(scenarioFile, options, io));
  }
  return runCommand(scenarioFile, options, io);
});
