// Reads for the search box. Results come a page at a time with a total; the FTS5 trigram index
// (or, for one- and two-character input, the sort-key indexes) does the finding, never a scan of
// every row's text. The planner decides, the builders write SQL with every value a parameter,
// the executor runs it through a bounded statement cache.
import { performance } from 'node:perf_hooks';
import type {
  SearchCursor,
  SearchQuery,
  SearchResult,
} from '../../../src-shared/customers/views.ts';
import { idsSql } from './count-sql.ts';
import { createCounter } from './counting.ts';
import type { Executor } from './executor.ts';
import { exportPages, type ExportRow } from './export-pages.ts';
import type { Lookups } from './lookups.ts';
import { sortColumn } from './keyset-sql.ts';
import { headSql } from './page-sql.ts';
import { createPager } from './paging.ts';
import {
  filteredListing,
  isBarePrefix,
  listsHead,
  pageKind,
  planQuery,
  walkable,
  type Counted,
  type Planned,
} from './planner.ts';
import { customerRows, type PendingOverlay } from './rows.ts';
import { EXACT_SCAN_MAX } from './sql-text.ts';
import { matchesOf, needlesOf } from './why-matched.ts';

export interface SearchRepo {
  /** A page and its total, exact up to `exactTotalUpTo` hits (past it, at least that many). */
  search(query: SearchQuery): SearchResult;
  /** The exact number of customers a search matches, however many. */
  count(query: Pick<SearchQuery, 'query' | 'filters'>): number;
  /** Every id a search matches (no paging), for bulk edits. */
  ids(query: Pick<SearchQuery, 'query' | 'filters'>): number[];
  /** The plan SQLite picks for a query, for tests and diagnostics. */
  explain(query: SearchQuery): string[];
  /** Every hit in sort order, `chunkSize` rows at a time, pending values applied (exports). */
  exportPages(
    query: Pick<SearchQuery, 'query' | 'filters' | 'sort'>,
    chunkSize: number,
  ): Generator<ExportRow[]>;
}

export interface SearchEngineParts {
  exec: Executor;
  lookups: Lookups;
  overlay: () => PendingOverlay;
  /** Null when every customer is indexed; else the highest id that is. */
  indexedThrough: () => number | null;
  /** Totals past this many hits are left at "at least". */
  exactTotalUpTo: number;
}

export function createSearchEngine(parts: SearchEngineParts): SearchRepo {
  const { exec, lookups } = parts;
  const counter = createCounter(exec, lookups, parts.exactTotalUpTo);
  const pager = createPager(exec, lookups);
  const plannedFor = (query: Pick<SearchQuery, 'query' | 'filters'>) =>
    planQuery(query, parts.indexedThrough());

  /** The cursor after a page's last row, in the page's own order. */
  const cursorOf = (
    planned: Planned,
    query: SearchQuery,
    id: number,
    exactIds: ReadonlySet<number>,
  ): SearchCursor | null => {
    const kind = pageKind(planned, query);
    if (kind === 'relevance') return { key: exactIds.has(id) ? 0 : 1, id };
    if (kind === 'byId') return { key: null, id };
    const key = lookups.sortKey(sortColumn(query).column, id);
    return key === undefined ? null : { key, id };
  };

  return {
    search(query) {
      const started = performance.now();
      const result = { page: query.page, pageSize: query.pageSize };
      const planned = plannedFor(query);
      if (!planned) {
        return { items: [], total: 0, totalExact: true, ...result, next: null, tookMs: 0 };
      }
      const start = query.after ? 0 : (query.page - 1) * query.pageSize;
      const bare = isBarePrefix(planned) ? lookups.prefixIds(planned.plan.prefix) : null;
      const head = listsHead(planned, query) ? exec.column<number>(headSql(planned)) : null;
      const allHits = head && head.length <= EXACT_SCAN_MAX ? head : null;
      const counted: Counted = bare
        ? { total: bare.length, textHits: bare.length, exact: true }
        : allHits
          ? { total: allHits.length, textHits: allHits.length, exact: true }
          : counter.upTo(planned, query);
      const hitIds = allHits ? JSON.stringify(allHits) : null;
      const { rows: records, exactIds } = pager.page({
        planned,
        query,
        start,
        counted,
        bare,
        hitIds,
      });
      const ended =
        records.length < query.pageSize ||
        (!query.after && counted.exact && start + records.length >= counted.total);
      const next = ended ? null : cursorOf(planned, query, records.at(-1)!.id, exactIds);
      const matches = matchesOf(records, needlesOf(planned.plan), lookups.hiddenFields);
      return {
        items: customerRows(records, parts.overlay(), matches),
        total: counted.total,
        totalExact: counted.exact,
        ...result,
        next,
        tookMs: Math.round((performance.now() - started) * 1000) / 1000,
      };
    },

    count(query) {
      const planned = plannedFor(query);
      if (!planned) return 0;
      if (isBarePrefix(planned)) return lookups.prefixIds(planned.plan.prefix).length;
      // Sort and page do not change a total.
      return counter.exactly(planned, query).total;
    },

    ids(query) {
      const planned = plannedFor(query);
      return planned ? exec.column<number>(idsSql(planned)) : [];
    },

    explain(query) {
      const planned = plannedFor(query);
      if (!planned) return [];
      const start = (query.page - 1) * query.pageSize;
      const sorted = walkable(planned, query) || filteredListing(planned, query);
      const counted = sorted ? counter.exactly(planned, query) : null;
      return exec.plan(pager.statementFor({ planned, query, start, counted }));
    },

    exportPages: (query, chunkSize) =>
      exportPages(exec, plannedFor(query), query, chunkSize, parts.overlay),
  };
}
