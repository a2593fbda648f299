import type { SearchSort } from '../../src-shared/customers/views.ts';

/** The results table's sortable columns and the search order each one asks for. */
export const COLUMN_SORT_KEYS: Record<string, SearchSort['key']> = {
  name: 'name',
  email: 'email',
  id: 'id',
  billing_city: 'city',
};

export const BEST_MATCH: SearchSort = { key: 'relevance', dir: 'desc' };

/** How a column is sorted now: by the current order, if it is that column's. */
export function columnDirection(sort: SearchSort, column: string): SearchSort['dir'] | null {
  return COLUMN_SORT_KEYS[column] === sort.key && sort.key !== 'relevance' ? sort.dir : null;
}

/**
 * A click on a column's header: ascending first, then descending, then back to best match (a
 * third click undoes the sort, as in the web admins' tables).
 */
export function nextColumnSort(sort: SearchSort, column: string): SearchSort {
  const key = COLUMN_SORT_KEYS[column];
  if (!key) return sort;
  const now = columnDirection(sort, column);
  if (now === null) return { key, dir: 'asc' };
  if (now === 'asc') return { key, dir: 'desc' };
  return BEST_MATCH;
}
