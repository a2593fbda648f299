// SQL for an export's chunks: every hit of a search in its sort order, a chunk at a time, each
// chunk starting after the last row of the one before (its sort key and id), never at an OFFSET.
// Pure: every value is a parameter.
import type { SearchQuery } from '../../../src-shared/customers/views.ts';
import type { Bound, Param } from './executor.ts';
import type { Planned } from './planner.ts';
import { dirOf, ROW_COLUMNS, rowCount, SORT_COLUMNS, whereOf } from './sql-text.ts';

/** The list's columns and the street address ones it leaves out (kept in the stored document). */
export const EXPORT_COLUMNS = `${ROW_COLUMNS}, json_extract(c.doc, '$.billing_address1') AS billing_address1,
  json_extract(c.doc, '$.billing_address2') AS billing_address2, c.billing_phone`;

/** Where the previous chunk stopped: its last row's sort key and id. */
export interface ExportCursor {
  key: Param;
  id: number;
}

/**
 * Part of the order: rows whose sort key is set, then (or, ascending, before them) rows without
 * one in id order. Only `updated_at` may be unset; a row value comparison never matches NULL.
 */
export type ExportPhase = 'keys' | 'nulls';

export interface ExportOrder {
  /** Null: the order is the id alone. */
  column: string | null;
  dir: 'ASC' | 'DESC';
  phases: readonly ExportPhase[];
}

/** Relevance exports newest first (the list's order past its exact matches). */
export function exportOrder(query: Pick<SearchQuery, 'sort'>): ExportOrder {
  const { key } = query.sort;
  if (key === 'relevance') return { column: null, dir: 'DESC', phases: ['keys'] };
  const dir = dirOf(query);
  if (key === 'id') return { column: null, dir, phases: ['keys'] };
  if (key !== 'updated_at') return { column: SORT_COLUMNS[key], dir, phases: ['keys'] };
  // SQLite sorts NULL first ascending, last descending.
  return {
    column: 'updated_at',
    dir,
    phases: dir === 'ASC' ? ['nulls', 'keys'] : ['keys', 'nulls'],
  };
}

export function exportChunkSql(
  { conds }: Planned,
  order: ExportOrder,
  phase: ExportPhase,
  after: ExportCursor | null,
  limit: number,
): Bound {
  const { column, dir } = order;
  const cmp = dir === 'ASC' ? '>' : '<';
  // `+` keeps a filter from choosing its index: the sort key's index is walked from the cursor.
  const filters = conds.others.map((other, i) => (i < conds.residuals ? other : `+${other}`));
  const params: Record<string, Param> = { ...conds.params, limit };
  if (after) {
    params['afterKey'] = after.key;
    params['afterId'] = after.id;
  }
  let position: (string | null)[];
  let orderBy: string;
  if (column === null) {
    position = [after ? `c.id ${cmp} @afterId` : null];
    orderBy = `c.id ${dir}`;
  } else if (phase === 'nulls') {
    position = [`c.${column} IS NULL`, after ? `c.id ${cmp} @afterId` : null];
    orderBy = `c.id ${dir}`;
  } else {
    const nullable = order.phases.length > 1;
    position = [
      nullable && !after ? `c.${column} IS NOT NULL` : null,
      after ? `(c.${column}, c.id) ${cmp} (@afterKey, @afterId)` : null,
    ];
    orderBy = `c.${column} ${dir}, c.id ${dir}`;
  }
  return {
    name: `export.${phase}`,
    sql: `SELECT ${EXPORT_COLUMNS}${column ? `, c.${column} AS sort_key` : ''} FROM customers c ${whereOf([conds.hit, ...filters, ...position])}
      ORDER BY ${orderBy} LIMIT ${rowCount('limit')}`,
    params,
  };
}
