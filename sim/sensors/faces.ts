import { FACE_DIM } from '../../engine/api.ts';
import { Rng } from '../rng/Rng.ts';

export { FACE_DIM };

/** The true face identity of a person (`acct-…` or `person-…`): a fixed unit vector per key and seed. */
export function faceIdentity(seed: number, faceKey: string): Float64Array {
  const r = new Rng(seed, `face:${faceKey}`);
  const v = new Float64Array(FACE_DIM);
  for (let i = 0; i < FACE_DIM; i++) v[i] = r.normal();
  return normalize(v);
}

/**
 * One capture of a face: the identity plus noise that grows as quality falls, re-normalised
 * and rounded to 1e-4 so logs stay small and byte-stable.
 */
export function captureFace(identity: Float64Array, quality: number, rng: Rng): number[] {
  const sigma = (0.12 + 0.3 * (1 - quality)) / Math.sqrt(FACE_DIM);
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
