import type { EditRow, NewEdit, OutboxRepo } from '../../src-main/outbox/outbox-repo.ts';
import type { EditState } from '../../src-shared/outbox/edits.ts';

/** A billing-city edit of one customer: the plainest edit, for tests where only its state counts. */
export function billingEdit(customerId: number): NewEdit {
  return {
    customerId,
    addressId: null,
    kind: 'billing',
    patch: { billing_city: `City ${customerId}` },
    base: { billing_city: null },
    baseUpdatedAt: null,
    batchId: null,
  };
}

/** Queues a billing edit of the customer and moves it to `state`; the row as first added. */
export function addEditIn(repo: OutboxRepo, customerId: number, state: EditState): EditRow {
  const edit = repo.add(billingEdit(customerId));
  if (state !== 'pending') repo.change(edit.id, { state, event: 'test' });
  return edit;
}
