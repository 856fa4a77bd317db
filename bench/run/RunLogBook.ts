import type { SensorFrame } from '../../engine/api.ts';
import type { ShopperPose } from '../../sim/truth/Truth.ts';
import type { RunLogAbort, RunLogCounts, RunLogFooter } from './RunLog.ts';
import type { RunLogFooterInput } from './RunLogWriter.ts';

/** Rounds a time to 1 µs, so accumulated float steps (0.30000000000000004) print as the tick they are. */
export function roundTime(tS: number): number {
  return Math.round(tS * 1e6) / 1e6;
}

/**
 * The bookkeeping every RunLog sink shares, whatever it writes to (RunLogWriter a file, the tab's
 * MemoryRunLog line objects): the line order (header first and once, nothing after the footer or
 * abort), the counts the footer records, and the footer and abort lines themselves. `owner` names
 * the sink in programmer errors ("bench: RunLogWriter.truth() before the header").
 */
export class RunLogBook {
  private state: 'empty' | 'open' | 'ended' = 'empty';
  private events = 0;
  private sensorFrames = 0;
  private truthSamples = 0;
  private readonly eventKinds = new Map<string, number>();
  private readonly frameKinds = new Map<string, number>();

  constructor(private readonly owner: string) {}

  /** The header is being written: it must come first, once. */
  header(): void {
    if (this.state !== 'empty') throw new Error(`${this.owner}.header() must be the first line, written once`);
    this.state = 'open';
  }

  /** Counts a truth event about to be written. */
  event(kind: string): void {
    this.expectOpen('event');
    this.events++;
    this.eventKinds.set(kind, (this.eventKinds.get(kind) ?? 0) + 1);
  }

  /** Counts a sensor frame; whether it is written (camera frames are counted, not written: large, and reproducible from scenario and seed). */
  sensor(f: SensorFrame): boolean {
    this.expectOpen('sensor');
    this.sensorFrames++;
    this.frameKinds.set(f.kind, (this.frameKinds.get(f.kind) ?? 0) + 1);
    return f.kind !== 'camera-detections' && f.kind !== 'camera-image';
  }

  /** An engine event is about to be written. */
  engine(): void {
    this.expectOpen('engine');
  }

  /** Counts a truth sample about to be written, after checking every pose is finite (a non-finite pose is a sim bug, not data). */
  truth(tS: number, poses: readonly ShopperPose[]): void {
    this.expectOpen('truth');
    for (const p of poses) {
      const l = p.leftHand;
      const r = p.rightHand;
      const [x, y] = p.position;
      // One sum catches any NaN or infinity without allocating.
      if (!Number.isFinite(x + y + p.headingRad + l[0] + l[1] + l[2] + r[0] + r[1] + r[2])) {
        throw new Error(`${this.owner.split(':')[0]}: truth at t = ${roundTime(tS)} s: shopper ${p.id} has a non-finite pose: position (${x}, ${y}), `
          + `heading ${p.headingRad}, left hand (${l.join(', ')}), right hand (${r.join(', ')})`);
      }
    }
    this.truthSamples++;
  }

  /** The counts so far. */
  counts(): RunLogCounts {
    return {
      events: this.events,
      sensorFrames: this.sensorFrames,
      truthSamples: this.truthSamples,
      eventsByKind: sortedRecord(this.eventKinds),
      framesByKind: sortedRecord(this.frameKinds),
    };
  }

  /** The footer line, the last of a complete run. */
  footer(input: RunLogFooterInput): RunLogFooter {
    this.expectOpen('footer');
    this.state = 'ended';
    return {
      type: 'footer',
      t: roundTime(input.t),
      ticks: input.ticks,
      emptied: input.emptied,
      inStore: input.inStore,
      counts: this.counts(),
      stock: sortedRecord(input.stock),
      faults: input.faults ?? [],
    };
  }

  /** The abort line of a run that crashed; null when the log already ended or never began (nothing to write). */
  abort(tS: number, ticks: number, error: string): RunLogAbort | null {
    if (this.state !== 'open') return null;
    this.state = 'ended';
    return { type: 'abort', t: roundTime(tS), ticks, error };
  }

  private expectOpen(what: string): void {
    if (this.state !== 'open') throw new Error(`${this.owner}.${what}() ${this.state === 'empty' ? 'before the header' : 'after the footer'}`);
  }
}

/** A map as a plain object with its keys sorted, so it serialises the same whatever the insertion order. */
function sortedRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...map.keys()].sort()) out[k] = map.get(k)!;
  return out;
}
