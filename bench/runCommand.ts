import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { loadScenarioFile } from '../sim/scenario/loadScenario.ts';
import type { Scenario } from '../sim/scenario/Scenario.ts';
import { ScenarioError } from '../sim/scenario/ScenarioIssue.ts';
import { EXIT, exitCodeOfSignal } from './exitCodes.ts';
import type { Report } from './report/report.ts';
import { REPORT_FILES } from './report/report.ts';
import { summaryTable } from './report/summaryTable.ts';
import { writeReport } from './report/writeReport.ts';
import { ENGINE_CLIENT_DEFAULTS } from '../engine/host/EngineClient.ts';
import { HarnessCrash, RunInterrupted } from './run/Harness.ts';
import { runEngineTwin } from './run/runEngineTwin.ts';
import { RunCrash, runTwin, runTwinInterruptible } from './run/runTwin.ts';

/** Options of `storetwin run`, as parsed. */
export interface RunCommandOptions {
  readonly seed?: number;
  readonly duration?: number;
  readonly out?: string;
  /** Engine module path; `false` (--no-engine) for a twin-only run; undefined or true: the reference engine. */
  readonly engine?: string | boolean;
  readonly mode?: 'lockstep' | 'realtime';
  readonly speed?: number;
  readonly queueFrames?: number;
  readonly engineTimeout?: number;
}

/** Where the command writes: the summary to `out`, progress and problems to `err`. */
export interface CommandIo {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WriteStream;
}

/** Non-TTY progress prints a line at each of these fractions of the run. */
const PROGRESS_STEP = 0.1;
/** Stack frames of a crash's cause shown under its message. */
const STACK_FRAMES = 6;

/**
 * `storetwin run`: validates everything first (nothing is written for bad input), then runs the
 * twin into `<out>/runlog.jsonl`, scores it into report.json and occupancy.svg, and prints a summary.
 * Returns the exit code: 0 done, 1 the run or its scoring failed, 2 bad input. An abort of `signal`
 * (its reason a signal's name: Ctrl-C) stops the run at the last written tick: the RunLog ends in an
 * abort line, the timings are kept, no report is written, and the exit code is 128 + the signal's number.
 */
