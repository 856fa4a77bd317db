import seedrandom from 'seedrandom';

/**
 * A named, seeded random stream. Streams are derived from the scenario seed and a name
 * (`arrivals`, `shopper:17`, `plates:G3`), so adding a sensor never changes what shoppers do.
 */
export class Rng {
  private readonly next: () => number;
  private spare: number | null = null;

  constructor(seed: number, name: string) {
    // alea: fast, small state, and fully determined by the seed string.
    this.next = seedrandom.alea(`${seed}/${name}`);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform in [a, b). */
  between(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Integer uniform in [a, b]. */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** Standard normal (Box–Muller, the spare value kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Normal(mean, sd) clipped to [min, max]. */
  clippedNormal(d: { readonly mean: number; readonly sd: number; readonly min: number; readonly max: number }): number {
    return Math.min(d.max, Math.max(d.min, d.mean + d.sd * this.normal()));
  }

  /** Exponential with the given rate (per unit time). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** Poisson(mean) by Knuth's method (means here are small: list sizes). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}
