// Result rows as the renderer gets them: flags as booleans, pending edits' values on top, marked,
// and why each matched when the list does not show it.
import type { CustomerRow, SearchMatch } from '../../../src-shared/customers/views.ts';
import { withPendingValues, type PendingOverlay } from '../pending-values.ts';
import type { RowRecord } from './sql-text.ts';

export { noPendingEdits, type PendingOverlay } from '../pending-values.ts';

const flagOf = (value: number | null) => (value === null ? null : value === 1);

/** A row as read (the list's columns, maybe more) turned into what is shown. */
export type ShownRow<R extends RowRecord> = Omit<R, 'has_valid_payment_method' | 'in_dunning'> &
  CustomerRow;

export function customerRows<R extends RowRecord>(
  records: readonly R[],
  overlay: PendingOverlay,
  matches: readonly (SearchMatch | null)[] = [],
): ShownRow<R>[] {
  return withPendingValues(records, overlay).map((r, i) => ({
    ...r,
    has_valid_payment_method: flagOf(r.has_valid_payment_method),
    in_dunning: flagOf(r.in_dunning),
    matched: matches[i] ?? null,
  }));
}
