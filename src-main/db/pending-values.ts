// Cached rows as the user should see them while edits wait in the outbox: the queued values on
// top, and the fields marked pending. Search rows, the detail and the export all come through
// here, so the list, the detail pane and a CSV never disagree about a pending edit.
import type { EditKind } from '../../src-shared/outbox/edits.ts';
import type { FieldValues } from '../../src-shared/outbox/rules.ts';
import { isTokenField } from '../../src-shared/recharge/payment-tokens.ts';

/** A live edit (pending, in flight or in conflict), as the outbox holds it. */
export interface PendingEdit {
  customerId: number;
  addressId: number | null;
  kind: EditKind;
  patch: FieldValues;
}

/**
 * The outbox's shown edits of these customers (live, failed ones aside: the values reads lay
 * over the cache), oldest first: one read for a whole page.
 */
export interface PendingOverlay {
  shownEdits(customerIds: readonly number[]): readonly PendingEdit[];
}

export const noPendingEdits: PendingOverlay = { shownEdits: () => [] };

/**
 * What has edits waiting: the customer's own fields by name, the payment method as
 * `payment_method`, delivery addresses as `address:<id>` (`address:new` for one being created).
 */
export function pendingFieldsOf(edits: readonly PendingEdit[]): string[] {
  const fields = new Set<string>();
  for (const edit of edits) {
    if (edit.kind === 'address_update') fields.add(`address:${edit.addressId}`);
    else if (edit.kind === 'address_create') fields.add('address:new');
    else
      for (const field of Object.keys(edit.patch)) {
        fields.add(isTokenField(field) ? 'payment_method' : field);
      }
  }
  return [...fields].sort();
}

/**
 * The record with its billing edits' values on top, oldest edit first. Only fields the record
 * has are set; payment-token edits hold sealed tokens and never become values.
 */
export function withBillingValues<T extends object>(record: T, edits: readonly PendingEdit[]): T {
  let out: T | null = null;
  for (const edit of edits) {
    if (edit.kind !== 'billing') continue;
    for (const [field, value] of Object.entries(edit.patch)) {
      if (!Object.hasOwn(record, field)) continue;
      out ??= { ...record };
      (out as Record<string, unknown>)[field] = value;
    }
  }
  return out ?? record;
}

/** An address with its queued changes on top. */
export function withAddressValues<T extends { id: number }>(
  address: T,
  edits: readonly PendingEdit[],
): T {
  const own = edits.filter((e) => e.kind === 'address_update' && e.addressId === address.id);
  if (own.length === 0) return address;
  const out: Record<string, unknown> = { ...address };
  for (const edit of own) Object.assign(out, edit.patch);
  return out as T;
}

/** Live edits grouped per customer. */
export function editsByCustomer(edits: readonly PendingEdit[]): Map<number, PendingEdit[]> {
  const out = new Map<number, PendingEdit[]>();
  for (const edit of edits) {
    const list = out.get(edit.customerId);
    if (list) list.push(edit);
    else out.set(edit.customerId, [edit]);
  }
  return out;
}

/** Rows with pending values applied and marked, after one outbox read for all of them. */
export function withPendingValues<T extends { id: number }>(
  rows: readonly T[],
  overlay: PendingOverlay,
): (T & { pending_fields: string[] })[] {
  const edits = editsByCustomer(overlay.shownEdits(rows.map((r) => r.id)));
  return rows.map((row) => {
    const own = edits.get(row.id) ?? [];
    return { ...withBillingValues(row, own), pending_fields: pendingFieldsOf(own) };
  });
}
