import { Rng } from '../../rng/Rng.ts';

/** Bits of a uniform draw that pick the normal table's interval: 2^12 intervals, a 32 KB table that stays in L1 cache. */
const TABLE_BITS = 12;
const TABLE_SIZE = 1 << TABLE_BITS;
/** The outermost quantile tabulated: the tails end at about ±4.3 sd. */
const TAIL_P = 2 ** -17;

/**
 * Standard normal quantiles at i / 2^12 (the two ends at TAIL_P and 1 - TAIL_P): a normal
 * deviate is one table interval chosen by 12 bits of a uniform draw, linearly interpolated by
 * the next 20. Close to exact inside ±3.4 sd, tails cut at ±4.3 sd; several times cheaper than
 * Box–Muller, and small enough not to miss the cache in the camera hot loop.
 */
const NORMAL_TABLE: Float64Array = (() => {
  const t = new Float64Array(TABLE_SIZE + 1);
  for (let i = 0; i <= TABLE_SIZE; i++) t[i] = inverseNormalCdf(Math.min(1 - TAIL_P, Math.max(TAIL_P, i / TABLE_SIZE)));
  return t;
})();

/**
 * A fast seeded stream for the camera hot loop: sfc32 (Chris Doty-Humphrey's small fast counter
 * generator, 128-bit state) seeded from a named Rng stream, so it is as reproducible as any
 * other stream and costs a few nanoseconds a draw.
 */
export class FastRng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, name: string) {
    const r = new Rng(seed, name);
    this.a = r.int(0, 0xffffffff) >>> 0;
    this.b = r.int(0, 0xffffffff) >>> 0;
    this.c = r.int(0, 0xffffffff) >>> 0;
    this.d = 1;
    // Warm up: sfc32's first outputs carry the seed's structure.
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.u32() / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.uniform() < p;
  }

  /** Standard normal, from the quantile table. */
  normal(): number {
    const u = this.u32();
    const i = u >>> (32 - TABLE_BITS);
    const f = (u & ((1 << (32 - TABLE_BITS)) - 1)) / (1 << (32 - TABLE_BITS));
    const a = NORMAL_TABLE[i]!;
    return a + (NORMAL_TABLE[i + 1]! - a) * f;
  }

  /** Poisson(mean) by Knuth's method (means here are small: spurious detections per frame). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }
}

/** The standard normal quantile function (Acklam's rational approximation, relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`sim: inverseNormalCdf needs 0 < p < 1, got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -inverseNormalCdf(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
