import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../engine/api.ts';
import { tinyScenario } from '../testing/tinyStore.ts';
import { engineEventProblem } from './engineEventProblem.ts';
import { HarnessCrash } from './HarnessRunTypes.ts';
import { HarnessRun } from './HarnessRun.ts';
import type { EnginePort, RunLogSink } from './HarnessRunTypes.ts';
import { readRunLog } from './readRunLog.ts';
import { RunLogWriter } from './RunLogWriter.ts';

const good: EngineEvent[] = [
  { kind: 'tracks', t: 1, tracks: [{ trackId: 3, state: 'tracked', positionM: [1, 2], velocityMps: [0, 0.5], accountId: null, confidence: 0.9 }] },
  { kind: 'binding', t: 1, trackId: 3, accountId: 'acct-1', method: 'qr', at: 'in', confidence: 1 },
  { kind: 'cart-line', t: 1, accountId: null, trackId: 3, slotId: 'shelf-a/f0-0', sku: 'tea', qty: -1, confidence: 0.5 },
  { kind: 'receipt', t: 1, accountId: 'acct-1', trackIds: [3], lines: [{ sku: 'tea', qty: 1, unitCents: 250 }], totalCents: 250 },
  { kind: 'counter-charge', t: 1, counter: 'bar', accountId: null, lines: [], totalCents: 0 },
  { kind: 'alert', t: 1, alert: 'tailgating', at: null, trackIds: [], accountId: null, detail: 'two through one scan' },
];

describe('engineEventProblem', () => {
  it('passes every kind the contract allows', () => {
    for (const e of good) expect(engineEventProblem(e), e.kind).toBeNull();
  });

  it('names the first field that breaks the contract, with what it got', () => {
    const [tracks, binding, cart, receipt, charge, alert] = good.map((e) => JSON.parse(JSON.stringify(e)) as Record<string, unknown>);
    expect(engineEventProblem({ ...tracks, tracks: [{ id: 1, x: 0, y: 0, state: 'tracked' }] })).toBe('tracks[0].trackId: expected a finite number, got nothing');
    expect(engineEventProblem({ ...tracks, tracks: [{ ...(tracks!.tracks as object[])[0], positionM: [NaN, 1] }] })).toBe('tracks[0].positionM: expected [x, y], two finite numbers, got [null,1]'); // JSON shows NaN as null
    expect(engineEventProblem({ ...tracks, tracks: [{ ...(tracks!.tracks as object[])[0], state: 'confirmed' }] })).toBe('tracks[0].state: expected one of tentative, tracked, lost, got "confirmed"');
    expect(engineEventProblem({ ...binding, method: 'rfid' })).toBe('method: expected one of qr, face, reid, group, got "rfid"');
    expect(engineEventProblem({ ...cart, qty: '1' })).toBe('qty: expected a finite number, got "1"');
    expect(engineEventProblem({ ...receipt, accountId: 5 })).toBe('accountId: expected a string, got 5');
    expect(engineEventProblem({ ...receipt, lines: [{ sku: 'tea', qty: 1 }] })).toBe('lines[0].unitCents: expected a finite number, got nothing');
    expect(engineEventProblem({ ...charge, totalCents: null })).toBe('totalCents: expected a finite number, got null');
    expect(engineEventProblem({ ...alert, alert: 'fire' })).toMatch(/^alert: expected one of tailgating, .*, got "fire"$/);
    expect(engineEventProblem({ ...alert, t: Infinity })).toBe('t: expected a finite number, got Infinity');
    expect(engineEventProblem({ kind: 'nonsense', t: 1 })).toBe('kind: expected tracks, binding, cart-line, receipt, counter-charge or alert, got "nonsense"');
    expect(engineEventProblem(null)).toBe('expected an event object, got null');
  });
});

describe('an engine answer that breaks the contract', () => {
  const scenario = tinyScenario();
  const sinkLines: string[] = [];
  const sink: RunLogSink = {
    header: () => void sinkLines.push('header'), event: () => {}, sensor: () => {}, truth: () => {}, footer: () => void sinkLines.push('footer'),
    engine: (e) => void sinkLines.push(`engine ${e.kind}`),
    abort: (t, ticks, error) => void sinkLines.push(`abort ${t} ${ticks} ${error}`),
  };

  it('stops the run at its tick naming the engine, the answer and the field; nothing of it is written', async () => {
    const engine: EnginePort = {
      name: 'mine',
      ingest: (t: number) => Promise.resolve({ events: t > 0.25 ? ([{ kind: 'receipt', t, accountId: 5, trackIds: [], lines: [], totalCents: 0 }] as unknown as EngineEvent[]) : [], engineMs: 0 }),
      finish: () => Promise.resolve({ events: [], engineMs: 0 }),
      close() {},
    };
    const run = new HarnessRun({ scenario, engine, mode: { kind: 'lockstep' }, sink, clockMs: () => 0 });
    run.start();
    const err = await run.stepWhile(() => true).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(HarnessCrash);
    expect((err as HarnessCrash).message).toBe('bench: the run crashed in engine at t = 0.3 s (tick 3): engine mine broke the contract (engine/api.ts EngineEvent) in its answer to the ingest at tick 3 (t = 0.3 s): events[0] (kind "receipt"): accountId: expected a string, got 5');
    expect(sinkLines.filter((l) => l.startsWith('engine'))).toEqual([]);
    expect(sinkLines.at(-1)).toMatch(/^abort 0\.3 3 engine: engine mine broke the contract/);
  });

  it('in a RunLog is refused by the reader with its file and line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'storetwin-ev-')), 'runlog.jsonl');
    const w = new RunLogWriter(file);
    w.header({ scenario, truthIntervalS: 0.5, durationS: 30, endS: 150 });
    w.engine({ kind: 'cart-line', t: 0.1, accountId: 'a', trackId: null, slotId: 's', sku: 'tea', qty: 1, confidence: 1 });
    w.close();
    expect(readRunLog(file).engine).toHaveLength(1);
    writeFileSync(file, readFileSync(file).toString().replace('"qty":1', '"qty":"one"'));
    expect(() => readRunLog(file)).toThrow(`${file}:2: engine line (kind "cart-line"): qty: expected a finite number, got "one"`);
  });
});
