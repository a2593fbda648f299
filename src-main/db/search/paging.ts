// Finds a page of a search once its total is known: exact matches first (relevance), then the
// page the planner's choice of way gives, falling back to sorting the hits when a walk of the
// sort key's index runs out of budget.
import type { SearchQuery } from '../../../src-shared/customers/views.ts';
import type { Bound, Executor } from './executor.ts';
import type { Lookups } from './lookups.ts';
import { exactSql, pageSql, type PageWindow } from './page-sql.ts';
import {
  filtersWalked,
  pageKind,
  walkable,
  walkFor,
  type Counted,
  type Planned,
} from './planner.ts';
import { EXACT_SCAN_MAX, type RowRecord } from './sql-text.ts';
import { walkSql } from './walk-sql.ts';

export interface PageInput {
  planned: Planned;
  query: SearchQuery;
  /** The page's first hit, counted from 0. */
  start: number;
  counted: Counted;
  /** A bare prefix's hits, highest id first (see `isBarePrefix`). */
  bare: Float64Array | null;
  /** Every hit, when the first hits were all of them (a JSON array of ids). */
  hitIds: string | null;
}

export interface PageFound {
  rows: RowRecord[];
  /** The exact matches ranked first (relevance), on this page or not. */
  exactIds: ReadonlySet<number>;
}

export interface Pager {
  /** With `query.after`, the rows after that cursor (`start` is then 0). */
  page(input: PageInput): PageFound;
  /**
   * The statement that finds a page (a walk or the page itself), for `explain`. How a sorted
   * page is found depends on how many hits there are: without `counted`, the page itself.
   */
  statementFor(
    input: Omit<PageInput, 'bare' | 'hitIds' | 'counted'> & { counted: Counted | null },
  ): Bound;
}

export function createPager(exec: Executor, lookups: Lookups): Pager {
  /** A walk's page, or null when sorting the hits is cheaper or needed after all. */
  const walked = ({ planned, query, start, counted }: PageInput): RowRecord[] | null => {
    if (!walkable(planned, query)) return null;
    const walk = walkFor(planned, query, start, counted, lookups.customers);
    if (!walk) return null;
    const window = { limit: query.pageSize, offset: start };
    const budget = Math.min(walk.budget, walk.customers);
    const bound = walkSql(planned, query, walk.test, window, budget, query.after ?? null);
    const rows = exec.rows<RowRecord>(bound);
    // A full page, or every entry walked: exact. Else the rest of the hits lie past the budget.
    return rows.length === query.pageSize || walk.budget >= walk.customers ? rows : null;
  };

  /** A bare prefix by relevance: its merged ids, past the exact matches, then their rows. */
  const barePage = (
    bare: Float64Array,
    skip: ReadonlySet<number>,
    from: number,
    n: number,
    below: number,
  ) => {
    let left = from;
    const ids: number[] = [];
    for (const id of bare) {
      if (skip.has(id) || id >= below) continue;
      if (left > 0) {
        left -= 1;
        continue;
      }
      ids.push(id);
      if (ids.length === n) break;
    }
    return lookups.rowsByIds(ids);
  };

  return {
    page(input) {
      const { planned, query, start, counted, bare, hitIds } = input;
      const after = query.after ?? null;
      const kind = pageKind(planned, query);
      const fewHits = counted.exact && counted.total <= EXACT_SCAN_MAX;
      const { plan } = planned;
      const exactAll =
        kind === 'relevance' && plan.kind !== 'all'
          ? exec.rows<RowRecord>(exactSql(planned, plan.exact, fewHits, hitIds))
          : [];
      const exactIds = new Set(exactAll.map((r) => r.id));
      // Past a cursor: the exact matches after its row while they last (key 0), none past them.
      const exact =
        after === null ? exactAll : after.key === 0 ? exactAll.filter((r) => r.id < after.id) : [];
      const records = exact.slice(start, start + query.pageSize);
      const remaining = query.pageSize - records.length;
      if (remaining <= 0 || counted.total <= 0) return { rows: records, exactIds };
      const from = Math.max(0, start - exact.length);
      const found = (rows: RowRecord[]) => ({ rows: [...records, ...rows], exactIds });
      if (bare && query.sort.key === 'relevance') {
        const below = after?.key === 1 ? after.id : Infinity;
        return found(barePage(bare, exactIds, from, remaining, below));
      }
      const walkedRows = walked(input);
      if (walkedRows) return found(walkedRows);
      const walkFilters = filtersWalked(planned, query, start, counted, lookups.customers);
      const window: PageWindow = { limit: remaining, offset: from };
      const options = { exactIds: JSON.stringify([...exactIds]), hitIds, walkFilters, after };
      return found(exec.rows<RowRecord>(pageSql(kind, planned, query, window, options)));
    },

    statementFor({ planned, query, start, counted }) {
      const window = { limit: query.pageSize, offset: start };
      const walk =
        counted && walkable(planned, query)
          ? walkFor(planned, query, start, counted, lookups.customers)
          : null;
      if (walk) {
        const budget = Math.min(walk.budget, walk.customers);
        return walkSql(planned, query, walk.test, window, budget, query.after ?? null);
      }
      const walkFilters =
        counted !== null && filtersWalked(planned, query, start, counted, lookups.customers);
      const options = { exactIds: '[]', hitIds: null, walkFilters, after: query.after ?? null };
      return pageSql(pageKind(planned, query), planned, query, window, options);
    },
  };
}
