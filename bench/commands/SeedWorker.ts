import { Writable } from 'node:stream';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { EXIT } from '../exitCodes.ts';
import type { CommandIo, RunCommandOptions } from '../runCommand.ts';
import { tsWorkerScript } from '../run/tsWorker.ts';

/**
 * One seed of `storetwin run --seeds ... --jobs N` in its own worker thread: the worker runs what
 * `storetwin run --seed s` runs (runCommand) and answers its exit code; its stderr reaches the
 * parent's line by line, prefixed with the seed. A worker that dies (uncaught error, out of memory,
 * process.exit) counts as the seed crashed, with a message naming the seed.
 */

/** Tunables of the seed workers. */
export interface SeedWorkerConfig {
  /** After a seed has answered, how long its worker may take to end by itself before it is terminated (a leftover handle must not hang the command). */
  readonly exitGraceMs: number;
  /** Stack frames of a dead worker's error shown under its message (as `storetwin run` shows a crash's cause). */
  readonly stackFrames: number;
  /** Cap on each seed worker's old-generation heap, MB; null: Node's default (a seed running out ends as a crash of that seed). */
  readonly maxOldGenerationSizeMb: number | null;
}

/** Defaults of SeedWorkerConfig. */
export const SEED_WORKER_DEFAULTS: SeedWorkerConfig = { exitGraceMs: 5_000, stackFrames: 6, maxOldGenerationSizeMb: null };

/** The worker entry that runs a seed with runCommand. */
export const SEED_WORKER_ENTRY = new URL('./seedWorkerMain.ts', import.meta.url);

/** What the parent hands a seed's worker. */
interface SeedJob {
  readonly scenarioFile: string;
  readonly options: RunCommandOptions;
}

/** What a seed's worker answers. */
interface SeedAnswer {
  readonly code: number;
}

/**
 * Runs one seed (options.seed, into options.out) in a worker thread on `entry`; resolves to its exit
 * code once the worker has ended and its stderr is flushed to `err` (each line prefixed `seed <s>: `).
 * Never rejects: a worker that dies resolves to EXIT.crashed after writing why to `err`.
 */
export function runSeedInWorker(scenarioFile: string, options: RunCommandOptions & { readonly seed: number }, err: NodeJS.WritableStream, entry: URL = SEED_WORKER_ENTRY, config: SeedWorkerConfig = SEED_WORKER_DEFAULTS): Promise<number> {
  const prefix = `seed ${options.seed}: `;
  const job: SeedJob = { scenarioFile, options };
  const worker = new Worker(tsWorkerScript(entry), {
    eval: true,
    name: `storetwin-seed-${options.seed}`,
    workerData: job,
    stderr: true,
    ...(config.maxOldGenerationSizeMb === null ? {} : { resourceLimits: { maxOldGenerationSizeMb: config.maxOldGenerationSizeMb } }),
  });
  const lines = new LinePrefixer(prefix, err);
  worker.stderr.setEncoding('utf8'); // decodes a character split across chunks whole
  worker.stderr.on('data', (text: string) => lines.write(text));
  let answer: SeedAnswer | null = null;
  let death: Error | null = null;
  let grace: NodeJS.Timeout | null = null;
  worker.on('message', (m: SeedAnswer) => {
    answer = m;
    grace = setTimeout(() => void worker.terminate(), config.exitGraceMs);
    grace.unref();
  });
  worker.on('error', (e) => (death ??= e));
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const stderrEnded = new Promise<void>((resolve) => worker.stderr.once('end', resolve).once('close', resolve));
  return Promise.all([exited, stderrEnded]).then(([exitCode]) => {
    if (grace !== null) clearTimeout(grace);
    lines.flush();
    if (answer !== null) return answer.code;
    const why = death !== null
      ? `the worker running it died: ${death.message}\n${stackOf(death, config.stackFrames)}`
      : `the worker running it exited with code ${exitCode} before the run finished\n`;
    err.write(prefix + why.trimEnd().split('\n').join(`\n${prefix}`) + '\n');
    return EXIT.crashed;
  });
}

/**
 * In a seed worker's entry: runs the seed the parent handed over with `runOne` (quiet stdout: the
 * parent prints one line per seed; stderr is the worker's, which the parent prefixes) and answers its
 * exit code. An error runOne throws is left uncaught: the worker dies and the parent reports it.
 */
export function serveSeed(runOne: (scenarioFile: string, options: RunCommandOptions, io: CommandIo) => Promise<number>): void {
  if (parentPort === null) throw new Error('bench: serveSeed runs only in a worker thread');
  const port = parentPort;
  const { scenarioFile, options } = workerData as SeedJob;
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  void runOne(scenarioFile, options, { out: quiet, err: process.stderr }).then((code) => {
    const answer: SeedAnswer = { code };
    port.postMessage(answer);
  });
}

/** Writes text to `out` a whole line at a time, each line prefixed (so seeds running at once do not interleave mid-line). */
class LinePrefixer {
  private pending = '';

  constructor(private readonly prefix: string, private readonly out: NodeJS.WritableStream) {}

  write(text: string): void {
    const all = this.pending + text;
    const end = all.lastIndexOf('\n');
    if (end < 0) {
      this.pending = all;
      return;
    }
    this.pending = all.slice(end + 1);
    this.out.write(all.slice(0, end).split('\n').map((l) => this.prefix + l + '\n').join(''));
  }

  /** Writes a last unfinished line, if any. */
  flush(): void {
    if (this.pending !== '') this.out.write(this.prefix + this.pending + '\n');
    this.pending = '';
  }
}

function stackOf(e: Error, frames: number): string {
  const lines = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, frames);
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
