import { FastRng, inverseNormalCdf } from './FastRng.ts';

let sharedTable: NoiseTable | undefined;

/** Sizes of a camera's noise table; each with why. */
export const NOISE_TABLE = {
  /** Bits of the table index: 2^12 entries, 16 KB of float32, stays in L1/L2 cache beside the kernel's scratch. */
  bits: 12,
  /** Consecutive values one read may take (a detection takes 31: box 4, confidence 1, keypoints 10, appearance 16). */
  window: 32,
} as const;

/**
 * A camera's table of standard normal deviates for its hot loop: the 2^12 normal quantiles at
 * (i + 0.5) / 2^12 (so the table's distribution is the normal's, mean exactly 0, scaled to sd
 * exactly 1, tails at about ±3.7 sd), put in a random order drawn from the camera's own stream.
 * One cheap random integer picks where a detection starts reading; it then reads `window`
 * consecutive values (box jitter, confidence, keypoints, appearance) instead of drawing each.
 * Two reads overlap only when their starts are within a window of each other (31 / 4096 of
 * the time), and then they use the values for different things.
 */
export class NoiseTable {
  /** 2^bits values, then the first `window` repeated, so a read never wraps. */
  readonly values: Float32Array;
  private readonly shift = 32 - NOISE_TABLE.bits;

  constructor(rng: FastRng) {
    const n = 1 << NOISE_TABLE.bits;
    const q = new Float64Array(n);
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      q[i] = inverseNormalCdf((i + 0.5) / n);
      s2 += q[i]! * q[i]!;
    }
    // The quantiles are symmetric (mean 0); their sd falls short of 1 by the cut tails: rescale.
    const scale = 1 / Math.sqrt(s2 / n);
    // Fisher–Yates with the camera's stream: the order is the camera's, the values are fixed.
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      const t = q[i]!;
      q[i] = q[j]!;
      q[j] = t;
    }
    this.values = new Float32Array(n + NOISE_TABLE.window);
    for (let i = 0; i < n + NOISE_TABLE.window; i++) this.values[i] = q[i % n]! * scale;
  }

  /**
   * The one table every camera reads (its order drawn from the fixed stream `camera-noise`): the
   * randomness of a detection is where its own camera's stream starts the read, so cameras share
   * the 16 KB and it stays in cache between them instead of eight tables evicting each other.
   */
  static shared(): NoiseTable {
    return (sharedTable ??= new NoiseTable(new FastRng(0, 'camera-noise')));
  }

  /** Where the next read starts: one 32-bit draw of `rng`. */
  start(rng: FastRng): number {
    return rng.u32() >>> this.shift;
  }
}
