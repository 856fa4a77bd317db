import { APPEARANCE_DIM } from '../../../engine/api.ts';
import { Rng } from '../../rng/Rng.ts';
import type { Reach, Shopper } from '../../shoppers/Shopper.ts';
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
  /** Look row of each shopper id, -1 for none: ids are a per-run counter from 0, so an array indexed by id beats a Map. */
  private rowOf = new Int32Array(64).fill(-1);
  /** Ids holding a row, in the order their rows were given: the sweep frees rows in this order, which decides the row a newcomer reuses. */
  private readonly lookIds: number[] = [];
  private lookTick = new Int32Array(64);
  /**
   * Per row, the last heading seen and its cos and sin: about 70% of shoppers keep their heading from one
   * tick to the next (standing, browsing), and cos + sin cost ~17 ns a body, a quarter of fill's cost.
   */
  private trigRad = new Float64Array(64);
  private trigCos = new Float64Array(64);
  private trigSin = new Float64Array(64);
  private readonly freeRows: number[] = [];

  constructor(private readonly seed: number) {}

  /** Reads the shoppers present at `tick`, time `tS`. */
  fill(shoppers: readonly Shopper[], tick: number, tS: number): void {
    const n = shoppers.length;
    if (n > this.id.length) this.grow(n * 2);
    const { id, x, y, headingRad, cosHeading, sinHeading, heightM, build, radiusM, hands, lookRow } = this;
    for (let i = 0; i < n; i++) {
      const s = shoppers[i]!;
      const spawn = s.spawn;
      const a = spawn.appearance;
      let row = this.rowOf[spawn.id];
      // Out of range (a new id past the array, or not an index at all) reads undefined: addLook grows or throws.
      if (row === undefined || row < 0) row = this.addLook(spawn.id, a);
      this.lookTick[row] = tick;
      const h = s.headingRad;
      // Equal non-zero headings are the same double, so the cached cos and sin are exact; ±0 differ in sin, NaN never equals.
      if (h !== this.trigRad[row] || h === 0) {
        this.trigRad[row] = h;
        this.trigCos[row] = Math.cos(h);
        this.trigSin[row] = Math.sin(h);
      }
      const c = this.trigCos[row]!;
      const sn = this.trigSin[row]!;
      const sx = s.x;
      const sy = s.y;
      id[i] = spawn.id;
      x[i] = sx;
      y[i] = sy;
      headingRad[i] = h;
      cosHeading[i] = c;
      sinHeading[i] = sn;
      heightM[i] = a.heightM;
      build[i] = a.build;
      radiusM[i] = spawn.radiusM;
      handsAt(sx, sy, c, sn, a, s.reach, tS, hands, i * 6);
      lookRow[i] = row;
    }
    this.n = n;
    // Now and then, free the looks of shoppers gone for a minute (at 0.1 s ticks).
    if (tick % 600 === 0) this.sweep(tick - 600);
  }

  private addLook(id: number, a: Appearance): number {
    if (!Number.isSafeInteger(id) || id < 0) throw new Error(`sim: Bodies: shopper id ${id} is not a non-negative integer`);
    if (id >= this.rowOf.length) {
      const r = new Int32Array(Math.max(id + 1, this.rowOf.length * 2)).fill(-1);
      r.set(this.rowOf);
      this.rowOf = r;
    }
    let row = this.freeRows.pop();
    if (row === undefined) {
      row = this.lookCount++;
      if (row >= this.lookTick.length) {
        const rows = this.lookTick.length * 2;
        const t = new Int32Array(rows);
        t.set(this.lookTick);
        this.lookTick = t;
        const l = new Float32Array(rows * LOOK_FLOATS);
        l.set(this.looks);
        this.looks = l;
        const f64 = (was: Float64Array) => {
          const b = new Float64Array(rows);
          b.set(was);
          return b;
        };
        this.trigRad = f64(this.trigRad);
        this.trigCos = f64(this.trigCos);
        this.trigSin = f64(this.trigSin);
      }
    }
    this.trigRad[row] = NaN; // a new holder of the row: NaN equals no heading, so its first fill computes cos and sin
    this.rowOf[id] = row;
    this.lookIds.push(id);
    writeLook(a, new Rng(this.seed, `look:${id}`), this.looks, row * LOOK_FLOATS);
    return row;
  }

  /** Frees the rows of ids not seen since `before`, keeping the rest in the order their rows were given. */
  private sweep(before: number): void {
    const ids = this.lookIds;
    let kept = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const row = this.rowOf[id]!;
      if (this.lookTick[row]! < before) {
        this.rowOf[id] = -1;
        this.freeRows.push(row);
      } else {
        ids[kept++] = id;
      }
    }
    ids.length = kept;
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
 */
export function handsInto(s: Shopper, tS: number, out: Float64Array, at: number): void {
  handsAt(s.x, s.y, Math.cos(s.headingRad), Math.sin(s.headingRad), s.spawn.appearance, s.reach, tS, out, at);
}

/** The hands kernel, given the heading's cosine and sine (fill has them already) and the shopper's fields read once. */
function handsAt(x: number, y: number, c: number, sn: number, a: Appearance, reach: Reach | null, tS: number, out: Float64Array, at: number): void {
  const side = 0.22 * a.build;
  const z = 0.44 * a.heightM;
  out[at] = x - sn * side;
  out[at + 1] = y + c * side;
  out[at + 2] = z;
  let rx = x + sn * side;
  let ry = y - c * side;
  let rz = z;
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
