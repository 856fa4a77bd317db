import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunLogLines } from '../run/readRunLog.ts';
import type { RunLogLine } from '../run/RunLog.ts';
import { collectParts, collectRun } from './collectRun.ts';
import { packParts, unpackParts } from './packedParts.ts';
import { readRunData } from './readRunData.ts';
import { RunLogBuilder, row, spawn } from './tinyRunLog.ts';

/** A small run with every kind of line the reader keeps: truth, tracks (a null account), events, a face capture, camera frames. */
function lines(): RunLogLine[] {
  const b = new RunLogBuilder().event(spawn(0, 1, 'acct-1')).event({ kind: 'entered', t: 0, shopper: 1, door: 'in', scanned: true });
  for (let k = 1; k <= 60; k++) {
    const t = k / 10;
    b.truth(t, [row(1, 1 + k / 30, 1), row(2, 5 - k / 40, 3)]);
    b.tracks(t, [[10, 1 + k / 30 + 0.05, 1, 'acct-1'], [20 + (k >> 4), 5 - k / 40, 3.1, null]]);
    if (k % 20 === 0) b.sensor({ kind: 'camera-detections', sensorId: 'c1', frame: k, t, detections: [] } as never);
  }
  b.sensor({ kind: 'face-capture', sensorId: 'gate-f', frame: 3, t: 6, at: 'in', descriptor: [1, 0], quality: 1 });
  b.event({ kind: 'exited', t: 6, shopper: 1, door: 'out' });
  return b.build();
}

function tempLog(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'storetwin-readrundata-')), 'runlog.jsonl');
  writeFileSync(file, text);
  return file;
}

/** Both readers' results, or both errors' messages. */
function both(file: string, callerShare: number): [unknown, unknown] {
  const run = (f: () => unknown) => {
    try {
      return f();
    } catch (err) {
      return (err as Error).message;
    }
  };
  return [run(() => collectRun(readRunLogLines(file))), run(() => readRunData(file, { minParallelBytes: 0, callerShare }))];
}

describe('readRunData: a RunLog read on two threads', () => {
  const text = lines().map((l) => JSON.stringify(l)).join('\n') + '\n';

  it('collects exactly what one pass collects, wherever the cut falls', () => {
    const file = tempLog(text);
    for (const share of [0.05, 0.3, 0.5, 0.8, 0.97]) {
      const [serial, parallel] = both(file, share);
      expect(typeof serial).toBe('object');
      expect(parallel).toEqual(serial);
    }
    const run = readRunData(file, { minParallelBytes: 0, callerShare: 0.5 });
    expect([run.truth.length, run.tracks.length, run.events.length, run.faceCaptures.length, run.cameraFrames]).toEqual([60, 60, 3, 1, 3]);
    expect(run.tracks[59]!.accounts).toEqual(['acct-1', null]);
  });

  it('throws the one-pass error, line number included, for a bad line on either side of the cut', () => {
    const good = text.split('\n').slice(0, -1);
    const cases = [
      [...good.slice(0, 100), '{"type":"truth","t":1,"rows":[[1,2,3]]}', ...good.slice(100)].join('\n') + '\n', // bad row late
      [...good.slice(0, 5), '', ...good.slice(5)].join('\n') + '\n', // empty line early
      [...good, good[1]].join('\n') + '\n', // a line after the footer
      [...good.slice(0, -1), good[0], good.at(-1)].join('\n') + '\n', // a second header late
      text.slice(0, text.length - 9), // cut mid-line
    ];
    for (const c of cases) {
      const file = tempLog(c);
      for (const share of [0.1, 0.9]) {
        const [serial, parallel] = both(file, share);
        expect(serial).toMatch(/^bench: .*runlog\.jsonl:\d+: /);
        expect(parallel).toBe(serial);
      }
    }
  });

  it('reads a small file in one pass, and packs frames losslessly for the hand-over', () => {
    const file = tempLog(text);
    expect(readRunData(file)).toEqual(collectRun(readRunLogLines(file)));
    const parts = collectParts(lines(), null);
    expect(unpackParts(structuredClone(packParts(parts)))).toEqual(parts);
  });
});
