import type { EngineEvent, FaceCaptureFrame, TrackState } from '../../engine/api.ts';
import type { Vec2 } from '../../sim/geometry/Vec2.ts';
import type { TruthEvent } from '../../sim/truth/Truth.ts';
import { insidePolygon } from '../../sim/geometry/polygon.ts';
import type { RunLogAbort, RunLogFooter, RunLogHeader, RunLogLine } from '../run/RunLog.ts';
import type { OccupancyScore } from './occupancy.ts';
import { OccupancyTally } from './occupancy.ts';

/** Which engine tracks are scored: the confirmed ones ('lost' tracks are coasting predictions, 'tentative' unconfirmed), as MOT benchmarks score a tracker's output. */
export const SCORED_TRACK_STATES: readonly TrackState[] = ['tracked'];

/** Shoppers at one truth sample, packed. */
export interface TruthFrame {
  readonly t: number;
  readonly ids: Int32Array;
  /** x0, y0, x1, y1 ... metres. */
  readonly xy: Float64Array;
  /** 1 where the shopper is inside the store outline (not queueing outside). */
  readonly inside: Uint8Array;
}

/** The engine's scored tracks at one `tracks` event, packed. */
export interface TrackFrame {
  readonly t: number;
  readonly ids: Int32Array;
  readonly xy: Float64Array;
  readonly accounts: readonly (string | null)[];
}

/** Everything the score reads off a RunLog, collected in one streaming pass. */
export interface RunData {
  readonly header: RunLogHeader;
  readonly footer: RunLogFooter | null;
  readonly abort: RunLogAbort | null;
  /** The last simulated time seen. */
  readonly lastT: number;
  readonly occupancy: OccupancyScore;
  readonly truth: readonly TruthFrame[];
  readonly events: readonly TruthEvent[];
  readonly tracks: readonly TrackFrame[];
  /** The engine's events other than `tracks`, in order. */
  readonly engine: readonly Exclude<EngineEvent, { kind: 'tracks' }>[];
  readonly faceCaptures: readonly FaceCaptureFrame[];
  /** Camera frames seen (they are counted, not always written). */
  readonly cameraFrames: number;
}

/** What one stretch of a RunLog's lines holds, packed: RunData's parts before the occupancy score. */
export interface RunParts {
  readonly header: RunLogHeader | null;
  readonly footer: RunLogFooter | null;
  readonly abort: RunLogAbort | null;
  /** The last simulated time seen in the stretch (0 if none). */
  readonly lastT: number;
  readonly truth: TruthFrame[];
  readonly events: TruthEvent[];
  readonly tracks: TrackFrame[];
  readonly engine: Exclude<EngineEvent, { kind: 'tracks' }>[];
  readonly faceCaptures: FaceCaptureFrame[];
  readonly cameraFrames: number;
}

/** Reads a RunLog's lines (header first) once and keeps what the metrics need, packed. */
export function collectRun(lines: Iterable<RunLogLine>): RunData {
  return joinParts([collectParts(lines, null)]);
}

/**
 * Collects one stretch of lines. The first stretch starts with the header; a later one is given
 * the store outline (from the header) to tell who is inside.
 */
export function collectParts(lines: Iterable<RunLogLine>, outlineOfLaterStretch: readonly Vec2[] | null): RunParts {
  let header: RunLogHeader | null = null;
  let footer: RunLogFooter | null = null;
  let abort: RunLogAbort | null = null;
  let lastT = 0;
  let outline: readonly Vec2[] | null = outlineOfLaterStretch;
  const truth: TruthFrame[] = [];
  const events: TruthEvent[] = [];
  const tracks: TrackFrame[] = [];
  const engine: Exclude<EngineEvent, { kind: 'tracks' }>[] = [];
  const faceCaptures: FaceCaptureFrame[] = [];
  let cameraFrames = 0;
  const scored = new Set<string>(SCORED_TRACK_STATES);
  for (const line of lines) {
    if (line.type === 'header') {
      header = line;
      outline = line.scenarioJson.store.outline;
      continue;
    }
    if (outline === null) throw new Error('bench: collectRun needs the header line first');
    switch (line.type) {
      case 'footer':
        footer = line;
        break;
      case 'abort':
        abort = line;
        break;
      case 'truth': {
        const n = line.rows.length;
        const ids = new Int32Array(n);
        const xy = new Float64Array(2 * n);
        const inside = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const row = line.rows[i]!;
          ids[i] = row[0];
          xy[2 * i] = row[1];
          xy[2 * i + 1] = row[2];
          inside[i] = insidePolygon(row[1], row[2], outline) ? 1 : 0;
        }
        truth.push({ t: line.t, ids, xy, inside });
        break;
      }
      case 'event': {
        const { type: _type, ...event } = line;
        events.push(event as TruthEvent);
        break;
      }
      case 'engine': {
        if (line.kind === 'tracks') {
          const e = line;
          // Plain loops: one of these per tick, tens of tracks each, in an hour's log.
          const all = e.tracks;
          let n = 0;
          for (let i = 0; i < all.length; i++) if (scored.has(all[i]!.state)) n++;
          const ids = new Int32Array(n);
          const xy = new Float64Array(2 * n);
          const accounts = new Array<string | null>(n);
          for (let i = 0, k = 0; i < all.length; i++) {
            const tr = all[i]!;
            if (!scored.has(tr.state)) continue;
            ids[k] = tr.trackId;
            xy[2 * k] = tr.positionM[0];
            xy[2 * k + 1] = tr.positionM[1];
            accounts[k] = tr.accountId;
            k++;
          }
          tracks.push({ t: e.t, ids, xy, accounts });
        } else {
          const { type: _type, ...event } = line;
          engine.push(event as Exclude<EngineEvent, { kind: 'tracks' }>);
        }
        break;
      }
      case 'sensor':
        if (line.kind === 'face-capture') {
          const { type: _type, ...frame } = line;
          faceCaptures.push(frame as FaceCaptureFrame);
        } else if (line.kind === 'camera-detections' || line.kind === 'camera-image') {
          cameraFrames++;
        }
        break;
    }
    lastT = Math.max(lastT, line.t);
  }
  return { header, footer, abort, lastT, truth, events, tracks, engine, faceCaptures, cameraFrames };
}

/** Joins the stretches of one RunLog, in file order, and scores occupancy over them. */
export function joinParts(parts: readonly RunParts[]): RunData {
  const header = parts[0]?.header ?? null;
  if (header === null) throw new Error('bench: collectRun got no header line');
  const last = parts[parts.length - 1]!;
  const truth = parts.length === 1 ? parts[0]!.truth : parts.flatMap((p) => p.truth);
  const events = parts.length === 1 ? parts[0]!.events : parts.flatMap((p) => p.events);
  const tally = new OccupancyTally(header);
  for (const f of truth) tally.truth(f.t, f.ids, f.xy, f.inside);
  for (const e of events) tally.event(e);
  let lastT = 0;
  let cameraFrames = 0;
  for (const p of parts) {
    lastT = Math.max(lastT, p.lastT);
    cameraFrames += p.cameraFrames;
  }
  return {
    header,
    footer: last.footer,
    abort: last.abort,
    lastT,
    occupancy: tally.result(),
    truth,
    events,
    tracks: parts.length === 1 ? parts[0]!.tracks : parts.flatMap((p) => p.tracks),
    engine: parts.length === 1 ? parts[0]!.engine : parts.flatMap((p) => p.engine),
    faceCaptures: parts.length === 1 ? parts[0]!.faceCaptures : parts.flatMap((p) => p.faceCaptures),
    cameraFrames,
  };
}
