import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { EngineEvent, SensorFrame } from '../../engine/api.ts';
import type { TruthEvent } from '../../sim/truth/Truth.ts';
import type { RunLog, RunLogAbort, RunLogFooter, RunLogHeader, RunLogLine, RunLogTruthLine } from './RunLog.ts';
import { engineEventProblem } from './engineEventProblem.ts';
import { RUNLOG_VERSION, TRUTH_COLUMNS } from './RunLog.ts';

/** Bytes read at a time when streaming a RunLog. */
const CHUNK_BYTES = 1 << 20;

/** A RunLog that cannot be read: names the file and the 1-based line. */
export class RunLogError extends Error {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, message: string) {
    super(`bench: ${file}:${line}: ${message}`);
    this.name = 'RunLogError';
    this.file = file;
    this.line = line;
  }
}

/** Reads a whole RunLog file into memory. */
export function readRunLog(file: string): RunLog {
  return collect(readRunLogLines(file));
}

/** Parses a RunLog held in a string; `name` is what errors call it. */
export function parseRunLog(text: string, name = 'runlog'): RunLog {
  return collect(parseLines(splitText(text), name));
}

/** Streams the lines of a RunLog file, checked one by one, without holding the file in memory. */
export function readRunLogLines(file: string): Generator<RunLogLine> {
  return parseLines(fileLines(file), file);
}

/**
 * Streams the checked lines of the bytes [start, end) of a RunLog file (cut right after a newline,
 * or at 0 / the end), numbering them from `firstLine`. A stretch that starts past line 1 may not
 * hold the header; its errors name the line by `firstLine`, which a reader in parallel stretches
 * does not know for sure: it re-reads the file in one pass to report an error exactly.
 */
export function readRunLogRange(file: string, start: number, end: number, firstLine: number): Generator<RunLogLine> {
  return parseLines(fileLines(file, start, end), file, firstLine);
}

/** Raw lines with a flag for whether a newline ended them. */
type RawLine = readonly [text: string, ended: boolean];

function* splitText(text: string): Generator<RawLine> {
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    yield [text.slice(start, nl), true];
    start = nl + 1;
  }
  if (start < text.length) yield [text.slice(start), false];
}

function* fileLines(file: string, start = 0, end = Infinity): Generator<RawLine> {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let at = start; at < end; ) {
      const n = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, end - at), at);
      if (n === 0) break;
      at += n;
      rest += decoder.write(chunk.subarray(0, n));
      let start = 0;
      for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
        yield [rest.slice(start, nl), true];
        start = nl + 1;
      }
      rest = rest.slice(start);
    }
    rest += decoder.end();
    if (rest.length > 0) yield [rest, false];
  } finally {
    closeSync(fd);
  }
}

function* parseLines(lines: Iterable<RawLine>, file: string, firstLine = 1): Generator<RunLogLine> {
  let n = firstLine - 1;
  let ended: 'footer' | 'abort' | null = null;
  // No closures made per line: an hour's log has hundreds of thousands of lines.
  for (const [text, newline] of lines) {
    n++;
    if (text.trim() === '') throw new RunLogError(file, n, 'empty line');
    if (ended !== null) throw new RunLogError(file, n, `a line after the ${ended} line`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new RunLogError(file, n, newline ? `not valid JSON: ${(err as Error).message}` : 'the file ends in the middle of this line (was the run killed?)');
    }
    const line = checkLine(value, n, file);
    if (line.type === 'footer' || line.type === 'abort') ended = line.type;
    yield line;
  }
  if (n === firstLine - 1) throw new RunLogError(file, firstLine, firstLine === 1 ? 'the file is empty: expected a header line' : 'no lines in this stretch');
}

/** Throws RunLogError unless o[key] has the JavaScript type `want` ('object': a non-null object). */
function need(o: Record<string, unknown>, key: string, want: 'number' | 'string' | 'object', n: number, file: string): void {
  const v = o[key];
  if (want === 'object' ? v !== null && typeof v === 'object' : typeof v === want) return;
  throw new RunLogError(file, n, `${String(o.type)} line: "${key}" must be ${want === 'object' ? 'an' : 'a'} ${want}, got ${JSON.stringify(v) ?? 'nothing'}`);
}

/** Throws the RunLogError of line n. */
function failAt(file: string, n: number, message: string): never {
  throw new RunLogError(file, n, message);
}

