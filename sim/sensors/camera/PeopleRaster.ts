let sharedRaster: PeopleRaster | undefined;

/** Size of the people raster; each with why. */
export const PEOPLE_RASTER = {
  /** Columns across the image: 30 px cells at 1920 px, about a third of a shopper's width at 5 m (at most 64: two 32-bit words per row). */
  cols: 64,
  /** Rows down the image: 30 px cells at 1080 px, about a tenth of a shopper's height at 5 m. */
  rows: 36,
} as const;

/** Bits set from lo to hi (0 <= lo <= hi <= 31) of a 32-bit word. */
function bitRange(lo: number, hi: number): number {
  return (-1 >>> (31 - hi + lo)) << lo;
}

/** Set bits of a 32-bit word (SWAR count). */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * A coarse raster over one camera's image recording which cells a person seen this frame covers:
 * one bit per cell, two 32-bit words per row (columns 0-31, then 32-63). People are taken nearest
 * first and a person's own cells are painted only after everything about them is decided, so the
 * painted cells are always exactly those of nearer people. Painting a row's run of cells and
 * measuring how much of a pixel span no one painted are both a few word operations, whatever the
 * span's width.
 */
export class PeopleRaster {
  readonly cols: number;
  readonly rows: number;
  /** Cell size and cells per pixel, across and down, of the image of the frame in hand. */
  cellW = 1;
  cellH = 1;
  perPxU = 1;
  perPxV = 1;
  /** Per row, its two words of painted cells (bit c of word w: column 32 w + c). */
  readonly bits: Int32Array;

  constructor(cols: number = PEOPLE_RASTER.cols, rows: number = PEOPLE_RASTER.rows) {
    if (!(Number.isInteger(cols) && Number.isInteger(rows) && cols >= 1 && cols <= 64 && rows >= 1)) throw new Error(`sim: PeopleRaster needs 1-64 whole columns and whole positive rows, got ${cols}x${rows}`);
    this.cols = cols;
    this.rows = rows;
    this.bits = new Int32Array(rows * 2);
  }

  /**
   * The raster every camera paints into, one frame after another (frames are computed one at a
   * time): one set of cells stays in cache instead of one per camera.
   */
  static shared(): PeopleRaster {
    return (sharedRaster ??= new PeopleRaster());
  }

  /** Starts a frame over an image of widthPx x heightPx: afterwards no cell is painted. */
  startFrame(widthPx: number, heightPx: number): void {
    if (!(widthPx > 0 && heightPx > 0)) throw new Error(`sim: PeopleRaster needs a positive image size, got ${widthPx}x${heightPx} px`);
    this.cellW = widthPx / this.cols;
    this.cellH = heightPx / this.rows;
    this.perPxU = this.cols / widthPx;
    this.perPxV = this.rows / heightPx;
    this.bits.fill(0);
  }

  /** Paints columns c0..c1 (0 <= c0 <= c1 < cols) of row j. */
  paintRow(j: number, c0: number, c1: number): void {
    const at = 2 * j;
    if (c0 < 32) this.bits[at] = this.bits[at]! | bitRange(c0, c1 < 31 ? c1 : 31);
    if (c1 >= 32) this.bits[at + 1] = this.bits[at + 1]! | bitRange(c0 > 32 ? c0 - 32 : 0, c1 - 32);
  }

  /** Whether pixel (u, v), inside the image, is in a painted cell (the right and bottom edges belong to the last cell). */
  painted(u: number, v: number): boolean {
    const c = Math.min(this.cols - 1, Math.floor(u * this.perPxU));
    const j = Math.min(this.rows - 1, Math.floor(v * this.perPxV));
    return ((this.bits[2 * j + (c >> 5)]! >>> (c & 31)) & 1) === 1;
  }

  /**
   * How many pixels of the span [l, r] of row j (0 <= l <= r <= image width) lie in no painted
   * cell: the span less the painted cells it crosses, the two end cells by their overlap.
   */
  unpainted(j: number, l: number, r: number): number {
    const pu = this.perPxU;
    const last = this.cols - 1;
    const kl = Math.floor(l * pu);
    const kr = Math.floor(r * pu);
    const ka = kl < last ? kl : last;
    const kb = kr < last ? kr : last;
    const w0 = this.bits[2 * j]!;
    const w1 = this.bits[2 * j + 1]!;
    // Most rows of most people cross no painted cell: two word tests.
    const m0 = ka < 32 ? w0 & bitRange(ka, kb < 31 ? kb : 31) : 0;
    const m1 = kb >= 32 ? w1 & bitRange(ka > 32 ? ka - 32 : 0, kb - 32) : 0;
    let vis = r - l;
    if ((m0 | m1) === 0) return vis;
    if (ka === kb) return 0;
    // End cells by their overlap (the span reaches past the first's right edge and starts before
    // the last's left edge), the cells between them whole.
    const cw = this.cellW;
    const endA = ka < 32 ? (m0 >>> ka) & 1 : (m1 >>> (ka - 32)) & 1;
    const endB = kb < 32 ? (m0 >>> kb) & 1 : (m1 >>> (kb - 32)) & 1;
    if (endA === 1) vis -= (ka + 1) * cw - l;
    if (endB === 1) {
      const a = kb * cw;
      const e = a + cw;
      vis -= (r < e ? r : e) - a;
    }
    const inner = popcount(m0) + popcount(m1) - endA - endB;
    return vis - inner * cw;
  }
}
