/**
 * Exact sets of cameras, for any number of cameras: which cameras saw a floor detection or a track.
 *
 * Design: a set is `words = camWords(cameraCount)` 32-bit words, camera i being bit (i & 31) of
 * word (i >>> 5). The word count is fixed when the engine starts (from the StoreDescription's
 * cameras) and sets live in flat Uint32Arrays with that stride: row r's set is
 * [r * words, (r + 1) * words), so buffers of many rows stay one allocation and the hot loops do not
 * allocate. Helpers take (array, row) pairs and the stride.
 *
 * Why this and not a camera index per row: fused detections and tracks are seen by several cameras
 * at once, and the tracker's questions are "do these two share a camera" (fusion refuses two
 * detections from one camera; the duplicate merge skips tracks a camera saw both of) and "union";
 * a bit set answers both in a word operation or two. The earlier single 32-bit mask aliased camera
 * i with camera i + 32 (fusion and merges refused wrongly, duplicate tracks in big stores); with up
 * to 32 cameras a set is one word holding exactly that mask, so results are bit-identical to it.
 */

/** Bits per word of a camera set. */
const WORD_BITS = 32;

/** Words per camera set for `cameraCount` cameras: at least one (an empty store still has sets). */
export function camWords(cameraCount: number): number {
  if (!Number.isInteger(cameraCount) || cameraCount < 0) throw new Error(`engine: camera count must be a whole number >= 0, got ${cameraCount}`);
  return Math.max(1, Math.ceil(cameraCount / WORD_BITS));
}

/** Makes row `i` of `a` the set holding camera `cam` alone, or the empty set when `cam` is -1. */
export function camsSetOnly(a: Uint32Array, i: number, cam: number, words: number): void {
  const o = i * words;
  for (let w = 0; w < words; w++) a[o + w] = 0;
  if (cam >= 0) a[o + (cam >>> 5)] = (1 << (cam & 31)) >>> 0;
}

/** True when row `i` of `a` and row `j` of `b` share a camera. */
export function camsIntersect(a: Uint32Array, i: number, b: Uint32Array, j: number, words: number): boolean {
  const ai = i * words;
  const bj = j * words;
  for (let w = 0; w < words; w++) if ((a[ai + w]! & b[bj + w]!) !== 0) return true;
  return false;
}

/** Adds the cameras of row `j` of `b` to row `i` of `a`. */
export function camsUnionInto(a: Uint32Array, i: number, b: Uint32Array, j: number, words: number): void {
  const ai = i * words;
  const bj = j * words;
  for (let w = 0; w < words; w++) a[ai + w] = (a[ai + w]! | b[bj + w]!) >>> 0;
}

/** Overwrites row `i` of `a` with row `j` of `b`. */
export function camsCopy(a: Uint32Array, i: number, b: Uint32Array, j: number, words: number): void {
  const ai = i * words;
  const bj = j * words;
  for (let w = 0; w < words; w++) a[ai + w] = b[bj + w]!;
}

/** True when row `i` of `a` and row `j` of `b` hold the same cameras. */
export function camsEqual(a: Uint32Array, i: number, b: Uint32Array, j: number, words: number): boolean {
  const ai = i * words;
  const bj = j * words;
  for (let w = 0; w < words; w++) if (a[ai + w] !== b[bj + w]) return false;
  return true;
}

/** True when row `i` of `a` holds no camera. */
export function camsEmpty(a: Uint32Array, i: number, words: number): boolean {
  const o = i * words;
  for (let w = 0; w < words; w++) if (a[o + w] !== 0) return false;
  return true;
}

/** True when row `i` of `a` holds camera `cam`. */
export function camsHas(a: Uint32Array, i: number, cam: number, words: number): boolean {
  return cam >= 0 && cam < words * WORD_BITS && ((a[i * words + (cam >>> 5)]! >>> (cam & 31)) & 1) === 1;
}
