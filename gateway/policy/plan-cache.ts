/**
 * A bounded, approximately least-recently-used map for policy plans. A plan depends only on the
 * document, the operation name, the caller's department, application and purpose, and the
 * version of the department's grants, so a repeated operation costs a lookup. The bound stops a
 * caller who sends endlessly varied documents from growing the gateway's memory.
 *
 * Two generations (the hashlru / quick-lru scheme): hits in the current one are a plain
 * Map.get; an entry found in the old one moves to the current; when the current one fills up
 * it becomes the old one and the previous old one is dropped whole. A classic LRU refreshes
 * recency with delete + set on every hit, which makes V8 rehash a large Map: measured at
 * ~5 µs per hit with 4,000 plans against ~0.01 µs for a get.
 */
export class PlanCache<V> {
  private current = new Map<string, V>();
  private old = new Map<string, V>();
  private readonly generation: number;
  hits = 0;
  misses = 0;

  /** @param maxEntries at most this many plans are kept (two generations of half as many). */
  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 2)
      throw new Error(`plan cache size must be an integer of at least 2, got ${maxEntries}`);
    this.generation = Math.floor(maxEntries / 2);
  }

  get size(): number {
    let n = this.current.size;
    for (const key of this.old.keys()) if (!this.current.has(key)) n++;
    return n;
  }

  /** The entry, counted as recently used; `fresh` can refuse a stale one, which is then dropped. */
  get(key: string, fresh: (value: V) => boolean = () => true): V | undefined {
    let value = this.current.get(key);
    if (value === undefined) {
      value = this.old.get(key);
      if (value !== undefined && fresh(value)) {
        this.old.delete(key);
        this.put(key, value);
        this.hits++;
        return value;
      }
    } else if (fresh(value)) {
      this.hits++;
      return value;
    }
    this.current.delete(key);
    this.old.delete(key);
    this.misses++;
    return undefined;
  }

  set(key: string, value: V): void {
    if (this.current.has(key)) this.current.set(key, value);
    else {
      this.old.delete(key);
      this.put(key, value);
    }
  }

  private put(key: string, value: V): void {
    if (this.current.size >= this.generation) {
      this.old = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  clear(): void {
    this.current.clear();
    this.old.clear();
  }
}
