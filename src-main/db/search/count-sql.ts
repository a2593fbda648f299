// SQL for totals and id lists. Pure: the planner says which to run; every value is a parameter.
import type { SearchQuery } from '../../../src-shared/customers/views.ts';
import type { Bound } from './executor.ts';
import { flagsListing, onlyFilters, type Planned } from './planner.ts';
import { FTS_HITS, rowCount, whereOf } from './sql-text.ts';

const FTS_COUNT = 'SELECT count(*) FROM customers_fts WHERE customers_fts MATCH @match';

/** Every hit, exactly; for filters on text hits, also the text's hits before them (same cost). */
export function countSql(planned: Planned, filters: SearchQuery['filters']): Bound {
  const { conds } = planned;
  const { hit, others, params } = conds;
  const bound = (name: string, sql: string): Bound => ({ name, sql, params });
  if (conds.ftsComplete && others.length === 0) return bound('count.fts', FTS_COUNT);
  if (conds.ftsComplete && onlyFilters(planned)) {
    return bound(
      'count.ftsFlags',
      `SELECT count(*) FILTER (WHERE ${others.join(' AND ')}), count(*)
        FROM customers_fts f JOIN customer_flags c ON c.id = f.rowid
        WHERE customers_fts MATCH @match`,
    );
  }
  if (onlyFilters(planned) || flagsListing(planned, filters)) {
    return bound(
      'count.flags',
      `SELECT count(*) FROM customer_flags c ${whereOf([hit, ...others])}`,
    );
  }
  return bound('count.rows', `SELECT count(*) FROM customers c ${whereOf([hit, ...others])}`);
}

/** The text's hits alone, exactly (the walk's cost model needs them when filters are sampled). */
export const textCountSql = ({ conds }: Planned): Bound => ({
  name: 'count.fts',
  sql: FTS_COUNT,
  params: conds.params,
});

/**
 * The trigram index's first `cap` hits only (text without short terms, every customer indexed):
 * how many there are and, with filters, how many of them pass.
 */
export function sampledCountSql({ conds }: Planned, cap: number): Bound {
  const firstHits = `${FTS_HITS} LIMIT ${rowCount('cap')}`;
  const sql =
    conds.others.length === 0
      ? `SELECT count(*), count(*) FROM (${firstHits})`
      : `SELECT count(*) FILTER (WHERE ${conds.others.join(' AND ')}), count(*)
          FROM (${firstHits}) f JOIN customer_flags c ON c.id = f.rowid`;
  return { name: 'count.sampled', sql, params: { ...conds.params, cap } };
}

/**
 * A listing with filters alone: its first `cap` customers in id order, and the last one's id
 * (how far the scan went, for the share that passes).
 */
export const listingCountSql = ({ conds }: Planned, cap: number): Bound => ({
  name: 'count.listing',
  sql: `SELECT count(*), max(id) FROM (SELECT c.id FROM customer_flags c ${whereOf(conds.others)}
        ORDER BY c.id LIMIT ${rowCount('cap')})`,
  params: { ...conds.params, cap },
});

/** Every id a search matches, in id order. */
export const idsSql = ({ conds }: Planned): Bound => ({
  name: 'ids',
  sql: `SELECT c.id FROM customers c ${whereOf([conds.hit, ...conds.others])} ORDER BY c.id`,
  params: conds.params,
});
