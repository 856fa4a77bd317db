import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnginePort as HarnessEnginePort } from '../../../bench/run/Harness.ts';
import { HarnessCrash, runHarness, storeDescriptionOf } from '../../../bench/run/Harness.ts';
import { RunLogWriter } from '../../../bench/run/RunLogWriter.ts';
import { runTwin } from '../../../bench/run/runTwin.ts';
import type { Engine } from '../../../engine/api.ts';
import { ReferenceEngine } from '../../../engine/ReferenceEngine.ts';
import throwingEngine, { THROW_AT_INGEST } from '../../../engine/testing/throwingEngine.ts';
import type { Scenario } from '../../../sim/scenario/Scenario.ts';
import { bundledScenario } from '../../../sim/testing.ts';
import type { EnginePort } from './EnginePort.ts';
import { LiveRun } from './LiveRun.ts';
import { RunController } from './RunController.ts';

/** tao-cafe with a short arrivals window: a few dozen visits, receipts included, in a second or two. */
const cafe: Scenario = bundledScenario('tao-cafe', (j) => {
  j.crowd.durationS = 120;
  j.crowd.drainS = 300;
});
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'storetwin-live-')), 'runlog.jsonl');

/** An engine run in this thread, behind the app's port (init by the app) or the harness's (init here). */
function inProcess(make: () => Engine = () => new ReferenceEngine()): EnginePort {
  const engine = make();
  return {
    name: 'storetwin-reference',
    where: 'in process (test)',
    init: async (store) => void (await engine.init(store)),
    ingest: async (t, frames) => ({ events: await engine.ingest(t, frames), engineMs: 0 }),
    finish: async (t) => ({ events: await engine.finish(t), engineMs: 0 }),
    close() {},
  };
}

async function cliRunLog(scenario: Scenario, engine: HarnessEnginePort | null): Promise<string> {
  const file = tempFile();
  const writer = new RunLogWriter(file);
  try {
    await runHarness({ scenario, engine, mode: { kind: 'lockstep' }, sink: writer, clockMs: () => 0 });
  } finally {
    writer.close();
  }
  return readFileSync(file, 'utf8');
}

/** Drives a LiveRun as the tab does: uneven slices, single steps, seeking-style targets. */
async function playLive(run: LiveRun): Promise<void> {
  await run.start();
  await run.step();
  await run.step();
  let slice = 0;
  while (!run.finished) {
    const n = 1 + ((slice++ * 7) % 23);
    let left = n;
    await run.advance(() => left-- > 0);
  }
}

describe('LiveRun: the CLI harness core in the tab', () => {
  it('keeps in memory the very RunLog the CLI writes, engine lines included, whatever the slicing', async () => {
    const engine = inProcess();
    await engine.init(storeDescriptionOf(cafe));
    const cli = await cliRunLog(cafe, engine);

    const run = new LiveRun(cafe, inProcess(), storeDescriptionOf(cafe), () => 0, 5);
    await playLive(run);
    const tab = run.log.text();
    const lines = cli.split('\n');
    expect(lines.length).toBeGreaterThan(10_000);
    expect(cli).toContain('"type":"engine","kind":"receipt"');
    expect(tab.length).toBe(cli.length);
    expect(tab === cli).toBe(true);

    // The views' state follows the same lines: receipts, spawns, judged tracks, an empty store at the end.
    const trueReceipts = run.lines.filter((l) => l.type === 'event' && l.kind === 'receipt').length;
    expect(run.trueReceipts).toHaveLength(trueReceipts);
    expect(trueReceipts).toBeGreaterThan(3);
    expect(run.engineReceipts.length).toBe(run.lines.filter((l) => l.type === 'engine' && l.kind === 'receipt').length);
    // Tracks events (about one per tick), every one judged against its tick's truth.
    const trackEvents = run.lines.filter((l) => l.type === 'engine' && l.kind === 'tracks').length;
    expect(trackEvents).toBeGreaterThan(run.summary!.ticks * 0.9);
    expect(run.engineEvents.trackSnapshots).toBe(trackEvents);
    expect(run.errorCounts.judged).toBe(trackEvents);
    expect(run.poses).toEqual([]);
    expect(run.timings).toHaveLength(run.summary!.ticks);
    expect(run.tick).toBe(run.summary!.ticks);
  });

  it('keeps the tick before\'s tracks by id beside the latest ones (the view blends markers between them)', async () => {
    const run = new LiveRun(cafe, inProcess(), storeDescriptionOf(cafe), () => 0, 5);
    await run.start();
    let left = 400;
    await run.advance(() => left-- > 0);
    const before = run.tracks;
    expect(before.length).toBeGreaterThan(0);
    expect(run.tracksTick).toBe(run.posesTick);
    await run.step();
    expect(run.tracksTick).toBe(401);
    expect([...run.prevTracksById.keys()]).toEqual(before.map((t) => t.trackId));
    expect(run.prevTracksById.get(before[0]!.trackId)).toBe(before[0]);
    run.dispose();
  });

  it('without an engine equals runTwin byte for byte', async () => {
    const file = tempFile();
    runTwin({ scenario: cafe, runLogFile: file });
    const run = new LiveRun(cafe, null, null, () => 0);
    await playLive(run);
    expect(run.log.text() === readFileSync(file, 'utf8')).toBe(true);
  });

  it('an engine that throws ends the run with an abort line naming the engine and the tick', async () => {
    const run = new LiveRun(cafe, inProcess(throwingEngine), storeDescriptionOf(cafe), () => 0);
    await run.start();
    const err = await run.advance(() => true).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessCrash);
    expect((err as HarnessCrash).tick).toBe(THROW_AT_INGEST);
    expect((err as HarnessCrash).message).toMatch(/^bench: the run crashed in engine at t = 5 s \(tick 50\): test engine: deliberate failure at t = 5/);
    expect(run.lines.at(-1)).toEqual({ type: 'abort', t: 5, ticks: 50, error: 'engine: test engine: deliberate failure at t = 5' });
    expect(run.tick).toBe(THROW_AT_INGEST - 1);
    expect(run.finished).toBe(false);
    // Stepping again reports the same crash, and writes nothing more.
    const n = run.lines.length;
    await expect(run.advance(() => true)).rejects.toBe(err);
    expect(run.lines).toHaveLength(n);
  });

  it('the controller shows a crashing engine as an error and stops playing', async () => {
    const statuses: { playing: boolean; error: string | null }[] = [];
    let ms = 0;
    const controller = new RunController(() => (ms += 1), async () => {}, (s) => statuses.push(s), () => {});
    controller.setSpeed('max');
    await controller.load(cafe, () => inProcess(throwingEngine), storeDescriptionOf, true);
    await expect.poll(() => statuses.at(-1)?.error ?? null).not.toBeNull();
    const last = statuses.at(-1)!;
    expect(last.playing).toBe(false);
    expect(last.error).toBe('bench: the run crashed in engine at t = 5 s (tick 50): test engine: deliberate failure at t = 5');
    controller.dispose();
  });
});
