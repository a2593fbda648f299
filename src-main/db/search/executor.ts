// Runs the search's statements. Their text depends only on a query's shape (values are bound),
// so a bounded set covers every search a person makes; the least recently used beyond it are
// dropped instead of kept for the life of the connection.
import type Database from 'better-sqlite3';
import { createLru } from './lru.ts';

export type Param = string | number | null;
export type Params = Readonly<Record<string, Param>>;

/** One statement of a search: what it is for (plans are pinned per name), its text, its values. */
export interface Bound {
  name: string;
  sql: string;
  params: Params;
}

export interface Executor {
  /** Every row, as objects. */
  rows<T>(bound: Bound): T[];
  /** The first column of every row. */
  column<T>(bound: Bound): T[];
  /** The first row as an array of its columns (undefined: no row). */
  first(bound: Bound): unknown[] | undefined;
  /** The plan SQLite picks for the statement, one line per step. */
  plan(bound: Bound): string[];
  /** Statements prepared and kept now. */
  readonly cached: number;
}

/**
 * Every filter, sort key, direction and kind of text has statements of its own: a day that
 * uses all of them needs ~130 (bench/search-workload.ts). Room for half as many again costs at
 * most ~4 MB (~19 KB a statement); below the working set, evicted statements would be prepared
 * again and their memory would wait for a full garbage collection.
 */
export const STATEMENT_CACHE_SIZE = 192;

type Mode = 'rows' | 'column' | 'first' | 'plan';

export function createExecutor(
  db: Database.Database,
  capacity: number = STATEMENT_CACHE_SIZE,
): Executor {
  const cache = createLru<string, Database.Statement>(capacity);
  // A statement's mode (objects, first column, arrays) is set once: each mode has its own.
  const statement = (mode: Mode, sql: string): Database.Statement => {
    const key = `${mode}\n${sql}`;
    let prepared = cache.get(key);
    if (!prepared) {
      prepared = db.prepare(mode === 'plan' ? `EXPLAIN QUERY PLAN ${sql}` : sql);
      if (mode === 'column') prepared.pluck();
      else if (mode === 'first') prepared.raw();
      cache.set(key, prepared);
    }
    return prepared;
  };
  return {
    rows: <T>(bound: Bound) => statement('rows', bound.sql).all(bound.params) as T[],
    column: <T>(bound: Bound) => statement('column', bound.sql).all(bound.params) as T[],
    first: (bound) => statement('first', bound.sql).get(bound.params) as unknown[] | undefined,
    plan: (bound) =>
      (statement('plan', bound.sql).all(bound.params) as { detail: string }[]).map(
        (row) => row.detail,
      ),
    get cached() {
      return cache.size;
    },
  };
}
