// A map that keeps only its most recently used entries. Prepared statements hold native memory
// (~19 KB each for the search's) that nothing else frees while they stay reachable.

export interface Lru<K, V> {
  /** The entry, now the most recently used one. */
  get(key: K): V | undefined;
  /** Adds or replaces the entry; past the capacity the least recently used one goes. */
  set(key: K, value: V): void;
  readonly size: number;
}

export function createLru<K, V>(capacity: number): Lru<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`An LRU needs a capacity of at least 1 (got ${capacity}).`);
  }
  // A Map iterates in insertion order: re-inserting on use keeps the oldest first.
  const entries = new Map<K, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as K);
    },
    get size() {
      return entries.size;
    },
  };
}
