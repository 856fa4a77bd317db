/**
 * A binary min-heap of integer items keyed by number, in typed arrays that grow and are reused.
 * Ties pop in insertion order, so searches are deterministic.
 */
export class MinHeap {
  private items = new Int32Array(1024);
  private keys = new Float64Array(1024);
  private order = new Float64Array(1024);
  private n = 0;
  private counter = 0;

  /** Number of items held. */
  get size(): number {
    return this.n;
  }

  /** Empties the heap, keeping its storage. */
  clear(): void {
    this.n = 0;
    this.counter = 0;
  }

  /** Adds `item` with priority `key`. */
  push(item: number, key: number): void {
    if (this.n === this.items.length) this.grow();
    let i = this.n++;
    const order = this.counter++;
    // Sift up, moving parents down into the hole.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = this.keys[p]!;
      if (pk < key || (pk === key && this.order[p]! < order)) break;
      this.items[i] = this.items[p]!;
      this.keys[i] = pk;
      this.order[i] = this.order[p]!;
      i = p;
    }
    this.items[i] = item;
    this.keys[i] = key;
    this.order[i] = order;
  }

  /** Removes and returns the item with the smallest key. */
  pop(): number {
    const top = this.items[0]!;
    const last = --this.n;
    if (last === 0) return top;
    const item = this.items[last]!;
    const key = this.keys[last]!;
    const order = this.order[last]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      let m = l;
      if (r < last && (this.keys[r]! < this.keys[l]! || (this.keys[r] === this.keys[l] && this.order[r]! < this.order[l]!))) m = r;
      const mk = this.keys[m]!;
      if (key < mk || (key === mk && order < this.order[m]!)) break;
      this.items[i] = this.items[m]!;
      this.keys[i] = mk;
      this.order[i] = this.order[m]!;
      i = m;
    }
    this.items[i] = item;
    this.keys[i] = key;
    this.order[i] = order;
    return top;
  }

  private grow(): void {
    const size = this.items.length * 2;
    const items = new Int32Array(size);
    const keys = new Float64Array(size);
    const order = new Float64Array(size);
    items.set(this.items);
    keys.set(this.keys);
    order.set(this.order);
    this.items = items;
    this.keys = keys;
    this.order = order;
  }
}
