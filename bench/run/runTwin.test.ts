import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyScenario } from '../testing/tinyStore.ts';
import { readRunLog } from './readRunLog.ts';
import { RunInterrupted } from './HarnessRunTypes.ts';
import { RunCrash, runTwin, runTwinInterruptible } from './runTwin.ts';

const scenario = tinyScenario();
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'storetwin-run-')), 'runlog.jsonl');

describe('runTwin', () => {
  it('runs the tiny shop to the end and records what it did', () => {
    const file = tempFile();
    const progress: number[] = [];
    let ms = 0;
    const summary = runTwin({ scenario, runLogFile: file, onProgress: (t) => progress.push(t), clockMs: () => (ms += 10) });
    const log = readRunLog(file);

    expect(log.footer).not.toBeNull();
    expect(summary.ticks).toBe(log.footer!.ticks);
    expect(summary.simS).toBeCloseTo(summary.ticks * 0.1, 9);
    expect(summary.simS).toBeLessThan(summary.endS); // the shop empties before the drain ends
    expect(summary.emptied).toBe(true);
    expect(summary.counts).toEqual(log.footer!.counts);
    expect(summary.counts.eventsByKind.entered).toBeGreaterThan(0);
    expect(summary.counts.eventsByKind.entered).toBe(summary.counts.eventsByKind.exited);
    // truthHz 2 with dtS 0.1: a sample every 5 ticks, plus t = 0.
    expect(log.header.truthIntervalS).toBe(0.5);
    expect(log.truth.map((s) => s.t).slice(0, 3)).toEqual([0, 0.5, 1]);
    expect(log.truth).toHaveLength(Math.floor(summary.ticks / 5) + 1);
    // Two clock reads 10 ms apart: 0.01 s of wall time.
    expect(summary.wallS).toBeCloseTo(0.01, 12);
    expect(summary.realTimeFactor).toBeCloseTo(summary.simS / 0.01, 6);
    expect(progress[0]).toBe(1);
    expect(progress.at(-1)).toBe(summary.simS);
  });

  it('writes byte-identical RunLogs for the same seed and different ones for another', () => {
    const [a, b, c] = [tempFile(), tempFile(), tempFile()];
    runTwin({ scenario, runLogFile: a });
    runTwin({ scenario, runLogFile: b });
    runTwin({ scenario: Object.freeze({ ...scenario, seed: 8 }), runLogFile: c });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    expect(readRunLog(c).header.seed).toBe(8);
  });

  it('honours durationS: no arrivals after it', () => {
    const file = tempFile();
    const summary = runTwin({ scenario, runLogFile: file, durationS: 5 });
    const log = readRunLog(file);
    expect(log.header.durationS).toBe(5);
    expect(log.header.endS).toBe(125);
    expect(log.events.filter((e) => e.kind === 'spawn' && e.t >= 5)).toEqual([]);
    expect(summary.endS).toBe(125);
  });

  it('on a crash keeps the RunLog so far, ends it with an abort line and names what failed', () => {
    const file = tempFile();
    let err: unknown;
    try {
      runTwin({
        scenario,
        runLogFile: file,
        onProgress: (t) => {
          if (t >= 3) throw new Error('display went away');
        },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RunCrash);
    const crash = err as RunCrash;
    expect(crash.phase).toBe('onProgress');
    expect(crash.message).toBe('bench: the run crashed in onProgress at t = 3 s (tick 30): display went away');
    const log = readRunLog(file);
    expect(log.footer).toBeNull();
    expect(log.abort).toEqual({ type: 'abort', t: 3, ticks: 30, error: 'onProgress: display went away' });
    expect(log.truth.at(-1)!.t).toBe(3);
  });

  it('runTwinInterruptible writes the same RunLog; aborted midway it ends in an abort line after the very same lines', async () => {
    const [whole, same, cut] = [tempFile(), tempFile(), tempFile()];
    runTwin({ scenario, runLogFile: whole });
    await runTwinInterruptible({ scenario, runLogFile: same }, new AbortController().signal);
    const wholeText = readFileSync(whole, 'utf8');
    expect(readFileSync(same, 'utf8')).toBe(wholeText);

    const controller = new AbortController();
    const run = runTwinInterruptible({ scenario, runLogFile: cut, onProgress: (t) => t >= 20 && controller.abort('SIGINT') }, controller.signal);
    const err = await run.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(RunInterrupted);
    const stop = err as RunInterrupted;
    expect(stop.reason).toBe('SIGINT');
    expect(stop.tS).toBeGreaterThanOrEqual(20);
    expect(stop.tS).toBeLessThan(40);
    const lines = readFileSync(cut, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toEqual({ type: 'abort', t: stop.tS, ticks: stop.tick, error: 'aborted: interrupted (SIGINT)' });
    // Every line before the abort line is the uninterrupted run's, in order.
    expect(wholeText.startsWith(lines.slice(0, -1).join('\n') + '\n')).toBe(true);
    expect(readRunLog(cut).footer).toBeNull();
  });
});