export async function runCommand(scenarioFile: string, options: RunCommandOptions, io: CommandIo, signal?: AbortSignal): Promise<number> {
  let scenario: Scenario;
  try {
    scenario = loadScenarioFile(scenarioFile);
  } catch (err) {
    if (err instanceof ScenarioError) {
      io.err.write(err.message + '\n');
      return EXIT.badInput;
    }
    throw err;
  }
  if (options.seed !== undefined) scenario = Object.freeze({ ...scenario, seed: options.seed });
  // Checked before the output folder is touched: a mistyped --engine must not clear an earlier run's reports.
  if (typeof options.engine === 'string' && !existsSync(options.engine)) {
    io.err.write(`storetwin: --engine ${options.engine}: no such file\n`);
    return EXIT.badInput;
  }
  const outDir = options.out ?? join('out', scenario.name);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    io.err.write(`storetwin: --out ${outDir}: exists and is not a directory\n`);
    return EXIT.badInput;
  }

  try {
    mkdirSync(outDir, { recursive: true });
  } catch (err) {
    io.err.write(`storetwin: --out ${outDir}: cannot create the folder: ${(err as Error).message}\n`);
    return EXIT.badInput;
  }
  // A report left from an earlier run must not sit beside this run's RunLog if this one crashes.
  // Every report file (report.json, report.html, summary.md, junit.xml, heatmaps), not just some.
  for (const f of Object.values(REPORT_FILES)) if (f !== REPORT_FILES.runLog && f !== REPORT_FILES.timings) rmSync(join(outDir, f), { force: true });
  const runLogFile = join(outDir, REPORT_FILES.runLog);
  const progress = progressReporter(scenario.name, io.err);
  const timingsFile = join(outDir, REPORT_FILES.timings);
  rmSync(timingsFile, { force: true });
  let summary: { wallS: number; realTimeFactor: number };
  const withEngine = options.engine !== false;
  try {
    if (withEngine) {
      summary = await runEngineTwin({
        scenario,
        runLogFile,
        timingsFile,
        ...(options.duration === undefined ? {} : { durationS: options.duration }),
        engineModule: typeof options.engine === 'string' ? options.engine : null,
        mode: options.mode === 'realtime'
          ? { kind: 'realtime', speed: options.speed ?? 1, queueFrames: Math.round(options.queueFrames ?? 256) }
          : { kind: 'lockstep' },
        client: { ...ENGINE_CLIENT_DEFAULTS, ...(options.engineTimeout === undefined ? {} : { timeoutMs: options.engineTimeout }) },
        onProgress: progress.update,
        ...(signal === undefined ? {} : { signal }),
      });
    } else {
      const twin = { scenario, runLogFile, ...(options.duration === undefined ? {} : { durationS: options.duration }), onProgress: progress.update };
      summary = signal === undefined ? runTwin(twin) : await runTwinInterruptible(twin, signal);
    }
  } catch (err) {
    progress.stop();
    if (err instanceof RunInterrupted) {
      const kept = withEngine ? `${runLogFile} (ending in an abort line) and ${timingsFile}` : `${runLogFile} (ending in an abort line)`;
      io.err.write(`storetwin: interrupted (${err.reason}) at t = ${err.tS} s (tick ${err.tick}); the run so far is in ${kept}. No report was written: storetwin score ${runLogFile} scores the part that ran.\n`);
      return exitCodeOfSignal(err.reason);
    }
    if (!(err instanceof RunCrash) && !(err instanceof HarnessCrash)) throw err;
    io.err.write(`${err.message}\n${err instanceof HarnessCrash && err.phase === 'engine' ? '' : causeStack(err.cause)}The RunLog up to the crash is in ${runLogFile}.\n`);
    return EXIT.crashed;
  }
  progress.stop();

  let report: Report;
  try {
    report = writeReport(outDir, runLogFile, { wallS: summary.wallS, realTimeFactor: summary.realTimeFactor });
  } catch (err) {
    io.err.write(`storetwin: scoring ${runLogFile} failed: ${err instanceof Error ? err.message : String(err)}\n${causeStack(err)}`);
    return EXIT.crashed;
  }
  io.out.write(summaryTable(report));
  const written = [REPORT_FILES.runLog, ...(withEngine ? [REPORT_FILES.timings] : []), REPORT_FILES.report, REPORT_FILES.html, REPORT_FILES.summary, REPORT_FILES.junit, ...Object.values(report.heatmaps)];
  io.out.write(`\n  wrote ${written.map((f) => join(outDir, f)).join(', ')}\n`);
  return EXIT.ok;
}

/** Progress on stderr: a bar on a terminal, a line per tenth of the run otherwise. */
function progressReporter(name: string, stream: NodeJS.WriteStream): { update: (tS: number, endS: number) => void; stop: () => void } {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream,
      format: `${name} |{bar}| {percentage}% | {value} / {total} s simulated | eta {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
    }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update(tS, endS) {
        if (!started) {
          bar.start(Math.round(endS), 0);
          started = true;
        }
        bar.update(Math.round(tS));
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let next = PROGRESS_STEP;
  return {
    update(tS, endS) {
      const f = tS / endS;
      if (f + 1e-9 < next) return;
      stream.write(`${name}: ${Math.floor(f * 100)}% (${Math.round(tS)} / ${Math.round(endS)} s simulated)\n`);
      while (next <= f + 1e-9) next += PROGRESS_STEP;
    },
    stop() {},
  };
}

function causeStack(cause: unknown): string {
  if (!(cause instanceof Error) || cause.stack === undefined) return '';
  const frames = cause.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, STACK_FRAMES);
  return frames.length > 0 ? frames.join('\n') + '\n' : '';
}
