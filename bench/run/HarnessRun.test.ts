import { describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/api.ts';
import { ReferenceEngine } from '../../engine/ReferenceEngine.ts';
import { tinyScenario } from '../testing/tinyStore.ts';
import { runHarness, storeDescriptionOf } from './Harness.ts';
import { HarnessRun } from './HarnessRun.ts';
import type { EnginePort, RunLogSink } from './HarnessRunTypes.ts';

const scenario = tinyScenario();

/** The reference engine in this thread; `gate` (when set) holds every answer until released. */
async function inProcess(): Promise<EnginePort & { gate: Promise<void> | null }> {
  const engine: Engine = new ReferenceEngine();
  await engine.init(storeDescriptionOf(scenario));
  const port = {
    name: 'storetwin-reference',
    gate: null as Promise<void> | null,
    async ingest(t: number, frames: Parameters<Engine['ingest']>[1]) {
      const events = await engine.ingest(t, frames);
      if (port.gate !== null) await port.gate;
      return { events, engineMs: 0 };
    },
    finish: async (t: number) => ({ events: await engine.finish(t), engineMs: 0 }),
    close() {},
  };
  return port;
}

/** A sink that records each call as a short line: kind and time (enough to compare orders). */
function recorder(): RunLogSink & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    header: () => void lines.push('header'),
    event: (e) => void lines.push(`event ${e.kind} ${e.t}`),
    sensor: (f) => void lines.push(`sensor ${f.sensorId} ${f.t}`),
    engine: (e) => void lines.push(`engine ${e.kind} ${'t' in e ? e.t : ''}`),
    truth: (t, poses) => void lines.push(`truth ${t} ${poses.length}`),
    footer: (f) => void lines.push(`footer ${f.ticks}`),
    abort: (t, ticks, error) => void lines.push(`abort ${t} ${ticks} ${error}`),
  };
}

describe('HarnessRun', () => {
  it('stepped one tick, a few, or in bulk, delivers the lines runHarness writes, in the same order', async () => {
    const whole = recorder();
    const summary = await runHarness({ scenario, engine: await inProcess(), mode: { kind: 'lockstep' }, sink: whole, clockMs: () => 0 });

    const sink = recorder();
    const ticked: number[] = [];
    const run = new HarnessRun({ scenario, engine: await inProcess(), mode: { kind: 'lockstep', inFlight: 3 }, sink, clockMs: () => 0, observer: { ticked: (tick) => void ticked.push(tick) } });
    run.start();
    expect(run.tick).toBe(0);
    expect(await run.step()).toBe(true);
    expect(run.tick).toBe(1);
    expect(run.world.tick).toBe(1);
    // Everything of tick 1 is delivered when step resolves, nothing of tick 2.
    expect(sink.lines).toEqual(whole.lines.slice(0, sink.lines.length));
    expect(sink.lines.at(-1)).toMatch(/ 0\.1$/);
    expect(whole.lines[sink.lines.length]).toMatch(/ 0\.2$/);
    expect(await run.stepUntil(2)).toBe(19);
    expect(run.t).toBeCloseTo(2, 9);
    let k = 0;
    while (!run.twinDone) await run.stepWhile(() => k++ % 11 !== 10);
    const end = await run.finish();
    expect(sink.lines).toEqual(whole.lines);
    expect(end.ticks).toBe(summary.ticks);
    expect(ticked).toEqual(Array.from({ length: summary.ticks + 1 }, (_, i) => i));
    expect(run.state).toBe('ended');
    await expect(run.step()).rejects.toThrow(/^bench: HarnessRun.stepWhile\(\) on a run that is ended/);
  });

  it('abort while the engine is answering: the step rejects, the abort line names the last delivered tick, nothing follows it', async () => {
    const engine = await inProcess();
    const sink = recorder();
    const run = new HarnessRun({ scenario, engine, mode: { kind: 'lockstep' }, sink, clockMs: () => 0 });
    run.start();
    await run.stepUntil(1);
    let release = () => {};
    engine.gate = new Promise((r) => (release = r));
    const stepping = run.stepWhile(() => true);
    await new Promise((r) => setTimeout(r, 10));
    run.abort('the user closed the tab');
    release();
    await expect(stepping).rejects.toThrow('bench: the run was aborted at t = 1 s (tick 10): the user closed the tab');
    expect(sink.lines.at(-1)).toBe('abort 1 10 aborted: the user closed the tab');
    expect(run.state).toBe('aborted');
  });

  it('finish before the twin is done is a programmer error, reported as a crash with an abort line', async () => {
    const sink = recorder();
    const run = new HarnessRun({ scenario, engine: null, mode: { kind: 'lockstep' }, sink, clockMs: () => 0 });
    run.start();
    await run.step();
    await expect(run.finish()).rejects.toThrow(/before the twin is done \(use abort\)/);
    expect(sink.lines.at(-1)).toMatch(/^abort 0\.1 1 /);
    expect(() => new HarnessRun({ scenario, engine: null, mode: { kind: 'realtime', speed: 1, queueFrames: 4 }, sink, clockMs: () => 0 })).toThrow(/needs options.sleep/);
  });
});
