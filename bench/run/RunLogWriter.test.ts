import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SensorFrame } from '../../engine/api.ts';
import type { ShopperPose, TruthEvent } from '../../sim/truth/Truth.ts';
import { tinyScenario } from '../testing/tinyStore.ts';
import { TRUTH_COLUMNS } from './RunLog.ts';
import { RunLogWriter, round3 } from './RunLogWriter.ts';
import { RunLogError, parseRunLog, readRunLog, readRunLogLines } from './readRunLog.ts';

const scenario = tinyScenario();

const pose = (id: number, x: number, y: number): ShopperPose => ({
  id,
  position: [x, y],
  headingRad: 1.23456,
  activity: 'walking',
  leftHand: [x - 0.2, y, 0.9],
  rightHand: [x + 0.2, y, 0.9],
});

const events: TruthEvent[] = [
  { kind: 'entered', t: 1, shopper: 0, door: 'in', scanned: false },
  { kind: 'take', t: 2.5, shopper: 0, slot: 'shelf-a/f0-0', sku: 'tea', planned: true, concealed: false },
];
const frames: SensorFrame[] = [
  { kind: 'shelf-weight', sensorId: 'shelf-a', frame: 0, t: 0.1, grams: [3500.25, 1580] },
  { kind: 'door-pass', sensorId: 'in', frame: 0, t: 1, direction: 'in' },
];

/** Writes a small RunLog: header, truth at 0, two events, two frames, a truth sample, a footer. */
function writeSample(file: string): void {
  const w = new RunLogWriter(file);
  w.header({ scenario, truthIntervalS: 0.5, durationS: 30, endS: 150 });
  w.truth(0, []);
  for (const e of events) w.event(e);
  for (const f of frames) w.sensor(f);
  w.truth(0.30000000000000004, [pose(0, 1.23449, 2.0006), pose(3, 4, -0.00004)]);
  w.footer({ t: 2.5, ticks: 25, emptied: false, inStore: 1, stock: new Map([['tea', 9], ['bun', 12]]) });
  w.close();
}

function tempFile(name = 'runlog.jsonl'): string {
  return join(mkdtempSync(join(tmpdir(), 'storetwin-runlog-')), name);
}

describe('RunLogWriter and readRunLog', () => {
  it('round-trips header, events, frames, truth rows and footer', () => {
    const file = tempFile();
    writeSample(file);
    const log = readRunLog(file);

    expect(log.header).toMatchObject({ type: 'header', version: 2, tool: 'storetwin', scenario: 'tiny', seed: 7, dtS: 0.1, truthHz: 2, truthIntervalS: 0.5 });
    expect(log.header.columns).toEqual(TRUTH_COLUMNS);
    expect(log.header.catalog.skus.map((s) => s.id)).toEqual(['tea', 'bun']);
    expect(log.header.scenarioJson.store.outline).toEqual([[0, 0], [6, 0], [6, 4], [0, 4]]);
    expect('catalogPath' in log.header.scenarioJson).toBe(false);
    expect(log.events).toEqual(events);
    expect(log.sensors).toEqual(frames);
    expect(log.truth).toHaveLength(2);
    expect(log.truth[1]!.t).toBe(0.3);
    expect(log.truth[1]!.rows).toEqual([
      [0, 1.234, 2.001, 1.235, 'walking', 1.034, 2.001, 0.9, 1.434, 2.001, 0.9],
      [3, 4, 0, 1.235, 'walking', 3.8, 0, 0.9, 4.2, 0, 0.9],
    ]);
    expect(log.footer).toMatchObject({
      t: 2.5, ticks: 25, emptied: false, inStore: 1,
      counts: { events: 2, sensorFrames: 2, truthSamples: 2, eventsByKind: { entered: 1, take: 1 }, framesByKind: { 'door-pass': 1, 'shelf-weight': 1 } },
      stock: { bun: 12, tea: 9 },
    });
    expect(Object.keys(log.footer!.stock)).toEqual(['bun', 'tea']);
    expect(log.abort).toBeNull();
  });

  it('writes lines with "type" first and no "-0"', () => {
    const file = tempFile();
    writeSample(file);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(9); // 8 lines and the final newline
    expect(lines.slice(0, 8).every((l) => l.startsWith('{"type":"'))).toBe(true);
    expect(lines[2]).toBe('{"type":"event","kind":"entered","t":1,"shopper":0,"door":"in","scanned":false}');
    expect(lines[6]).toBe('{"type":"truth","t":0.3,"rows":[[0,1.234,2.001,1.235,"walking",1.034,2.001,0.9,1.434,2.001,0.9],[3,4,0,1.235,"walking",3.8,0,0.9,4.2,0,0.9]]}');
    expect(round3(-0.0004)).toBe(0);
    expect(Object.is(round3(-0.0004), -0)).toBe(false);
  });

  it('writes the same bytes for the same content', () => {
    const a = tempFile();
    const b = tempFile();
    writeSample(a);
    writeSample(b);
    expect(readFileSync(a)).toEqual(readFileSync(b));
  });

  it('streams the same lines it reads in one go', () => {
    const file = tempFile();
    writeSample(file);
    expect([...readRunLogLines(file)].map((l) => l.type)).toEqual(['header', 'truth', 'event', 'event', 'sensor', 'sensor', 'truth', 'footer']);
  });

  it('ends a crashed run with an abort line that the reader returns', () => {
    const file = tempFile();
    const w = new RunLogWriter(file);
    w.header({ scenario, truthIntervalS: 0.5, durationS: 30, endS: 150 });
    w.truth(0, [pose(1, 1, 1)]);
    w.abort(0.7, 7, 'World.step: boom');
    w.close();
    const log = readRunLog(file);
    expect(log.footer).toBeNull();
    expect(log.abort).toEqual({ type: 'abort', t: 0.7, ticks: 7, error: 'World.step: boom' });
    expect(log.truth).toHaveLength(1);
  });

  it('refuses lines out of order and poses that are not numbers', () => {
    const w = new RunLogWriter(tempFile());
    expect(() => w.truth(0, [])).toThrow('bench: RunLogWriter.truth() before the header');
    w.header({ scenario, truthIntervalS: 0.5, durationS: 30, endS: 150 });
    expect(() => w.truth(1, [pose(5, NaN, 1)])).toThrow(/shopper 5 has a non-finite pose: position \(NaN, 1\)/);
    w.footer({ t: 1, ticks: 10, emptied: true, inStore: 0, stock: new Map() });
    expect(() => w.event(events[0]!)).toThrow('bench: RunLogWriter.event() after the footer');
    w.close();
  });
});

