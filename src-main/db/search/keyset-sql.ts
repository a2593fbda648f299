// A keyset cursor as one more condition on a page: the rows after the previous page's last row
// in the page's own order (its sort key, then the id), so rows added or removed before it since
// shift nothing, and a deep page costs what the first does instead of skipping an offset.
import type { SearchCursor, SearchQuery } from '../../../src-shared/customers/views.ts';
import type { Param } from './executor.ts';
import { dirOf, SORT_COLUMNS, type SortKey } from './sql-text.ts';

export interface Keyset {
  sql: string;
  params: Record<string, Param>;
}

// Sort columns that may be null (SQLite puts nulls first ascending, last descending).
const NULLABLE = new Set(['updated_at']);

/** Rows after (key, id) in `column ${dir}, id ${dir}` order; `col`/`id` are SQL expressions. */
export function afterKey(
  col: string,
  id: string,
  dir: 'ASC' | 'DESC',
  cursor: SearchCursor,
  nullable: boolean,
): Keyset {
  const params = { afterKey: cursor.key, afterId: cursor.id };
  const past = dir === 'ASC' ? '>' : '<';
  if (cursor.key === null) {
    const nulls = `(${col} IS NULL AND ${id} ${past} @afterId)`;
    return { sql: dir === 'ASC' ? `(${nulls} OR ${col} IS NOT NULL)` : nulls, params };
  }
  const bound = dir === 'ASC' ? '>=' : '<=';
  // The range on the key lets its index start at the cursor; ties fall to the id.
  const after = `(${col} ${bound} @afterKey AND (${col} ${past} @afterKey OR ${id} ${past} @afterId))`;
  return { sql: nullable && dir === 'DESC' ? `(${after} OR ${col} IS NULL)` : after, params };
}

/** The column a sorted page orders by (relevance without text: the newest change first). */
export function sortColumn(query: Pick<SearchQuery, 'sort'>): {
  column: string;
  dir: 'ASC' | 'DESC';
} {
  if (query.sort.key === 'relevance') return { column: 'updated_at', dir: 'DESC' };
  return { column: SORT_COLUMNS[query.sort.key as SortKey], dir: dirOf(query) };
}

/** A sorted page or walk: after the cursor on `alias`'s sort column. */
export function sortedAfter(
  query: Pick<SearchQuery, 'sort'>,
  alias: string,
  cursor: SearchCursor,
): Keyset {
  const { column, dir } = sortColumn(query);
  return afterKey(`${alias}.${column}`, `${alias}.id`, dir, cursor, NULLABLE.has(column));
}
