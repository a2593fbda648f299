// An array of (key, id) pairs kept sorted, for keyset paging over 100k+ rows without re-sorting.
// Inserts and removals are a binary search plus one splice (a memmove), cheap at this size.

interface IndexEntry {
  key: number;
  id: number;
}

const compare = (a: IndexEntry, key: number, id: number): number =>
  a.key !== key ? a.key - key : a.id - id;

export class SortedIndex {
  readonly entries: IndexEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** First position whose entry is >= (key, id). */
  lowerBound(key: number, id: number): number {
    return this.firstAfter((entry) => compare(entry, key, id) < 0);
  }

  /** First position whose entry is > (key, id). */
  upperBound(key: number, id: number): number {
    return this.firstAfter((entry) => compare(entry, key, id) <= 0);
  }

  insert(key: number, id: number): void {
    const last = this.entries[this.entries.length - 1];
    // New rows usually sort last (new ids, new timestamps): append without searching.
    if (!last || compare(last, key, id) < 0) {
      this.entries.push({ key, id });
      return;
    }
    this.entries.splice(this.lowerBound(key, id), 0, { key, id });
  }

  remove(key: number, id: number): boolean {
    const at = this.lowerBound(key, id);
    const entry = this.entries[at];
    if (!entry || entry.key !== key || entry.id !== id) return false;
    this.entries.splice(at, 1);
    return true;
  }

  /** Binary search: the first position whose entry is not `before` (those all come first). */
  private firstAfter(before: (entry: IndexEntry) => boolean): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.entries[mid] as IndexEntry)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Replace the contents in one go (load time): sorts once instead of inserting one by one. */
  rebuild(entries: IndexEntry[]): void {
    entries.sort((a, b) => compare(a, b.key, b.id));
    this.entries.length = 0;
    for (const entry of entries) this.entries.push(entry);
  }
}