describe('readRunLog errors name the line', () => {
  const good = (): string[] => {
    const file = tempFile();
    writeSample(file);
    return readFileSync(file, 'utf8').trimEnd().split('\n');
  };
  const errorOf = (text: string): RunLogError => {
    try {
      parseRunLog(text, 'x.jsonl');
    } catch (err) {
      if (err instanceof RunLogError) return err;
      throw err;
    }
    throw new Error('expected a RunLogError');
  };

  it('bad JSON', () => {
    const lines = good();
    lines[2] = '{"type":"event",';
    const err = errorOf(lines.join('\n') + '\n');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^bench: x\.jsonl:3: not valid JSON/);
  });

  it('a file cut mid-line', () => {
    const text = good().join('\n');
    const err = errorOf(text.slice(0, text.length - 5));
    expect(err.line).toBe(8);
    expect(err.message).toContain('the file ends in the middle of this line');
  });

  it('no header first, a wrong version, an unknown type, a bad truth row, a line after the footer', () => {
    const lines = good();
    expect(errorOf(lines.slice(1).join('\n')).message).toContain('x.jsonl:1: expected the header line first, got "truth"');
    expect(errorOf([lines[0]!.replace('"version":2', '"version":3'), ...lines.slice(1)].join('\n')).message)
      .toContain('x.jsonl:1: RunLog version 3; this reader knows version 2');
    expect(errorOf([...lines.slice(0, 2), '{"type":"camera","t":1}'].join('\n')).message).toContain('x.jsonl:3: unknown line type "camera"');
    expect(errorOf([lines[0], '{"type":"truth","t":1,"rows":[[1,2,3]]}'].join('\n')).message).toContain('x.jsonl:2: truth line: rows[0] must be an array of 11');
    expect(errorOf([...lines, lines[1]].join('\n')).message).toContain('x.jsonl:9: a line after the footer line');
    expect(errorOf([lines[0], '', lines[1]].join('\n')).message).toContain('x.jsonl:2: empty line');
    expect(errorOf('').message).toContain('x.jsonl:1: the file is empty');
  });

  it('a file on disk reports its own path', () => {
    const file = tempFile('broken.jsonl');
    writeFileSync(file, '{"type":"header"}\n');
    expect(() => readRunLog(file)).toThrow(`bench: ${file}:1: RunLog version undefined`);
  });
});

describe('RunLogWriter camera frames and faults', () => {
  it('counts camera frames without writing them, and lists the faults in the footer', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'storetwin-')), 'runlog.jsonl');
    const w = new RunLogWriter(file);
    w.header({ scenario, truthIntervalS: 0.5, durationS: 30, endS: 150 });
    const empty = new Float32Array(0);
    w.sensor({ kind: 'camera-detections', sensorId: 'cam', frame: 0, t: 0.1, count: 0, boxes: empty, keypoints: empty, appearance: empty });
    w.sensor(frames[0]!);
    const faults = [{ index: 0, kind: 'camera-dropout' as const, target: 'cam', fromS: 5, toS: 10, effect: { framesDropped: 50 } }];
    w.footer({ t: 1, ticks: 10, emptied: true, inStore: 0, stock: new Map(), faults });
    w.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'sensor').map((l) => l.kind)).toEqual(['shelf-weight']);
    const footer = lines.at(-1);
    expect(footer.counts.framesByKind).toEqual({ 'camera-detections': 1, 'shelf-weight': 1 });
    expect(footer.counts.sensorFrames).toBe(2);
    expect(footer.faults).toEqual(faults);
  });
});
