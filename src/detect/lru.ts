/**
 * A small LRU map: Map insertion order is recency; the oldest entry goes when `cap` is exceeded.
 * To keep hits cheap, a hit moves its entry to the young end only when the entry has aged by more
 * than a quarter of `cap` insertions: an entry used at least once per 3/4·cap insertions is never
 * evicted, which is all the correlation state needs, and most hits cost one Map lookup.
 */
export class Lru<K, V> {
  private readonly m = new Map<K, { v: V; t: number }>();
  private clock = 0;
  private readonly slack: number;
  evictions = 0;
  constructor(readonly cap: number) {
    this.slack = Math.max(1, cap >> 2);
  }
  get size(): number {
    return this.m.size;
  }
  get(k: K): V | undefined {
    const e = this.m.get(k);
    if (e === undefined) return undefined;
    if (this.clock - e.t >= this.slack) {
      this.m.delete(k);
      e.t = ++this.clock;
      this.m.set(k, e);
    }
    return e.v;
  }
  peek(k: K): V | undefined {
    return this.m.get(k)?.v;
  }
  has(k: K): boolean {
    return this.m.has(k);
  }
  set(k: K, v: V): void {
    const e = this.m.get(k);
    if (e !== undefined) {
      e.v = v;
      if (this.clock - e.t >= this.slack) {
        this.m.delete(k);
        e.t = ++this.clock;
        this.m.set(k, e);
      }
      return;
    }
    this.m.set(k, { v, t: ++this.clock });
    if (this.m.size > this.cap) {
      const oldest = this.m.keys().next().value as K;
      this.m.delete(oldest);
      this.evictions++;
    }
  }
  delete(k: K): void {
    this.m.delete(k);
  }
  /** Keys from the least to the most recently (re)inserted. */
  keys(): IterableIterator<K> {
    return this.m.keys();
  }
}
