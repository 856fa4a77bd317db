import type { EngineEvent, SensorFrame } from '../../engine/api.ts';
import type { TruthEvent } from '../../sim/truth/Truth.ts';
import type { RunLogHeader, RunLogLine, TruthRow } from '../run/RunLog.ts';
import { RUNLOG_VERSION, TRUTH_COLUMNS } from '../run/RunLog.ts';

/** Test fixtures: tiny hand-made RunLogs with an engine, for the score's tests (a 6 m x 4 m shop, EUR tea 250 and bun 180). */

/** A header of the tiny shop with an engine (or none). Only what the score reads is filled in. */
export function tinyHeader(engine: RunLogHeader['engine'] = { name: 'test-engine', mode: 'lockstep', speed: 1 }): RunLogHeader {
  return {
    type: 'header', version: RUNLOG_VERSION, tool: 'storetwin', toolVersion: '0.0.0', scenario: 'tiny-log', seed: 1, dtS: 0.1, truthHz: 10,
    truthIntervalS: 0.1, durationS: 10, endS: 20, columns: TRUTH_COLUMNS,
    scenarioJson: { store: { outline: [[0, 0], [6, 0], [6, 4], [0, 4]] } } as unknown as RunLogHeader['scenarioJson'],
    catalog: { currency: 'EUR', skus: [{ id: 'tea', priceCents: 250 }, { id: 'bun', priceCents: 180 }] } as unknown as RunLogHeader['catalog'],
    engine, fidelity: 'detections',
  };
}

/** A truth row of a shopper walking at (x, y). */
export function row(id: number, x: number, y: number): TruthRow {
  return [id, x, y, 0, 'walking', x, y, 1, x, y, 1];
}

/** Builds RunLog lines: header, then per tick the given truth events, engine events and truth rows, then a footer. */
export class RunLogBuilder {
  private readonly lines: RunLogLine[] = [];
  private lastT = 0;

  constructor(header: RunLogHeader = tinyHeader()) {
    this.lines.push(header);
  }

  /** A truth event. */
  event(e: TruthEvent): this {
    this.lines.push({ type: 'event', ...e } as RunLogLine);
    this.lastT = Math.max(this.lastT, e.t);
    return this;
  }

  /** An engine event. */
  engine(e: EngineEvent): this {
    this.lines.push({ type: 'engine', ...e } as RunLogLine);
    this.lastT = Math.max(this.lastT, e.t);
    return this;
  }

  /** A sensor frame. */
  sensor(f: SensorFrame): this {
    this.lines.push({ type: 'sensor', ...f } as RunLogLine);
    this.lastT = Math.max(this.lastT, f.t);
    return this;
  }

  /** A truth sample. */
  truth(t: number, rows: readonly TruthRow[]): this {
    this.lines.push({ type: 'truth', t, rows });
    this.lastT = Math.max(this.lastT, t);
    return this;
  }

  /** The engine's tracks at t: [trackId, x, y, accountId]. */
  tracks(t: number, tracks: readonly (readonly [number, number, number, string | null])[]): this {
    return this.engine({ kind: 'tracks', t, tracks: tracks.map(([trackId, x, y, accountId]) => ({ trackId, state: 'tracked', positionM: [x, y], velocityMps: [0, 0], accountId, confidence: 1 })) });
  }

  /** The lines with a footer appended. */
  build(): RunLogLine[] {
    const ticks = Math.round(this.lastT / 0.1);
    return [...this.lines, { type: 'footer', t: this.lastT, ticks, emptied: true, inStore: 0, counts: { events: 0, sensorFrames: 0, truthSamples: 0, eventsByKind: {}, framesByKind: {} }, stock: {} }];
  }
}

/** A spawn event with the fields the score reads. */
export function spawn(t: number, id: number, accountId: string | null, visitId = id): TruthEvent {
  return {
    kind: 'spawn', t,
    shopper: {
      id, visitId, accountId, groupId: null, profile: 'test', speedMps: 1, radiusM: 0.2,
      appearance: { heightM: 1.7, build: 1, topColor: '#000', bottomColor: '#000' }, list: [],
      adversarial: { tailgate: false, conceal: false, swap: false }, faceEnrolled: false, faceKey: accountId ?? `person-${id}`,
    },
  };
}
