/** A small LRU map: Map insertion order is recency; the oldest entry goes when `cap` is exceeded. */
export class Lru<K, V> {
  private readonly m = new Map<K, V>();
  evictions = 0;
  constructor(readonly cap: number) {}
  get size(): number {
    return this.m.size;
  }
  get(k: K): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }
  peek(k: K): V | undefined {
    return this.m.get(k);
  }
  has(k: K): boolean {
    return this.m.has(k);
  }
  set(k: K, v: V): void {
    if (this.m.has(k)) this.m.delete(k);
    this.m.set(k, v);
    if (this.m.size > this.cap) {
      const oldest = this.m.keys().next().value as K;
      this.m.delete(oldest);
      this.evictions++;
    }
  }
  delete(k: K): void {
    this.m.delete(k);
  }
  keys(): IterableIterator<K> {
    return this.m.keys();
  }
}
