/** How labels make room for each other; each with why. */
export const LABEL_LAYOUT = {
  /** A label's box below its baseline's top: the 11 px font's line, with a pixel of air. */
  lineHeightPx: 13,
  /** At most this many lines down from its anchor: further, a label no longer reads as its track's. */
  maxShiftLines: 4,
} as const;

/**
 * Places text labels near their anchors without overlap, greedily: top anchors first, each at its
 * anchor unless that box overlaps one placed already, then one line lower at a time (at most
 * LABEL_LAYOUT.maxShiftLines; past that it stays where it overlaps least). Boxes are [x, x + w] by
 * [y - lineHeight, y] (y is the text baseline). Reuses its arrays: no allocation per frame once grown.
 */
export class LabelLayout {
  /** Placed baseline of label i (x as given). */
  y = new Float64Array(16);
  /** Whether label i moved off its anchor (the view draws a leader line then). */
  moved = new Uint8Array(16);
  private order = new Int32Array(16);
  private placed = new Int32Array(16);

  /** Places labels 0..n-1 anchored at (ax[i], ay[i]) with widths w[i], pixels. */
  place(n: number, ax: ArrayLike<number>, ay: ArrayLike<number>, w: ArrayLike<number>): void {
    if (n > this.y.length) this.grow(n * 2);
    const ord = this.order;
    for (let i = 0; i < n; i++) ord[i] = i;
    // Insertion sort by anchor height (n is a few dozen tracks): ties keep the given order.
    for (let a = 1; a < n; a++) {
      const k = ord[a]!;
      let b = a - 1;
      while (b >= 0 && ay[ord[b]!]! > ay[k]!) {
        ord[b + 1] = ord[b]!;
        b--;
      }
      ord[b + 1] = k;
    }
    const lh = LABEL_LAYOUT.lineHeightPx;
    let nPlaced = 0;
    for (let a = 0; a < n; a++) {
      const i = ord[a]!;
      let bestY = ay[i]!;
      let bestOverlap = Infinity;
      for (let s = 0; s <= LABEL_LAYOUT.maxShiftLines; s++) {
        const y = ay[i]! + s * lh;
        const ov = this.overlap(nPlaced, ax[i]!, y, w[i]!, ax, w);
        if (ov < bestOverlap) {
          bestOverlap = ov;
          bestY = y;
        }
        if (ov === 0) break;
      }
      this.y[i] = bestY;
      this.moved[i] = bestY !== ay[i] ? 1 : 0;
      this.placed[nPlaced++] = i;
    }
  }

  /** Area the box at (x, y) of width w shares with the labels placed so far, px^2. */
  private overlap(nPlaced: number, x: number, y: number, w: number, ax: ArrayLike<number>, aw: ArrayLike<number>): number {
    const lh = LABEL_LAYOUT.lineHeightPx;
    let sum = 0;
    for (let p = 0; p < nPlaced; p++) {
      const j = this.placed[p]!;
      const dx = Math.min(x + w, ax[j]! + aw[j]!) - Math.max(x, ax[j]!);
      const dy = lh - Math.abs(y - this.y[j]!);
      if (dx > 0 && dy > 0) sum += dx * dy;
    }
    return sum;
  }

  private grow(cap: number): void {
    this.y = new Float64Array(cap);
    this.moved = new Uint8Array(cap);
    this.order = new Int32Array(cap);
    this.placed = new Int32Array(cap);
  }
}
