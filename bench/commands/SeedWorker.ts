import { Writable } from 'node:stream';
import { Worker, parentPort } from 'node:worker_threads';
import { EXIT } from '../exitCodes.ts';
import type { CommandIo, RunCommandOptions } from '../runCommand.ts';
import { tsWorkerScript } from '../run/tsWorker.ts';

/**
 * Seeds of `storetwin run --seeds ... --jobs N` in worker threads: a SeedWorker runs what
 * `storetwin run --seed s` runs (runCommand) for one seed after another, so each of the N workers
 * boots tsx and warms its JIT once, not once per seed. A seed's stderr reaches the parent line by
 * line, prefixed with the seed. A worker that dies (uncaught error, out of memory, process.exit)
 * counts as its seed crashed, with a message naming the seed; the next seed gets a new worker.
 */

/** Tunables of the seed workers. */
export interface SeedWorkerConfig {
  /** After close, how long a worker may take to end by itself before it is terminated (a leftover handle must not hang the command). */
  readonly exitGraceMs: number;
  /** Stack frames of a dead worker's error shown under its message (as `storetwin run` shows a crash's cause). */
  readonly stackFrames: number;
  /** Cap on each seed worker's old-generation heap, MB; null: Node's default (a seed running out ends as a crash of that seed). */
  readonly maxOldGenerationSizeMb: number | null;
}

/** Defaults of SeedWorkerConfig. */
export const SEED_WORKER_DEFAULTS: SeedWorkerConfig = { exitGraceMs: 5_000, stackFrames: 6, maxOldGenerationSizeMb: null };

/** The worker entry that runs seeds with runCommand. */
export const SEED_WORKER_ENTRY = new URL('./seedWorkerMain.ts', import.meta.url);

/** What the parent hands a seed worker: a seed to run, or the end. */
type SeedRequest = { readonly kind: 'run'; readonly scenarioFile: string; readonly options: RunCommandOptions } | { readonly kind: 'interrupt'; readonly reason: string } | { readonly kind: 'close' };

/** What a seed worker sends back: its run's stderr text as written, then the run's exit code. */
type SeedReply = { readonly kind: 'err'; readonly text: string } | { readonly kind: 'done'; readonly code: number };

/** A worker thread that runs seeds one at a time. */
export class SeedWorker {
  private readonly worker: Worker;
  private readonly ended: Promise<unknown>;
  private lines: LinePrefixer;
  private seed: number | null = null;
  private settle: ((code: number) => void) | null = null;
  private death: Error | null = null;
  private exited = false;

  /** Starts the worker on `entry` (a module calling serveSeeds); stderr lines go to `err`. */
  constructor(private readonly err: NodeJS.WritableStream, entry: URL = SEED_WORKER_ENTRY, private readonly config: SeedWorkerConfig = SEED_WORKER_DEFAULTS) {
    this.worker = new Worker(tsWorkerScript(entry), {
      eval: true,
      name: 'storetwin-seeds',
      stderr: true,
      ...(config.maxOldGenerationSizeMb === null ? {} : { resourceLimits: { maxOldGenerationSizeMb: config.maxOldGenerationSizeMb } }),
    });
    this.lines = new LinePrefixer('seeds: ', err);
    // What reaches the worker's own stderr (its engine worker's console, say) belongs to the seed running.
    this.worker.stderr.setEncoding('utf8'); // decodes a character split across chunks whole
    this.worker.stderr.on('data', (text: string) => this.lines.write(text));
    this.worker.on('message', (m: SeedReply) => {
      if (m.kind === 'err') {
        this.lines.write(m.text);
      } else {
        this.lines.flush();
        this.finish(m.code);
      }
    });
    this.worker.on('error', (e) => (this.death ??= e));
    const exit = new Promise<number>((resolve) => this.worker.once('exit', resolve));
    const stderrEnd = new Promise<void>((resolve) => this.worker.stderr.once('end', resolve).once('close', resolve));
    this.ended = Promise.all([exit, stderrEnd]).then(([code]) => {
      this.exited = true;
      this.lines.flush();
      if (this.settle === null) return;
      const why = this.death !== null
        ? `the worker running it died: ${this.death.message}\n${stackOf(this.death, config.stackFrames)}`
        : `the worker running it exited with code ${code} before the run finished\n`;
      const prefix = `seed ${this.seed}: `;
      this.err.write(prefix + why.trimEnd().split('\n').join(`\n${prefix}`) + '\n');
      this.finish(EXIT.crashed);
    });
  }

  /** False once the worker has ended: it takes no more seeds. */
  get alive(): boolean {
    return !this.exited;
  }

  /**
   * Runs one seed (options.seed, into options.out); resolves to its exit code, its stderr written.
   * Never rejects: a worker that dies resolves EXIT.crashed after writing why to `err`.
   */
  run(scenarioFile: string, options: RunCommandOptions & { readonly seed: number }): Promise<number> {
    if (this.settle !== null) throw new Error('bench: a SeedWorker runs one seed at a time');
    if (this.exited) throw new Error('bench: this SeedWorker has ended');
    this.seed = options.seed;
    this.lines = new LinePrefixer(`seed ${options.seed}: `, this.err);
    const code = new Promise<number>((resolve) => (this.settle = resolve));
    const request: SeedRequest = { kind: 'run', scenarioFile, options };
    this.worker.postMessage(request);
    return code;
  }

  /** Interrupts the seed running (as Ctrl-C does a single run; `reason` names the signal): it answers its exit code as usual. */
  interrupt(reason: string): void {
    if (this.exited || this.settle === null) return;
    const request: SeedRequest = { kind: 'interrupt', reason };
    this.worker.postMessage(request);
  }

  /** Lets the worker end (terminated if it lingers past exitGraceMs); resolves once it has, its stderr flushed. */
  async close(): Promise<void> {
    if (!this.exited) {
      const request: SeedRequest = { kind: 'close' };
      this.worker.postMessage(request);
      const grace = setTimeout(() => void this.worker.terminate(), this.config.exitGraceMs);
      await this.ended;
      clearTimeout(grace);
    }
  }

  private finish(code: number): void {
    const settle = this.settle;
    this.settle = null;
    settle?.(code);
  }
}

/**
 * In a seed worker's entry: runs each seed the parent hands over with `runOne`, one at a time (quiet
 * stdout: the parent prints one line per seed; stderr goes to the parent, which prefixes it) and
 * answers its exit code. An error runOne throws is left uncaught: the worker dies and the parent
 * reports it as that seed's crash.
 */
export function serveSeeds(runOne: (scenarioFile: string, options: RunCommandOptions, io: CommandIo, signal?: AbortSignal) => Promise<number>): void {
  if (parentPort === null) throw new Error('bench: serveSeeds runs only in a worker thread');
  const port = parentPort;
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  // On the same port as the answer, so every line of a seed arrives before its exit code.
  const err = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      const reply: SeedReply = { kind: 'err', text: chunk.toString() };
      port.postMessage(reply);
      done();
    },
  }) as unknown as NodeJS.WriteStream; // not a TTY: progress comes as lines, not a bar
  let running: AbortController | null = null;
  port.on('message', (request: SeedRequest) => {
    if (request.kind === 'close') {
      port.close();
      return;
    }
    if (request.kind === 'interrupt') {
      running?.abort(request.reason);
      return;
    }
    const controller = running = new AbortController();
    void runOne(request.scenarioFile, request.options, { out: quiet, err }, controller.signal).then((code) => {
      if (running === controller) running = null;
      const reply: SeedReply = { kind: 'done', code };
      port.postMessage(reply);
    });
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
