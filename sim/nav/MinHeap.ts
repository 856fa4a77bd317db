/** A binary min-heap of integer items keyed by number; ties pop in insertion order for determinism. */
export class MinHeap {
  private items: number[] = [];
  private keys: number[] = [];
  private order: number[] = [];
  private counter = 0;

  /** Number of items held. */
  get size(): number {
    return this.items.length;
  }

  /** Adds `item` with priority `key`. */
  push(item: number, key: number): void {
    this.items.push(item);
    this.keys.push(key);
    this.order.push(this.counter++);
    this.up(this.items.length - 1);
  }

  /** Removes and returns the item with the smallest key. */
  pop(): number {
    const top = this.items[0]!;
    const last = this.items.length - 1;
    this.swap(0, last);
    this.items.pop();
    this.keys.pop();
    this.order.pop();
    this.down(0);
    return top;
  }

  private less(i: number, j: number): boolean {
    const a = this.keys[i]!;
    const b = this.keys[j]!;
    return a < b || (a === b && this.order[i]! < this.order[j]!);
  }

  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j]!, this.items[i]!];
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
    [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
