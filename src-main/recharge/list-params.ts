// The query of one page of a pull, alike in both API versions but for the cursor's name.
import { easternNaive, instantSeconds } from '../../src-shared/time/eastern.ts';
import type { ListQuery } from './store-api.ts';

/** 2021-01 pages with `page_info`, 2021-11 with `cursor`. */
export type CursorParam = 'page_info' | 'cursor';

/** Oldest change first, from a naive US-Eastern mark; a cursor carries the rest of the query. */
export function listParams(query: ListQuery, cursorParam: CursorParam): URLSearchParams {
  const params = new URLSearchParams();
  if (query.cursor) {
    params.set(cursorParam, query.cursor);
    params.set('limit', String(query.limit));
    return params;
  }
  params.set('limit', String(query.limit));
  params.set('sort_by', 'updated_at-asc');
  if (query.updatedSince) {
    const seconds = instantSeconds(query.updatedSince);
    if (seconds !== null) params.set('updated_at_min', easternNaive(seconds));
  }
  return params;
}
