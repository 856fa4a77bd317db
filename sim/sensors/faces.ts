import { FACE_DIM } from '../../engine/api.ts';
import type { Vec2 } from '../geometry/Vec2.ts';
import { Rng } from '../rng/Rng.ts';
import type { Store } from '../store/Store.ts';

export { FACE_DIM };

/** The face capture model: how pose and lighting set a capture's quality; every number with why. */
export const FACE_CAPTURE = {
  /** Quality a face turned 90° (profile) keeps of a frontal one: recognisers degrade steeply past ~45° of yaw. */
  profileQuality: 0.35,
  /** Per-capture variation (blur, expression, hair, glasses): quality is multiplied by U(minVariation, 1). */
  minVariation: 0.8,
  /** Noise sd (whole vector) of a perfect capture: two good captures of one face still differ a little. */
  baseSigma: 0.12,
  /** Extra noise sd (whole vector) per unit of quality lost. */
  sigmaPerQualityLost: 0.3,
} as const;

/** The true face identity of a person (`acct-…` or `person-…`): a fixed unit vector per key and seed. */
export function faceIdentity(seed: number, faceKey: string): Float64Array {
  const r = new Rng(seed, `face:${faceKey}`);
  const v = new Float64Array(FACE_DIM);
  for (let i = 0; i < FACE_DIM; i++) v[i] = r.normal();
  return normalize(v);
}

/**
 * Quality 0..1 of one face capture: the reader's lighting (0..1) times the pose factor times
 * the capture's own variation (`FACE_CAPTURE.minVariation`..1). The pose factor falls linearly
 * in the cosine of the yaw between where the face points and where the reader is, from 1
 * (frontal) to `profileQuality` (profile, 90°) to 0 (the back of the head).
 */
export function faceQuality(lighting: number, cosYaw: number, variation: number): number {
  const c = Math.max(-1, Math.min(1, cosYaw));
  const side = FACE_CAPTURE.profileQuality;
  const pose = c >= 0 ? side + (1 - side) * c : side * (1 + c);
  return Math.max(0, Math.min(1, lighting * pose * variation));
}

/**
 * The heading a person has when facing a reader that serves `at` frontally: at an entry, into the
 * store (the reader greets arrivals); at an exit, out of it; at a counter or fitting room, towards
 * its front. Null when `at` names none of these.
 */
export function frontalHeading(store: Store, at: string): Vec2 | null {
  const entry = store.entries.find((d) => d.id === at);
  if (entry) return entry.inward;
  const exit = store.exits.find((d) => d.id === at);
  if (exit) return [-exit.inward[0], -exit.inward[1]];
  const front = store.counters.find((c) => c.id === at) ?? store.fittingRooms.find((f) => f.id === at);
  return front ? front.access.facing : null;
}

/**
 * One capture of a face: the identity plus noise that grows as quality falls, re-normalised
 * and rounded to 1e-4 so logs stay small and byte-stable.
 */
export function captureFace(identity: Float64Array, quality: number, rng: Rng): number[] {
  const sigma = (FACE_CAPTURE.baseSigma + FACE_CAPTURE.sigmaPerQualityLost * (1 - quality)) / Math.sqrt(FACE_DIM);
  const v = new Float64Array(FACE_DIM);
  for (let i = 0; i < FACE_DIM; i++) v[i] = identity[i]! + sigma * rng.normal();
  return Array.from(normalize(v), (x) => Math.round(x * 1e4) / 1e4);
}

function normalize(v: Float64Array): Float64Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  for (let i = 0; i < v.length; i++) v[i] = v[i]! / n;
  return v;
}
