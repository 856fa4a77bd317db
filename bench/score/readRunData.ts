import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Vec2 } from '../../sim/geometry/Vec2.ts';
import { readRunLogLines, readRunLogRange } from '../run/readRunLog.ts';
import type { RunData } from './collectRun.ts';
import { collectParts, collectRun, joinParts } from './collectRun.ts';
import type { PackedParts } from './packedParts.ts';
import { unpackParts } from './packedParts.ts';
import { SyncWorker } from './SyncWorker.ts';

/** When a RunLog is read on two threads. */
export interface ReadRunDataConfig {
  /** Size from which a second thread pays off: starting one costs ~0.3 s, an hour's log of 50 shoppers is ~380 MB (~4 s to parse on one). */
  readonly minParallelBytes: number;
  /**
   * Share of the bytes the calling thread parses, the worker the rest: a little over half, as the
   * worker first boots (tsx, the modules) and its packed frames are cloned back.
   */
  readonly callerShare: number;
}

/** Defaults of ReadRunDataConfig. */
export const READ_RUN_DATA: ReadRunDataConfig = { minParallelBytes: 64 << 20, callerShare: 0.55 };

/** What the calling thread asks the read worker for: the lines of bytes [start, end) of a file. */
export interface ReadStretchRequest {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  /** The store outline, from the header (who is inside). */
  readonly outline: readonly Vec2[];
}

/** The read worker's answer: the stretch collected, or the note that it holds an error (the caller re-reads to name it). */
export type ReadStretchReply = { readonly parts: PackedParts } | { readonly failed: true };

const ENTRY_URL = new URL('./readRunDataWorkerMain.ts', import.meta.url);

/**
 * Reads and collects a RunLog file, as `collectRun(readRunLogLines(file))` does, with the same
 * result: a large file is cut in two at a newline, the second stretch parsed and packed on a
 * worker thread while this one does the first. Lines are checked as in one pass; on any error
 * (or a footer before the cut) the file is read again in one pass, which throws exactly the
 * RunLogError of the first bad line.
 */
export function readRunData(file: string, config: ReadRunDataConfig = READ_RUN_DATA): RunData {
  const size = statSync(file).size;
  const cut = size >= config.minParallelBytes ? lineStartAfter(file, Math.floor(size * config.callerShare), size) : size;
  if (cut >= size) return collectRun(readRunLogLines(file));
  const worker = new SyncWorker<ReadStretchRequest, ReadStretchReply>(ENTRY_URL, 'read');
  try {
    let posted = false;
    let ended = false;
    // The first stretch starts with the header: the worker is handed the outline as soon as it is read.
    const first = collectParts((function* tapHeader() {
      for (const line of readRunLogRange(file, 0, cut, 1)) {
        if (!posted && line.type === 'header') {
          worker.post({ file, start: cut, end: size, outline: line.scenarioJson.store.outline });
          posted = true;
        }
        if (line.type === 'footer' || line.type === 'abort') ended = true;
        yield line;
      }
    })(), null);
    const second = worker.wait();
    // A footer before the cut, with lines after it, is an error of the one-pass reader: let it name it.
    if ('failed' in second || ended) return collectRun(readRunLogLines(file));
    return joinParts([first, unpackParts(second.parts)]);
  } finally {
    worker.close();
  }
}

/** The offset just past the first newline at or after `from` (or `end` if none). */
function lineStartAfter(file: string, from: number, end: number): number {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    for (let at = from; at < end; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
      if (n === 0) break;
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0) return at + nl + 1;
      at += n;
    }
    return end;
  } finally {
    closeSync(fd);
  }
}
