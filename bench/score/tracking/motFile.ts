import { readFileSync } from 'node:fs';
import type { TrackingFrame, TrackingSequence } from './TrackingSequence.ts';
import { boxIou, floorSimilarity } from './similarity.ts';

/** One row of a MOTChallenge file: `frame,id,left,top,width,height,conf,x,y,z`. */
export interface MotRow {
  readonly frame: number;
  readonly id: number;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly conf: number;
  readonly x: number;
  readonly y: number;
  /** 1-based line in its file, for error messages. */
  readonly line: number;
}

/** A MOTChallenge file that cannot be used: names the file and the 1-based line. */
export class MotFileError extends Error {
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`bench: ${file}${line > 0 ? `:${line}` : ''}: ${message}`);
    this.name = 'MotFileError';
  }
}

/** How two rows are compared: box IoU (image plane) or max(0, 1 - d / 2 m) on columns x, y (floor plane). */
export type MotSimilarity = 'box' | 'floor';

/**
 * Parses MOTChallenge text (comma or whitespace separated; blank lines skipped). A box needs
 * columns 1-6; the floor plane needs x and y in columns 8-9. Errors name `name:line`.
 */
export function parseMotText(text: string, name: string, need: MotSimilarity): MotRow[] {
  const rows: MotRow[] = [];
  const lines = text.split(/\r?\n/);
  const minCols = need === 'floor' ? 9 : 6;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (s === '') return;
    const cols = s.split(/\s*,\s*|\s+/);
    if (cols.length < minCols) {
      throw new MotFileError(name, line, `expected at least ${minCols} columns (frame,id,left,top,width,height,conf,x,y,z${need === 'floor' ? '; --floor reads x and y' : ''}), got ${cols.length}`);
    }
    const num = (k: number, what: string): number => {
      const v = k < cols.length ? Number(cols[k]) : -1;
      if (cols[k] === '' || !Number.isFinite(v)) throw new MotFileError(name, line, `column ${k + 1} (${what}) is not a number: ${JSON.stringify(cols[k])}`);
      return v;
    };
    const frame = num(0, 'frame');
    const id = num(1, 'id');
    if (!Number.isInteger(frame) || frame < 0) throw new MotFileError(name, line, `frame must be a whole number >= 0, got ${cols[0]}`);
    if (!Number.isInteger(id)) throw new MotFileError(name, line, `id must be a whole number, got ${cols[1]}`);
    rows.push({
      frame, id, left: num(2, 'left'), top: num(3, 'top'), width: num(4, 'width'), height: num(5, 'height'),
      conf: cols.length > 6 ? num(6, 'conf') : 1, x: cols.length > 7 ? num(7, 'x') : -1, y: cols.length > 8 ? num(8, 'y') : -1, line,
    });
  });
  return rows;
}

/** Reads a MOTChallenge file; errors name the file and line. */
export function readMotFile(file: string, need: MotSimilarity): MotRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new MotFileError(file, 0, `cannot read: ${(err as Error).message}`);
  }
  const rows = parseMotText(text, file, need);
  if (need === 'floor' && rows.length > 0 && rows.every((r) => r.x === -1 && r.y === -1)) {
    throw new MotFileError(file, 0, 'x and y (columns 8-9) are -1 on every row: no floor positions here (leave out --floor to compare boxes)');
  }
  // Floor-plane rows (storetwin export writes -1 for the box) scored by box IoU would give 0 everywhere, silently.
  if (need === 'box' && rows.length > 0 && rows.every((r) => !(r.width > 0 && r.height > 0))) {
    throw new MotFileError(file, 0, 'no row has a box (width and height, columns 5-6, are not above 0 on any row): floor-plane rows? add --floor to compare x and y');
  }
  return rows;
}

/**
 * Builds the sequence TrackEval's MOTChallenge loader would: ground-truth rows with conf 0 dropped
 * (zero-marked, as for MOT15, which has no classes), ids renumbered in ascending order of the ids in
 * the files, rows of a frame kept in file order, frames 1..last (empty ones included). An id twice
 * in one frame is an error, as there.
 */
export function motSequence(gt: readonly MotRow[], hyp: readonly MotRow[], similarity: MotSimilarity, names = { gt: 'gt', hyp: 'hyp' }): TrackingSequence {
  const kept = gt.filter((r) => r.conf !== 0);
  const gtIndex = denseIds(kept);
  const hypIndex = denseIds(hyp);
  let last = 0;
  for (const r of kept) last = Math.max(last, r.frame);
  for (const r of hyp) last = Math.max(last, r.frame);
  const gtBy = byFrame(kept, last, names.gt);
  const hypBy = byFrame(hyp, last, names.hyp);
  const frames: TrackingFrame[] = [];
  for (let t = 1; t <= last; t++) {
    const g = gtBy[t]!;
    const h = hypBy[t]!;
    const sim = new Float64Array(g.length * h.length);
    if (similarity === 'box') boxIou(g.flatMap((r) => [r.left, r.top, r.width, r.height]), h.flatMap((r) => [r.left, r.top, r.width, r.height]), sim);
    else floorSimilarity(g.flatMap((r) => [r.x, r.y]), h.flatMap((r) => [r.x, r.y]), sim);
    frames.push({ gtIds: g.map((r) => gtIndex.get(r.id)!), trackerIds: h.map((r) => hypIndex.get(r.id)!), similarity: sim });
  }
  return { numGtIds: gtIndex.size, numTrackerIds: hypIndex.size, frames };
}

function denseIds(rows: readonly MotRow[]): Map<number, number> {
  const ids = [...new Set(rows.map((r) => r.id))].sort((a, b) => a - b);
  return new Map(ids.map((id, i) => [id, i]));
}

function byFrame(rows: readonly MotRow[], last: number, name: string): MotRow[][] {
  const out: MotRow[][] = Array.from({ length: last + 1 }, () => []);
  const seen = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.frame}:${r.id}`;
    const first = seen.get(key);
    if (first !== undefined) throw new MotFileError(name, r.line, `id ${r.id} appears twice in frame ${r.frame} (first on line ${first})`);
    seen.set(key, r.line);
    out[r.frame]!.push(r);
  }
  return out;
}
