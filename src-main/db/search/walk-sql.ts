// SQL for a page of text hits in sort order, walked off the sort key's index (status with
// updated_at) from its start, each entry tested for being a hit, then filters checked in the
// narrow flags table and short terms on the row. The walk yields the index's order and the outer
// queries keep it (no sort), so the page is exact when the walk met a page's worth before its
// budget ran out.
import type { SearchCursor, SearchQuery } from '../../../src-shared/customers/views.ts';
import type { Walk } from '../search-query.ts';
import type { Bound } from './executor.ts';
import { sortedAfter } from './keyset-sql.ts';
import type { PageWindow } from './page-sql.ts';
import type { Planned } from './planner.ts';
import {
  dirOf,
  FTS_HITS,
  ROW_COLUMNS,
  rowCount,
  SORT_COLUMNS,
  whereOf,
  type SortKey,
} from './sql-text.ts';

export function walkSql(
  { conds }: Planned,
  query: Pick<SearchQuery, 'sort' | 'filters'>,
  test: Walk['test'],
  window: PageWindow,
  budget: number,
  after: SearchCursor | null = null,
): Bound {
  const key = SORT_COLUMNS[query.sort.key as SortKey];
  const dir = dirOf(query);
  const byStatus = query.sort.key === 'updated_at' && query.filters.status !== undefined;
  const hit =
    test === 'probe'
      ? 'EXISTS (SELECT 1 FROM customers_fts WHERE customers_fts MATCH @match AND rowid = w.id)'
      : `w.id IN (${FTS_HITS})`;
  const filters = conds.others.slice(conds.residuals);
  const terms = conds.others.slice(0, conds.residuals);
  // From the cursor on, the walk starts where the previous page ended.
  const keyset = after ? sortedAfter(query, 's', after) : null;
  const walked = `SELECT s.id, s.${key} AS k FROM customers s
    ${whereOf([byStatus ? 's.status = @status' : null, keyset?.sql ?? null])} ORDER BY s.${key} ${dir}, s.id ${dir} LIMIT ${rowCount('budget')}`;
  const hits = `SELECT w.id, w.k FROM (${walked}) w
    ${filters.length > 0 ? 'CROSS JOIN customer_flags c ON c.id = w.id' : ''} ${whereOf([hit, ...filters])}`;
  return {
    name: `walk.${test}`,
    sql: `SELECT ${ROW_COLUMNS} FROM (${hits}) h CROSS JOIN customers c ON c.id = h.id
      ${whereOf(terms)} ORDER BY h.k ${dir}, h.id ${dir}
      LIMIT ${rowCount('limit')} OFFSET ${rowCount('offset')}`,
    params: {
      ...conds.params,
      ...keyset?.params,
      budget,
      limit: window.limit,
      offset: window.offset,
    },
  };
}
