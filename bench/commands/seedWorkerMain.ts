import { runCommand } from '../runCommand.ts';
import { serveSeed } from './SeedWorker.ts';

/** Worker entry of `storetwin run --seeds ... --jobs N`: runs the seed it is handed exactly as `storetwin run --seed s` does. */
serveSeed(runCommand);
