// Result rows as the renderer gets them: flags as booleans, fields with queued edits marked.
import type { CustomerRow, SearchMatch } from '../../../src-shared/customers/views.ts';
import type { RowRecord } from './sql-text.ts';

/** Which fields of which customers have edits queued (filled in by the outbox). */
export interface PendingOverlay {
  pendingFields(customerIds: readonly number[]): ReadonlyMap<number, readonly string[]>;
}

export const noPendingEdits: PendingOverlay = { pendingFields: () => new Map() };

const flagOf = (value: number | null) => (value === null ? null : value === 1);

export function customerRows(
  records: readonly RowRecord[],
  overlay: PendingOverlay,
  matches: readonly (SearchMatch | null)[] = [],
): CustomerRow[] {
  const pending = overlay.pendingFields(records.map((r) => r.id));
  return records.map((r, i) => ({
    ...r,
    has_valid_payment_method: flagOf(r.has_valid_payment_method),
    in_dunning: flagOf(r.in_dunning),
    pending_fields: [...(pending.get(r.id) ?? [])],
    matched: matches[i] ?? null,
  }));
}
