import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { jobsWithoutSeeds, parseJobs } from './commands/parseJobs.ts';
import { registerScoringCommands } from './commands/registerScoringCommands.ts';
import { parseSeedList } from './commands/seedList.ts';
import { EXIT } from './exitCodes.ts';
import type { RunCommandOptions } from './runCommand.ts';
import { TOOL, TOOL_VERSION } from './version.ts';

/** Largest seed a scenario accepts (the schema's bound). */
const MAX_SEED = 2 ** 32 - 1;
/** Longest arrivals window a scenario accepts, seconds (the schema's bound). */
const MAX_DURATION_S = 86_400;

function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > MAX_SEED) throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_SEED}.`);
  return n;
}

function parseDuration(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > MAX_DURATION_S) {
    throw new InvalidArgumentError(`expected seconds, a number above 0 and at most ${MAX_DURATION_S}.`);
  }
  return n;
}

function parseMode(value: string): 'lockstep' | 'realtime' {
  if (value !== 'lockstep' && value !== 'realtime') throw new InvalidArgumentError('expected lockstep or realtime.');
  return value;
}

function parsePositive(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name}: expected a number above 0.`);
    return n;
  };
}

/**
 * Ctrl-C (SIGINT) or SIGTERM during a run: the first stops the run at its last written tick (the
 * RunLog ends in an abort line; the command exits 128 + the signal's number); a second one kills at once.
 */
function stopOnSignals(): AbortSignal {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`\nstoretwin: ${signal}: stopping the run at the current tick (${signal} again to kill it at once)\n`);
    controller.abort(signal);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

/** The `storetwin` command line. */
export function createProgram(): Command {
  const program = new Command(TOOL)
    .description('A digital-twin testbed for unmanned (cashier-less) stores.')
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('run')
    .description('Run a scenario in the twin with an engine under test; write the RunLog, timings and the reports.')
    .argument('<scenario>', 'scenario JSON file, e.g. scenarios/tao-cafe.json')
    .option('--seed <n>', 'seed instead of the scenario\'s (0..4294967295)', parseSeed)
    .option('--duration <s>', 'arrivals for this many seconds instead of crowd.durationS; the drain follows', parseDuration)
    .option('--out <dir>', 'output folder (default: out/<scenario name>)')
    .option('--engine <module>', 'engine module to test (default export createEngine, engine/api.ts); default: the reference engine')
    .option('--no-engine', 'run the twin alone, no engine')
    .option('--mode <mode>', 'lockstep (the twin waits for the engine every tick) or realtime', parseMode, 'lockstep')
    .option('--speed <x>', 'realtime: simulated seconds per wall second', parsePositive('--speed'), 1)
    .option('--queue-frames <n>', 'realtime: frames the queue to the engine holds before dropping the oldest', parsePositive('--queue-frames'), 256)
    .option('--engine-timeout <ms>', 'an engine call unanswered this long ends the run', parsePositive('--engine-timeout'), 10_000)
    .option('--seeds <list>', 'run each seed into <out>/seed-<n>/ and aggregate (mean, 95 % CI) into <out>/aggregate.json: 1..10, 1,2,5', parseSeedList)
    .option('--jobs <n>', 'with --seeds: run up to n seeds at once in n worker threads (default 1: one after another in this process)', parseJobs)
    .addHelpText('after', [
      '',
      'Examples:',
      '  storetwin run scenarios/tao-cafe.json',
      '  storetwin run scenarios/grocery.json --seed 7 --duration 600 --out out/grocery-7',
      '  storetwin run scenarios/tao-cafe.json --mode realtime --speed 20 --engine ./my-engine.ts',
      '  storetwin run scenarios/tao-cafe.json --seeds 1..10 --duration 600 --out out/cafe-seeds',
      '  storetwin run scenarios/tao-cafe.json --seeds 1..8 --jobs 2 --out out/cafe-seeds',
      '',
      'With --jobs n (a whole number >= 1; more than the seeds starts one worker per seed) each seed\'s',
      'line is printed as it finishes, so not always in list order; its stderr lines start "seed <n>: ".',
      'The seed folders and aggregate.json (in the order of the list) are the same for any --jobs,',
      'apart from the wall-clock numbers (run.wallS, run.realTimeFactor, latency ms).',
      '',
      'Writes <out>/runlog.jsonl, timings.jsonl, report.json, report.html, summary.md, junit.xml',
      'and the heatmap SVGs. Exit codes: 0 done;',
      '1 the run crashed (the RunLog so far is kept); 2 bad input (nothing is written).',
    ].join('\n'))
    .exitOverride()
    .action(async (file: string, options: RunCommandOptions & { seeds?: number[]; jobs?: number }) => {
      // Loaded on use, so that --help does not wait for the twin to load.
      const { runCommand } = await import('./runCommand.ts');
      const { seeds, jobs, ...one } = options;
      const jobsError = jobsWithoutSeeds(jobs, seeds);
      if (jobsError !== null) {
        process.stderr.write(jobsError + '\n');
        process.exitCode = EXIT.badInput;
        return;
      }
      const signal = stopOnSignals();
      if (seeds !== undefined) {
        const { runSeedsCommand } = await import('./commands/runSeeds.ts');
        process.exitCode = await runSeedsCommand(file, seeds, one, { out: process.stdout, err: process.stderr }, runCommand, { jobs: jobs ?? 1, signal });
        return;
      }
      process.exitCode = await runCommand(file, one, { out: process.stdout, err: process.stderr }, signal);
    });
  registerScoringCommands(program);
  return program;
}

// A reader that closes the pipe early (`storetwin score ... | head`) has read what it wanted: the
// rest of stdout is dropped, and the command still finishes its files and exits with its own code.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

try {
  await createProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed the message or the help already.
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  } else {
    process.stderr.write(`storetwin: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = EXIT.crashed;
  }
}
