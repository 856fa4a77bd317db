import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledScenario } from '../../sim/testing.ts';
import { tinyScenario } from '../testing/tinyStore.ts';
import { HarnessCrash } from './Harness.ts';
import { runEngineTwin } from './runEngineTwin.ts';

const files = () => {
  const dir = mkdtempSync(join(tmpdir(), 'storetwin-engine-'));
  return { runLogFile: join(dir, 'runlog.jsonl'), timingsFile: join(dir, 'timings.jsonl') };
};
const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
const fast = { timeoutMs: 2000, initTimeoutMs: 30_000 };

async function crash(engineModule: string, timeoutMs = 2000): Promise<{ err: HarnessCrash; runLog: Record<string, unknown>[]; timings: Record<string, unknown>[] }> {
  const f = files();
  const err = await runEngineTwin({ scenario: tinyScenario(), ...f, durationS: 20, engineModule, mode: { kind: 'lockstep' }, client: { ...fast, timeoutMs } })
    .then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(HarnessCrash);
  return { err: err as HarnessCrash, runLog: lines(f.runLogFile), timings: lines(f.timingsFile) };
}

describe('an engine in a Node worker thread', () => {
  it('that throws ends the run at that tick with a partial RunLog ending in an abort line', async () => {
    const { err, runLog, timings } = await crash('engine/testing/throwingEngine.ts');
    expect(err.phase).toBe('engine');
    expect(err.tick).toBe(50);
    expect(err.message).toMatch(/engine throwingEngine threw in ingest at tick 50 \(t = 5 s\): test engine: deliberate failure at t = 5/);
    expect(runLog[0]).toMatchObject({ type: 'header', engine: { name: 'throwingEngine', mode: 'lockstep', speed: 1 } });
    expect(runLog.at(-1)).toMatchObject({ type: 'abort', t: 5, ticks: 50 });
    expect(String(runLog.at(-1)!.error)).toContain('engine: engine throwingEngine threw');
    expect(timings.filter((l) => l.type === 'timing')).toHaveLength(49);
    expect(timings.at(-1)).toMatchObject({ type: 'timing-footer', ingests: 49 });
  });

  it('whose finish returns no array is named for it, not for what the host tripped on', async () => {
    const { err, runLog } = await crash('engine/testing/nullFinishEngine.ts');
    expect(err.message).toMatch(/engine nullFinishEngine threw in finish: engine worker: finish\(\) returned null, not an array of engine events/);
    expect(runLog.at(-1)).toMatchObject({ type: 'abort' });
  });

  it('whose worker dies ends the run naming the engine and the tick', async () => {
    const { err, runLog } = await crash('engine/testing/crashingEngine.ts');
    expect(err.message).toMatch(/engine crashingEngine crashed \(its worker exited\) in ingest at tick 20 .*exited with code 3/);
    expect(runLog.at(-1)).toMatchObject({ type: 'abort', ticks: 20 });
  });

  it('that hangs is stopped after the timeout, and nothing hangs', async () => {
    const { err, runLog } = await crash('engine/testing/hangingEngine.ts', 700);
    expect(err.message).toMatch(/engine hangingEngine did not answer in ingest at tick 30 \(t = 3 s\): no answer within 700 ms/);
    expect(runLog.at(-1)).toMatchObject({ type: 'abort', ticks: 30 });
  });

  it('that cannot be loaded ends the run before the first tick', async () => {
    const { err, runLog } = await crash('bench/testing/tinyStore.ts');
    expect(err.message).toMatch(/engine .*threw in load: engine worker: .*tinyStore\.ts has no default export createEngine\(\)/);
    expect(runLog.map((l) => l.type)).toEqual(['header', 'abort']);
  });
});

describe('lockstep through the real worker', () => {
  it('gives the same RunLog byte for byte for the same seed, engine lines included', async () => {
    const scenario = bundledScenario('tao-cafe');
    const run = async (inFlight?: number) => {
      const f = files();
      const s = await runEngineTwin({ scenario, ...f, durationS: 40, engineModule: null, mode: inFlight === undefined ? { kind: 'lockstep' } : { kind: 'lockstep', inFlight }, client: fast });
      return { s, text: readFileSync(f.runLogFile, 'utf8'), timings: lines(f.timingsFile) };
    };
    const a = await run();
    const b = await run();
    expect(a.text === b.text).toBe(true);
    // The pipeline (the twin steps ahead while the engine works) writes the very bytes of a tick-by-tick wait.
    const serial = await run(1);
    expect(serial.text.length).toBe(a.text.length);
    expect(serial.text === a.text).toBe(true);
    const kinds = new Set(a.text.split('\n').filter((l) => l.startsWith('{"type":"engine"')).map((l) => (JSON.parse(l) as { kind: string }).kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['tracks', 'binding', 'cart-line']));
    expect(a.s.engine).toMatchObject({ name: 'storetwin-reference', ingests: a.s.ticks, droppedFrames: 0 });
    expect(a.timings.filter((l) => l.type === 'timing')).toHaveLength(a.s.ticks);
    expect(a.s.engine!.engineMsP99).toBeGreaterThan(0);
  });
});

describe('realtime mode', () => {
  it('drops frames a slow engine cannot take, counts them, and measures latency', async () => {
    const f = files();
    const s = await runEngineTwin({ scenario: tinyScenario(), ...f, durationS: 5, engineModule: 'engine/testing/slowEngine.ts', mode: { kind: 'realtime', speed: 40, queueFrames: 4 }, client: fast });
    const timings = lines(f.timingsFile);
    const footer = timings.at(-1)!;
    expect(footer).toMatchObject({ type: 'timing-footer', mode: 'realtime' });
    expect(s.engine!.droppedFrames).toBeGreaterThan(0);
    expect(footer.droppedFrames).toBe(s.engine!.droppedFrames);
    // Each ingest takes about 40 ms while a tick lasts 2.5 ms of wall time: far fewer ingests than ticks.
    expect(s.engine!.ingests).toBeLessThan(s.ticks / 4);
    expect(s.engine!.latencyMsP50).toBeGreaterThanOrEqual(40);
    const rows = timings.filter((l) => l.type === 'timing');
    expect(rows.every((r) => typeof r.latencyMs === 'number' && (r.engineMs as number) >= 39)).toBe(true);
    expect(lines(f.runLogFile).at(-1)!.type).toBe('footer');
  });
});
