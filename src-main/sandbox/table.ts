// One resource's rows with three sorted indexes (id, created_at, updated_at) and keyset queries.
// The updated_at index is keyed by the row's revision, a global write sequence: revisions follow
// updated_at (the write clock never goes back) and break ties within a second by write order.
import { SortedIndex } from './sorted-index.ts';

export interface Row<T> {
  data: T;
  /** created_at, UTC epoch seconds. */
  created: number;
  /** updated_at, UTC epoch seconds. */
  updated: number;
  /** Global write sequence, unique and increasing. */
  rev: number;
}

export const SORT_FIELDS = ['id', 'created_at', 'updated_at'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const SORT_ORDERS = [
  'id-desc',
  'id-asc',
  'created_at-desc',
  'created_at-asc',
  'updated_at-desc',
  'updated_at-asc',
] as const;
export type SortBy = (typeof SORT_ORDERS)[number];

export type QueryStart =
  | { kind: 'page'; offset: number }
  | { kind: 'after'; key: number; id: number }
  | { kind: 'before'; key: number; id: number };

export interface Query<T> {
  sortBy: SortBy;
  limit: number;
  start: QueryStart;
  predicate: (row: Row<T>) => boolean;
}

export interface QueryResult<T> {
  rows: Row<T>[];
  hasNext: boolean;
  hasPrevious: boolean;
}

export function sortKeyOf<T>(row: Row<T> & { data: { id: number } }, sortBy: SortBy): number {
  const field = sortBy.slice(0, sortBy.lastIndexOf('-')) as SortField;
  if (field === 'id') return row.data.id;
  return field === 'created_at' ? row.created : row.rev;
}

export class Table<T extends { id: number }> {
  readonly rows = new Map<number, Row<T>>();
  private readonly byId = new SortedIndex();
  private readonly byCreated = new SortedIndex();
  private readonly byRevision = new SortedIndex();

  get size(): number {
    return this.rows.size;
  }

  get(id: number): Row<T> | undefined {
    return this.rows.get(id);
  }

  load(rows: Row<T>[]): void {
    this.rows.clear();
    for (const row of rows) this.rows.set(row.data.id, row);
    this.byId.rebuild(rows.map((row) => ({ key: row.data.id, id: row.data.id })));
    this.byCreated.rebuild(rows.map((row) => ({ key: row.created, id: row.data.id })));
    this.byRevision.rebuild(rows.map((row) => ({ key: row.rev, id: row.data.id })));
  }

  insert(row: Row<T>): void {
    const id = row.data.id;
    this.rows.set(id, row);
    this.byId.insert(id, id);
    this.byCreated.insert(row.created, id);
    this.byRevision.insert(row.rev, id);
  }

  /** Swap in a new version of a row (same id and created_at; new data, updated_at, rev). */
  replace(row: Row<T>): void {
    const id = row.data.id;
    const old = this.rows.get(id);
    if (!old) throw new Error(`no row ${id}`);
    this.byRevision.remove(old.rev, id);
    this.byRevision.insert(row.rev, id);
    this.rows.set(id, row);
  }

  delete(id: number): Row<T> | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    this.rows.delete(id);
    this.byId.remove(id, id);
    this.byCreated.remove(row.created, id);
    this.byRevision.remove(row.rev, id);
    return row;
  }

  count(predicate: (row: Row<T>) => boolean): number {
    let total = 0;
    for (const row of this.rows.values()) if (predicate(row)) total += 1;
    return total;
  }

  query(query: Query<T>): QueryResult<T> {
    const index = this.indexFor(query.sortBy);
    const entries = index.entries;
    const forward = query.sortBy.endsWith('-asc') ? 1 : -1;
    const { predicate, limit, start } = query;
    const rowAt = (position: number): Row<T> | undefined => {
      const entry = entries[position];
      return entry ? this.rows.get(entry.id) : undefined;
    };
    // Walks from a position in a direction, returning matching rows and where it stopped.
    const scan = (from: number, step: number, need: number, skip = 0) => {
      const found: Row<T>[] = [];
      let skipped = 0;
      let position = from;
      for (; position >= 0 && position < entries.length && found.length < need; position += step) {
        const row = rowAt(position);
        if (!row || !predicate(row)) continue;
        if (skipped < skip) skipped += 1;
        else found.push(row);
      }
      return { found, skipped, position };
    };
    const anyMatch = (from: number, step: number): boolean => scan(from, step, 1).found.length > 0;
    const head = forward === 1 ? 0 : entries.length - 1;

    if (start.kind === 'page') {
      const { found, skipped, position } = scan(head, forward, limit, start.offset);
      return { rows: found, hasNext: anyMatch(position, forward), hasPrevious: skipped > 0 };
    }
    const lower = index.lowerBound(start.key, start.id);
    const upper = index.upperBound(start.key, start.id);
    if (start.kind === 'after') {
      const from = forward === 1 ? upper : lower - 1;
      const { found, position } = scan(from, forward, limit);
      return {
        rows: found,
        hasNext: anyMatch(position, forward),
        hasPrevious: anyMatch(from - forward, -forward),
      };
    }
    const from = forward === 1 ? lower - 1 : upper;
    const { found, position } = scan(from, -forward, limit);
    return {
      rows: found.reverse(),
      hasNext: anyMatch(from + forward, forward),
      hasPrevious: anyMatch(position, -forward),
    };
  }

  private indexFor(sortBy: SortBy): SortedIndex {
    if (sortBy.startsWith('id-')) return this.byId;
    return sortBy.startsWith('created_at-') ? this.byCreated : this.byRevision;
  }
}
