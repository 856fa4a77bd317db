import { runCommand } from '../runCommand.ts';
import { serveSeeds } from './SeedWorker.ts';

/** Worker entry of `storetwin run --seeds ... --jobs N`: runs each seed it is handed exactly as `storetwin run --seed s` does. */
serveSeeds(runCommand);
