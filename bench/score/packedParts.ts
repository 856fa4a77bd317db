import type { RunParts, TrackFrame, TruthFrame } from './collectRun.ts';

/**
 * RunParts with its tens of thousands of small per-frame arrays laid end to end in a few large
 * ones, so a worker hands them over in one short structured clone (cloning or transferring the
 * small buffers one by one takes seconds for an hour's log). Unpacked frames are views into them.
 */
export interface PackedParts extends Omit<RunParts, 'truth' | 'tracks'> {
  readonly truthT: Float64Array;
  /** Frame k's rows are truthStart[k] .. truthStart[k + 1]. */
  readonly truthStart: Int32Array;
  readonly truthIds: Int32Array;
  readonly truthXy: Float64Array;
  readonly truthInside: Uint8Array;
  readonly tracksT: Float64Array;
  readonly tracksStart: Int32Array;
  readonly trackIds: Int32Array;
  readonly trackXy: Float64Array;
  /** Index into `accountNames` per track; -1 for null. */
  readonly trackAccount: Int32Array;
  readonly accountNames: readonly string[];
}

/** Packs the parts' frames into large arrays (the other fields as they are). */
export function packParts(parts: RunParts): PackedParts {
  const { truth, tracks, ...rest } = parts;
  const truthStart = new Int32Array(truth.length + 1);
  for (let k = 0; k < truth.length; k++) truthStart[k + 1] = truthStart[k]! + truth[k]!.ids.length;
  const rows = truthStart[truth.length]!;
  const truthT = new Float64Array(truth.length);
  const truthIds = new Int32Array(rows);
  const truthXy = new Float64Array(2 * rows);
  const truthInside = new Uint8Array(rows);
  for (let k = 0; k < truth.length; k++) {
    const f = truth[k]!;
    truthT[k] = f.t;
    truthIds.set(f.ids, truthStart[k]!);
    truthXy.set(f.xy, 2 * truthStart[k]!);
    truthInside.set(f.inside, truthStart[k]!);
  }
  const tracksStart = new Int32Array(tracks.length + 1);
  for (let k = 0; k < tracks.length; k++) tracksStart[k + 1] = tracksStart[k]! + tracks[k]!.ids.length;
  const n = tracksStart[tracks.length]!;
  const tracksT = new Float64Array(tracks.length);
  const trackIds = new Int32Array(n);
  const trackXy = new Float64Array(2 * n);
  const trackAccount = new Int32Array(n);
  const accountIndex = new Map<string, number>();
  const accountNames: string[] = [];
  for (let k = 0; k < tracks.length; k++) {
    const f = tracks[k]!;
    const at = tracksStart[k]!;
    tracksT[k] = f.t;
    trackIds.set(f.ids, at);
    trackXy.set(f.xy, 2 * at);
    for (let i = 0; i < f.accounts.length; i++) {
      const a = f.accounts[i]!;
      let x = -1;
      if (a !== null) {
        x = accountIndex.get(a) ?? -1;
        if (x < 0) {
          x = accountNames.length;
          accountIndex.set(a, x);
          accountNames.push(a);
        }
      }
      trackAccount[at + i] = x;
    }
  }
  return { ...rest, truthT, truthStart, truthIds, truthXy, truthInside, tracksT, tracksStart, trackIds, trackXy, trackAccount, accountNames };
}

/** The large buffers of packed parts, to transfer rather than copy. */
export function packedBuffers(p: PackedParts): ArrayBuffer[] {
  return [p.truthT, p.truthStart, p.truthIds, p.truthXy, p.truthInside, p.tracksT, p.tracksStart, p.trackIds, p.trackXy, p.trackAccount].map((a) => a.buffer as ArrayBuffer);
}

/** The parts again, their frames as views into the packed arrays. */
export function unpackParts(p: PackedParts): RunParts {
  const { truthT, truthStart, truthIds, truthXy, truthInside, tracksT, tracksStart, trackIds, trackXy, trackAccount, accountNames, ...rest } = p;
  const truth = new Array<TruthFrame>(truthT.length);
  for (let k = 0; k < truthT.length; k++) {
    const a = truthStart[k]!;
    const b = truthStart[k + 1]!;
    truth[k] = { t: truthT[k]!, ids: truthIds.subarray(a, b), xy: truthXy.subarray(2 * a, 2 * b), inside: truthInside.subarray(a, b) };
  }
  const tracks = new Array<TrackFrame>(tracksT.length);
  for (let k = 0; k < tracksT.length; k++) {
    const a = tracksStart[k]!;
    const b = tracksStart[k + 1]!;
    const accounts = new Array<string | null>(b - a);
    for (let i = a; i < b; i++) accounts[i - a] = trackAccount[i]! < 0 ? null : accountNames[trackAccount[i]!]!;
    tracks[k] = { t: tracksT[k]!, ids: trackIds.subarray(a, b), xy: trackXy.subarray(2 * a, 2 * b), accounts };
  }
  return { ...rest, truth, tracks };
}
