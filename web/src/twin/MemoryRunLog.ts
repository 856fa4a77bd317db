import type { EngineEvent, SensorFrame } from '../../../engine/api.ts';
import type { RunLogSink } from '../../../bench/run/Harness.ts';
import type { RunLogCounts, RunLogEngineLine, RunLogLine, TruthRow } from '../../../bench/run/RunLog.ts';
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
  private state: 'empty' | 'open' | 'ended' = 'empty';
  private events = 0;
  private sensorFrames = 0;
  private truthSamples = 0;
  private readonly eventKinds = new Map<string, number>();
  private readonly frameKinds = new Map<string, number>();

  header(input: RunLogHeaderInput): void {
    if (this.state !== 'empty') throw new Error('web: MemoryRunLog.header() must be the first line, written once');
    this.state = 'open';
    this.lines.push(runLogHeader(input));
  }

  event(e: TruthEvent): void {
    this.expectOpen('event');
    this.events++;
    this.eventKinds.set(e.kind, (this.eventKinds.get(e.kind) ?? 0) + 1);
    this.lines.push({ type: 'event', ...e });
  }

  sensor(f: SensorFrame): void {
    this.expectOpen('sensor');
    this.sensorFrames++;
    this.frameKinds.set(f.kind, (this.frameKinds.get(f.kind) ?? 0) + 1);
    // As in the file: camera frames are counted, not kept (large, reproducible, and their buffers went to the worker).
    if (f.kind === 'camera-detections' || f.kind === 'camera-image') return;
    this.lines.push({ type: 'sensor', ...f });
  }

  engine(e: EngineEvent): void {
    this.expectOpen('engine');
    this.lines.push({ type: 'engine', ...e } as RunLogEngineLine);
  }

  truth(tS: number, poses: readonly ShopperPose[]): void {
    this.expectOpen('truth');
    this.truthSamples++;
    const rows: TruthRow[] = [];
    for (const p of poses) {
      const [x, y] = p.position;
      const l = p.leftHand;
      const r = p.rightHand;
      if (!Number.isFinite(x + y + p.headingRad + l[0] + l[1] + l[2] + r[0] + r[1] + r[2])) {
        throw new Error(`web: truth at t = ${roundTime(tS)} s: shopper ${p.id} has a non-finite pose`);
      }
      rows.push([p.id, round3(x), round3(y), round3(p.headingRad), p.activity, round3(l[0]), round3(l[1]), round3(l[2]), round3(r[0]), round3(r[1]), round3(r[2])]);
    }
    this.lines.push({ type: 'truth', t: roundTime(tS), rows });
  }

  footer(input: RunLogFooterInput): void {
    this.expectOpen('footer');
    this.state = 'ended';
    this.lines.push({
      type: 'footer', t: roundTime(input.t), ticks: input.ticks, emptied: input.emptied, inStore: input.inStore,
      counts: this.counts(), stock: sortedRecord(input.stock), faults: input.faults ?? [],
    });
  }

  abort(tS: number, ticks: number, error: string): void {
    if (this.state !== 'open') return;
    this.state = 'ended';
    this.lines.push({ type: 'abort', t: roundTime(tS), ticks, error });
  }

  /** Line counts so far, as the footer records them. */
  counts(): RunLogCounts {
    return {
      events: this.events, sensorFrames: this.sensorFrames, truthSamples: this.truthSamples,
      eventsByKind: sortedRecord(this.eventKinds), framesByKind: sortedRecord(this.frameKinds),
    };
  }

  /** The RunLog as `runlog.jsonl` text. */
  text(): string {
    let out = '';
    for (const line of this.lines) out += JSON.stringify(line) + '\n';
    return out;
  }

  private expectOpen(what: string): void {
    if (this.state !== 'open') throw new Error(`web: MemoryRunLog.${what}() ${this.state === 'empty' ? 'before the header' : 'after the footer'}`);
  }
}

/** A map as a plain object with its keys sorted, as the file writer does. */
function sortedRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...map.keys()].sort()) out[k] = map.get(k)!;
  return out;
}
