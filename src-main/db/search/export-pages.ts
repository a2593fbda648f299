// Every hit of a search in its sort order, a chunk at a time (keyset paging, see export-sql.ts),
// with pending edits' values applied: what an export writes, never all of it in memory at once.
import type { SearchQuery } from '../../../src-shared/customers/views.ts';
import type { Executor } from './executor.ts';
import { exportChunkSql, exportOrder, type ExportCursor } from './export-sql.ts';
import type { Planned } from './planner.ts';
import { customerRows, type PendingOverlay, type ShownRow } from './rows.ts';
import type { RowRecord } from './sql-text.ts';

export interface ExportRecord extends RowRecord {
  billing_address1: string | null;
  billing_address2: string | null;
  billing_phone: string | null;
  /** The sort key's value, where the order is not the id alone (the next chunk's cursor). */
  sort_key?: string | null;
}

export type ExportRow = ShownRow<ExportRecord>;

export function* exportPages(
  exec: Executor,
  planned: Planned | null,
  query: Pick<SearchQuery, 'sort'>,
  chunkSize: number,
  overlay: () => PendingOverlay,
): Generator<ExportRow[]> {
  if (!planned) return;
  const order = exportOrder(query);
  for (const phase of order.phases) {
    let after: ExportCursor | null = null;
    for (;;) {
      const records: ExportRecord[] = exec.rows<ExportRecord>(
        exportChunkSql(planned, order, phase, after, chunkSize),
      );
      if (records.length === 0) break;
      yield customerRows(records, overlay());
      if (records.length < chunkSize) break;
      const last: ExportRecord = records[records.length - 1]!;
      after = { key: last.sort_key ?? null, id: last.id };
    }
  }
}
