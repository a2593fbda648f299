// Turns a keyset query result into a list response: the rows, a `Link` header with
// `page_info` cursors, and (2021-11) `next_cursor`/`previous_cursor` in the body.
import type { ApiRequest, ApiResponse } from './api-types.ts';
import { encodeCursor, type ListRequest, type Resource } from './paging.ts';
import { sortKeyOf, type QueryResult, type Row, type Table } from './table.ts';

export function listResponse<T extends { id: number }>(
  resource: Resource,
  table: Table<T>,
  list: ListRequest,
  predicate: (row: Row<T>) => boolean,
  request: ApiRequest,
): ApiResponse {
  const result: QueryResult<T> = table.query({
    sortBy: list.sortBy,
    limit: list.limit,
    start: list.start,
    predicate,
  });
  const first = result.rows[0];
  const last = result.rows[result.rows.length - 1];
  const cursor = (row: Row<T>, direction: 'next' | 'prev') =>
    encodeCursor({
      r: resource,
      s: list.sortBy,
      f: list.filterParams,
      k: sortKeyOf(row, list.sortBy),
      i: row.data.id,
      d: direction,
    });
  const next = result.hasNext && last ? cursor(last, 'next') : null;
  const previous = result.hasPrevious && first ? cursor(first, 'prev') : null;
  const link = (pageInfo: string, rel: string) =>
    `<${request.baseUrl}${request.path}?limit=${list.limit}&page_info=${pageInfo}>; rel="${rel}"`;
  const links = [previous && link(previous, 'previous'), next && link(next, 'next')].filter(
    Boolean,
  );
  const items = result.rows.map((row) => row.data);
  const body =
    request.version === '2021-11'
      ? { next_cursor: next, previous_cursor: previous, [resource]: items }
      : { [resource]: items };
  // Always present (empty when there is a single page) so clients can rely on reading it.
  return { status: 200, body, headers: { Link: links.join(', ') } };
}
