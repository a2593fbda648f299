// List requests end to end: paging and filter parameters in, a keyset query, and the answer in the
// version's shape — 2021-01 `{"customers": [...]}` with a `Link` header of `page_info` cursors,
// 2021-11 `{"next_cursor", "previous_cursor", "customers": [...]}` with no Link header.
import { unprocessable, type ApiRequest, type ApiResponse } from './api-types.ts';
import { filterNamesOf, parseFilters, type Filters } from './filters.ts';
import { encodeCursor, parseListRequest, type ListRequest, type Resource } from './paging.ts';
import { sortKeyOf, type Row, type Table } from './table.ts';

function respond<T extends { id: number }>(
  resource: Resource,
  table: Table<T>,
  list: ListRequest,
  predicate: (row: Row<T>) => boolean,
  request: ApiRequest,
  render: (row: Row<T>) => unknown,
): ApiResponse {
  const result = table.query({
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
  const items = result.rows.map(render);
  if (request.version === '2021-11') {
    return {
      status: 200,
      body: { next_cursor: next, previous_cursor: previous, [resource]: items },
    };
  }
  const link = (pageInfo: string, rel: string) =>
    `<${request.baseUrl}${request.path}?limit=${list.limit}&page_info=${pageInfo}>; rel="${rel}"`;
  const links = [previous && link(previous, 'previous'), next && link(next, 'next')].filter(
    Boolean,
  );
  // Always present (empty when there is a single page) so clients can rely on reading it.
  return { status: 200, body: { [resource]: items }, headers: { Link: links.join(', ') } };
}

/**
 * A list of one resource. `fixed` filters come from the path (`/customers/{id}/addresses`) and
 * win over the query and any cursor.
 */
export function listResponse<T extends { id: number }>(
  resource: Resource,
  table: Table<T>,
  filters: Filters<T>,
  request: ApiRequest,
  render: (row: Row<T>) => unknown,
  fixed: Record<string, string> = {},
): ApiResponse {
  const names = filterNamesOf(resource, request.version);
  const list = parseListRequest(resource, request.query, names, request.version);
  if (!list.ok) return unprocessable(list.errors);
  const filterParams = { ...list.value.filterParams, ...fixed };
  const predicate = parseFilters(filters, filterParams);
  if (!predicate.ok) return unprocessable(predicate.errors);
  return respond(
    resource,
    table,
    { ...list.value, filterParams },
    predicate.value,
    request,
    render,
  );
}

/** `{"count": N}` of the rows matching the filters (2021-01 only). */
export function countResponse<T extends { id: number }>(
  resource: Resource,
  table: Table<T>,
  filters: Filters<T>,
  request: ApiRequest,
): ApiResponse {
  const params: Record<string, string> = {};
  for (const name of filterNamesOf(resource, request.version)) {
    const value = request.query.get(name);
    if (value !== null) params[name] = value;
  }
  const predicate = parseFilters(filters, params);
  if (!predicate.ok) return unprocessable(predicate.errors);
  return { status: 200, body: { count: table.count(predicate.value) } };
}

/**
 * A list answer without its way to the next page, as some stores and proxies send one: no `Link`
 * header, `next_cursor: null`. `dropped` says whether there was a next page to lose.
 */
export function withoutNextPage<T extends { body?: unknown; headers: Record<string, string> }>(
  answer: T,
): { answer: T; dropped: boolean } {
  const { body, headers } = answer;
  const cursorBody =
    typeof body === 'object' && body !== null && !Array.isArray(body) && 'next_cursor' in body
      ? (body as Record<string, unknown>)
      : null;
  if (!('Link' in headers) && !cursorBody) return { answer, dropped: false };
  const dropped =
    /rel="next"/.test(headers['Link'] ?? '') ||
    (cursorBody !== null && cursorBody['next_cursor'] !== null);
  const { Link: _link, ...rest } = headers;
  return {
    answer: {
      ...answer,
      headers: rest,
      ...(cursorBody ? { body: { ...cursorBody, next_cursor: null } } : {}),
    },
    dropped,
  };
}
