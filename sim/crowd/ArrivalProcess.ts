import type { Rng } from '../rng/Rng.ts';
import { minutesOfDay } from '../scenario/checkReferences.ts';

/** A rate curve: arrivals per second at a time since opening, linear between the scenario's points. */
export function arrivalRate(openAt: string, points: readonly { readonly at: string; readonly perHour: number }[]): (tS: number) => number {
  const open = minutesOfDay(openAt) * 60;
  // Times of day before opening wrap to the next day, so a curve may run past midnight.
  const pts = points.map((p) => {
    let s = minutesOfDay(p.at) * 60 - open;
    if (s < 0) s += 86_400;
    return { s, perS: p.perHour / 3600 };
  });
  return (tS: number) => {
    const first = pts[0]!;
    if (tS <= first.s) return first.perS;
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      if (tS <= b.s) return a.perS + ((b.perS - a.perS) * (tS - a.s)) / (b.s - a.s);
    }
    return pts[pts.length - 1]!.perS;
  };
}

/**
 * Non-homogeneous Poisson arrivals by thinning (Lewis and Shedler):
 * candidates at the peak rate, each kept with probability rate(t) / peak.
 */
export class ArrivalProcess {
  private readonly rate: (tS: number) => number;
  private readonly peakPerS: number;
  private nextS: number;

  constructor(openAt: string, points: readonly { readonly at: string; readonly perHour: number }[], private readonly endS: number, private readonly rng: Rng) {
    this.rate = arrivalRate(openAt, points);
    this.peakPerS = Math.max(...points.map((p) => p.perHour / 3600));
    this.nextS = this.draw(0);
  }

  /** Arrivals falling in [fromS, toS), in order. */
  take(toS: number, out: number[]): void {
    while (this.nextS < toS) {
      out.push(this.nextS);
      this.nextS = this.draw(this.nextS);
    }
  }

  /** Whether no arrival is left before the end. */
  get exhausted(): boolean {
    return this.nextS >= this.endS;
  }

  private draw(fromS: number): number {
    if (this.peakPerS <= 0) return Infinity;
    let t = fromS;
    for (;;) {
      t += this.rng.exponential(this.peakPerS);
      if (t >= this.endS) return Infinity;
      if (this.rng.uniform() * this.peakPerS <= this.rate(t)) return t;
    }
  }
}
