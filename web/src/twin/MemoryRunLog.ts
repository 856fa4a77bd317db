import type { EngineEvent, SensorFrame } from '../../../engine/api.ts';
import type { RunLogSink } from '../../../bench/run/Harness.ts';
import type { RunLogCounts, RunLogEngineLine, RunLogLine, TruthRow } from '../../../bench/run/RunLog.ts';
import { RunLogBook } from '../../../bench/run/RunLogBook.ts';
import type { RunLogFooterInput, RunLogHeaderInput } from '../../../bench/run/RunLogWriter.ts';
import { round3, roundTime, runLogHeader } from '../../../bench/run/RunLogWriter.ts';
import type { ShopperPose, TruthEvent } from '../../../sim/truth/Truth.ts';

/**
 * The RunLog kept in memory as line objects: the browser's sink for the harness core. Each line,
 * JSON-stringified, is the line RunLogWriter writes to `runlog.jsonl` (same keys, same order, same
 * rounding; camera frames counted, not kept), so a report computed in the tab is the CLI's.
 */
export class MemoryRunLog implements RunLogSink {
  readonly lines: RunLogLine[] = [];
  private readonly book = new RunLogBook('web: MemoryRunLog');

  header(input: RunLogHeaderInput): void {
    this.book.header();
    this.lines.push(runLogHeader(input));
  }

  event(e: TruthEvent): void {
    this.book.event(e.kind);
    this.lines.push({ type: 'event', ...e });
  }

  sensor(f: SensorFrame): void {
    // As in the file: camera frames are counted, not kept (their buffers went to the worker too).
    if (this.book.sensor(f)) this.lines.push({ type: 'sensor', ...f } as RunLogLine);
  }

  engine(e: EngineEvent): void {
    this.book.engine();
    this.lines.push({ type: 'engine', ...e } as RunLogEngineLine);
  }

  truth(tS: number, poses: readonly ShopperPose[]): void {
    this.book.truth(tS, poses);
    const rows: TruthRow[] = [];
    for (const p of poses) {
      const [x, y] = p.position;
      const l = p.leftHand;
      const r = p.rightHand;
      rows.push([p.id, round3(x), round3(y), round3(p.headingRad), p.activity, round3(l[0]), round3(l[1]), round3(l[2]), round3(r[0]), round3(r[1]), round3(r[2])]);
    }
    this.lines.push({ type: 'truth', t: roundTime(tS), rows });
  }

  footer(input: RunLogFooterInput): void {
    this.lines.push(this.book.footer(input));
  }

  abort(tS: number, ticks: number, error: string): void {
    const line = this.book.abort(tS, ticks, error);
    if (line !== null) this.lines.push(line);
  }

  /** Line counts so far, as the footer records them. */
  counts(): RunLogCounts {
    return this.book.counts();
  }

  /** The RunLog as `runlog.jsonl` text. */
  text(): string {
    let out = '';
    for (const line of this.lines) out += JSON.stringify(line) + '\n';
    return out;
  }
}
