import { APPEARANCE_DIM } from '../../../engine/api.ts';
import { Rng } from '../../rng/Rng.ts';
import type { Shopper } from '../../shoppers/Shopper.ts';
import type { Appearance } from '../../truth/Truth.ts';

/** Floats per shopper in the look table: the true descriptor, then its front-view and back-view offsets. */
export const LOOK_FLOATS = 3 * APPEARANCE_DIM;

/**
 * The bodies cameras see at one tick, as flat arrays (filled once per tick, read by every camera):
 * position, heading, stature, build, radius, both hands, and where the shopper's look lives.
 * Grows, never shrinks; the hot loop allocates nothing once warm.
 */
export class Bodies {
  n = 0;
  id = new Int32Array(64);
  x = new Float64Array(64);
  y = new Float64Array(64);
  headingRad = new Float64Array(64);
  /** cos and sin of the heading, once per tick for every camera. */
  cosHeading = new Float64Array(64);
  sinHeading = new Float64Array(64);
  heightM = new Float64Array(64);
  build = new Float64Array(64);
  radiusM = new Float64Array(64);
  /** Hands: lx, ly, lz, rx, ry, rz per body. */
  hands = new Float64Array(64 * 6);
  /** Row of each body in `looks`. */
  lookRow = new Int32Array(64);
  /** LOOK_FLOATS per row: descriptor, front offset, back offset. */
  looks = new Float32Array(64 * LOOK_FLOATS);
  private lookCount = 0;
  private readonly lookOf = new Map<number, number>();
  private lookTick = new Int32Array(64);
  private readonly freeRows: number[] = [];

  constructor(private readonly seed: number) {}

  /** Reads the shoppers present at `tick`, time `tS`. */
  fill(shoppers: readonly Shopper[], tick: number, tS: number): void {
    const n = shoppers.length;
    if (n > this.id.length) this.grow(n * 2);
    for (let i = 0; i < n; i++) {
      const s = shoppers[i]!;
      const a = s.spawn.appearance;
      this.id[i] = s.id;
      this.x[i] = s.x;
      this.y[i] = s.y;
      this.headingRad[i] = s.headingRad;
      const c = Math.cos(s.headingRad);
      const sn = Math.sin(s.headingRad);
      this.cosHeading[i] = c;
      this.sinHeading[i] = sn;
      this.heightM[i] = a.heightM;
      this.build[i] = a.build;
      this.radiusM[i] = s.spawn.radiusM;
      handsInto(s, tS, this.hands, i * 6, c, sn);
      let row = this.lookOf.get(s.id);
      if (row === undefined) row = this.addLook(s.id, a);
      this.lookRow[i] = row;
      this.lookTick[row] = tick;
    }
    this.n = n;
    // Now and then, free the looks of shoppers gone for a minute (at 0.1 s ticks).
    if (tick % 600 === 0) this.sweep(tick - 600);
  }

  private addLook(id: number, a: Appearance): number {
    let row = this.freeRows.pop();
    if (row === undefined) {
      row = this.lookCount++;
      if (row >= this.lookTick.length) {
        const t = new Int32Array(this.lookTick.length * 2);
        t.set(this.lookTick);
        this.lookTick = t;
        const l = new Float32Array(t.length * LOOK_FLOATS);
        l.set(this.looks);
        this.looks = l;
      }
    }
    this.lookOf.set(id, row);
    writeLook(a, new Rng(this.seed, `look:${id}`), this.looks, row * LOOK_FLOATS);
    return row;
  }

  private sweep(before: number): void {
    for (const [id, row] of this.lookOf) {
      if (this.lookTick[row]! < before) {
        this.lookOf.delete(id);
        this.freeRows.push(row);
      }
    }
  }

  private grow(cap: number): void {
    const f64 = (a: Float64Array, k = 1) => {
      const b = new Float64Array(cap * k);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.id = i32(this.id);
    this.lookRow = i32(this.lookRow);
    this.x = f64(this.x);
    this.y = f64(this.y);
    this.headingRad = f64(this.headingRad);
    this.cosHeading = f64(this.cosHeading);
    this.sinHeading = f64(this.sinHeading);
    this.heightM = f64(this.heightM);
    this.build = f64(this.build);
    this.radiusM = f64(this.radiusM);
    this.hands = f64(this.hands, 6);
  }
}

/**
 * Shopper.hands without allocating: the same model (hands hang 0.22 m x build out at 0.44 of
 * stature; the right hand goes out to the reach target and back). A test keeps the two equal.
 * c and sn are the heading's cosine and sine when the caller has them already.
 */
export function handsInto(s: Shopper, tS: number, out: Float64Array, at: number, c = Math.cos(s.headingRad), sn = Math.sin(s.headingRad)): void {
  const side = 0.22 * s.spawn.appearance.build;
  const z = 0.44 * s.spawn.appearance.heightM;
  out[at] = s.x - sn * side;
  out[at + 1] = s.y + c * side;
  out[at + 2] = z;
  let rx = s.x + sn * side;
  let ry = s.y - c * side;
  let rz = z;
  const reach = s.reach;
  if (reach) {
    const u = Math.min(1, Math.max(0, (tS - reach.startS) / reach.durS));
    const k = u < 0.5 ? u * 2 : (1 - u) * 2;
    rx += (reach.to[0] - rx) * k;
    ry += (reach.to[1] - ry) * k;
    rz += (reach.to[2] - rz) * k;
  }
  out[at + 3] = rx;
  out[at + 4] = ry;
  out[at + 5] = rz;
}

/** A fixed random projection (the same for every scenario) from the 8 appearance features to the descriptor. */
const BASIS: Float64Array = (() => {
  const r = new Rng(0, 'appearance-basis');
  const m = new Float64Array(APPEARANCE_DIM * 8);
  for (let i = 0; i < m.length; i++) m[i] = r.normal();
  return m;
})();

/** Appearance features: clothing colours (centred sRGB), stature and build in comparable units. */
export function appearanceFeatures(a: Appearance): number[] {
  const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16) / 255 - 0.5);
  // Colours dominate (what a person re-id embedding mostly keys on); 9 cm of stature weighs like a tenth of the colour range.
  return [...rgb(a.topColor), ...rgb(a.bottomColor).map((v) => v * 0.8), ((a.heightM - 1.7) / 0.09) * 0.12, ((a.build - 1.025) / 0.1) * 0.08];
}

/** The true descriptor of an appearance: unit length, APPEARANCE_DIM long. */
export function trueDescriptor(a: Appearance, out: Float32Array | Float64Array, at = 0): void {
  const f = appearanceFeatures(a);
  let n = 0;
  for (let i = 0; i < APPEARANCE_DIM; i++) {
    let v = 0;
    for (let k = 0; k < 8; k++) v += BASIS[i * 8 + k]! * f[k]!;
    out[at + i] = v;
    n += v * v;
  }
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < APPEARANCE_DIM; i++) out[at + i] = out[at + i]! / n;
}

/** A shopper's look: the true descriptor, then unit-norm offsets seen from the front and from the back. */
function writeLook(a: Appearance, r: Rng, out: Float32Array, at: number): void {
  trueDescriptor(a, out, at);
  for (const off of [APPEARANCE_DIM, 2 * APPEARANCE_DIM]) {
    let n = 0;
    for (let i = 0; i < APPEARANCE_DIM; i++) {
      const v = r.normal();
      out[at + off + i] = v;
      n += v * v;
    }
    n = Math.sqrt(n);
    for (let i = 0; i < APPEARANCE_DIM; i++) out[at + off + i] = out[at + off + i]! / n;
  }
}
