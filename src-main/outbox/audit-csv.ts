import { toCsv, type CsvColumn } from '../../src-shared/csv.ts';
import type { AuditEntry } from '../../src-shared/outbox/edits.ts';

/** The entry's fields that the log shows, in column order; each header is its snake_case name. */
const AUDIT_FIELDS = [
  'id',
  'editId',
  'customerId',
  'kind',
  'event',
  'state',
  'fields',
  'message',
  'at',
] as const satisfies readonly (keyof AuditEntry)[];

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// The edit's fields (a list) go into one cell, space-separated.
const AUDIT_COLUMNS: readonly CsvColumn<AuditEntry>[] = AUDIT_FIELDS.map((field) => ({
  header: snakeCase(field),
  value: (entry: AuditEntry) => {
    const value = entry[field];
    return Array.isArray(value) ? value.join(' ') : value;
  },
}));

/** The whole audit log as CSV, streamed from the rows. */
export const auditCsv = (rows: Iterable<AuditEntry>): string => toCsv(AUDIT_COLUMNS, rows);
