import { toCsv, type CsvColumn } from '../../src-shared/csv.ts';
import type { AuditEntry } from '../../src-shared/outbox/edits.ts';

const AUDIT_COLUMNS: readonly CsvColumn<AuditEntry>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'edit_id', value: (e) => e.editId },
  { header: 'customer_id', value: (e) => e.customerId },
  { header: 'kind', value: (e) => e.kind },
  { header: 'event', value: (e) => e.event },
  { header: 'state', value: (e) => e.state },
  { header: 'fields', value: (e) => e.fields.join(' ') },
  { header: 'message', value: (e) => e.message },
  { header: 'at', value: (e) => e.at },
];

/** The whole audit log as CSV, streamed from the rows. */
export const auditCsv = (rows: Iterable<AuditEntry>): string => toCsv(AUDIT_COLUMNS, rows);