function checkLine(value: unknown, n: number, file: string): RunLogLine {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return failAt(file, n, 'expected a JSON object');
  const o = value as Record<string, unknown>;
  const type = o.type;
  if (n === 1 && type !== 'header') failAt(file, n, `expected the header line first, got ${JSON.stringify(type) ?? 'no "type"'}`);
  switch (type) {
    case 'header': {
      if (n !== 1) failAt(file, n, 'a second header line');
      if (o.version !== RUNLOG_VERSION) failAt(file, n, `RunLog version ${JSON.stringify(o.version)}; this reader knows version ${RUNLOG_VERSION}`);
      if (o.tool !== 'storetwin') failAt(file, n, `written by ${JSON.stringify(o.tool)}, not storetwin`);
      for (const k of ['seed', 'dtS', 'truthHz', 'truthIntervalS', 'durationS', 'endS']) need(o, k, 'number', n, file);
      need(o, 'scenario', 'string', n, file);
      need(o, 'scenarioJson', 'object', n, file);
      need(o, 'catalog', 'object', n, file);
      if (JSON.stringify(o.columns) !== JSON.stringify(TRUTH_COLUMNS)) failAt(file, n, `header line: "columns" must be ${JSON.stringify(TRUTH_COLUMNS)}`);
      return o as unknown as RunLogHeader;
    }
    case 'event':
      need(o, 'kind', 'string', n, file);
      need(o, 't', 'number', n, file);
      return o as unknown as RunLogLine;
    case 'sensor':
      need(o, 'kind', 'string', n, file);
      need(o, 'sensorId', 'string', n, file);
      need(o, 'frame', 'number', n, file);
      need(o, 't', 'number', n, file);
      return o as unknown as RunLogLine;
    case 'engine': {
      const problem = engineEventProblem(o);
      if (problem !== null) failAt(file, n, `engine line (kind ${JSON.stringify(o.kind) ?? 'none'}): ${problem}`);
      return o as unknown as RunLogLine;
    }
    case 'truth': {
      need(o, 't', 'number', n, file);
      const rows = o.rows;
      if (!Array.isArray(rows)) return failAt(file, n, 'truth line: "rows" must be an array');
      // Plain loops: this check runs on every value of every truth row (tens of millions in an hour's log).
      for (let i = 0; i < rows.length; i++) {
        const row: unknown = rows[i];
        if (!Array.isArray(row) || row.length !== TRUTH_COLUMNS.length) failAt(file, n, `truth line: rows[${i}] must be an array of ${TRUTH_COLUMNS.length}: ${TRUTH_COLUMNS.join(', ')}`);
        const r = row as unknown[];
        for (let j = 0; j < r.length; j++) {
          const v = r[j];
          if (j === 4 ? typeof v !== 'string' : typeof v !== 'number') failAt(file, n, `truth line: rows[${i}][${j}] (${TRUTH_COLUMNS[j]}) must be a ${j === 4 ? 'string' : 'number'}, got ${JSON.stringify(v)}`);
        }
      }
      return o as unknown as RunLogTruthLine;
    }
    case 'footer':
      need(o, 't', 'number', n, file);
      need(o, 'ticks', 'number', n, file);
      need(o, 'counts', 'object', n, file);
      need(o, 'stock', 'object', n, file);
      return o as unknown as RunLogFooter;
    case 'abort':
      need(o, 't', 'number', n, file);
      need(o, 'error', 'string', n, file);
      return o as unknown as RunLogAbort;
    default:
      return failAt(file, n, `unknown line type ${JSON.stringify(type) ?? '(none)'}; expected header, event, sensor, engine, truth, footer or abort`);
  }
}

function collect(lines: Iterable<RunLogLine>): RunLog {
  let header: RunLogHeader | null = null;
  const events: TruthEvent[] = [];
  const sensors: SensorFrame[] = [];
  const truth: RunLogTruthLine[] = [];
  const engine: EngineEvent[] = [];
  let footer: RunLogFooter | null = null;
  let abort: RunLogAbort | null = null;
  for (const line of lines) {
    switch (line.type) {
      case 'header':
        header = line;
        break;
      case 'event': {
        const { type: _t, ...event } = line;
        events.push(event as TruthEvent);
        break;
      }
      case 'sensor': {
        const { type: _t, ...frame } = line;
        sensors.push(frame as SensorFrame);
        break;
      }
      case 'engine': {
        const { type: _t, ...event } = line;
        engine.push(event as EngineEvent);
        break;
      }
      case 'truth':
        truth.push(line);
        break;
      case 'footer':
        footer = line;
        break;
      case 'abort':
        abort = line;
        break;
    }
  }
  // parseLines guarantees a header on line 1.
  return { header: header!, events, sensors, truth, engine, footer, abort };
}
