let sharedRaster: PeopleRaster | undefined;

/** Size of the people raster; each with why. */
export const PEOPLE_RASTER = {
  /** Columns across the image: 30 px cells at 1920 px, about a third of a shopper's width at 5 m. */
  cols: 64,
  /** Rows down the image: 30 px cells at 1080 px, about a tenth of a shopper's height at 5 m. */
  rows: 36,
} as const;

/**
 * A coarse raster over one camera's image recording, per cell, the nearest person painted there
 * this frame: cells hold `base + rank` (rank: the person's place in the frame's nearest-first
 * order), and anything below `base` is a previous frame's. A new frame raises `base` past every
 * rank used so far instead of clearing the cells, so starting a frame costs nothing; the cells
 * are cleared only when the counter nears its 31-bit limit. Only cells not yet painted are
 * painted, so a cell keeps its nearest painter and "hidden from rank k" is `base <= cell < base + k`.
 */
export class PeopleRaster {
  readonly cols: number;
  readonly rows: number;
  /** Cell size and cells per pixel, across and down, of the image of the frame in hand. */
  cellW = 1;
  cellH = 1;
  perPxU = 1;
  perPxV = 1;
  readonly cells: Int32Array;
  /**
   * Per row, the columns painted this frame span [spanLo, spanHi] when spanOf equals base: a body
   * row outside that span is wholly unpainted without reading its cells (most rows of most people).
   */
  readonly spanOf: Int32Array;
  readonly spanLo: Int32Array;
  readonly spanHi: Int32Array;
  /** This frame's base: cells >= base were painted this frame. */
  base = 1;
  private next = 1;

  constructor(cols: number = PEOPLE_RASTER.cols, rows: number = PEOPLE_RASTER.rows) {
    if (!(Number.isInteger(cols) && Number.isInteger(rows) && cols >= 1 && rows >= 1)) throw new Error(`sim: PeopleRaster needs whole positive cells, got ${cols}x${rows}`);
    this.cols = cols;
    this.rows = rows;
    this.cells = new Int32Array(cols * rows);
    this.spanOf = new Int32Array(rows);
    this.spanLo = new Int32Array(rows);
    this.spanHi = new Int32Array(rows);
  }

  /**
   * The raster every camera paints into, one frame after another (frames are computed one at a
   * time): one set of cells stays in cache instead of one per camera.
   */
  static shared(): PeopleRaster {
    return (sharedRaster ??= new PeopleRaster());
  }

  /** Starts a frame of at most `people` painters over an image of widthPx x heightPx: afterwards every cell reads as unpainted. */
  startFrame(people: number, widthPx: number, heightPx: number): void {
    if (!(widthPx > 0 && heightPx > 0)) throw new Error(`sim: PeopleRaster needs a positive image size, got ${widthPx}x${heightPx} px`);
    this.cellW = widthPx / this.cols;
    this.cellH = heightPx / this.rows;
    this.perPxU = this.cols / widthPx;
    this.perPxV = this.rows / heightPx;
    if (this.next + people + 1 >= 0x7fffffff) {
      this.cells.fill(0);
      this.spanOf.fill(0);
      this.next = 1;
    }
    this.base = this.next;
    this.next += people + 1;
  }

  /** Whether pixel (u, v), inside the image, was painted by a person of rank below `rank` this frame. */
  hiddenFrom(u: number, v: number, rank: number): boolean {
    const i = Math.min(this.cols - 1, Math.floor(u * this.perPxU));
    const j = Math.min(this.rows - 1, Math.floor(v * this.perPxV));
    const c = this.cells[j * this.cols + i]!;
    return c >= this.base && c < this.base + rank;
  }
}
