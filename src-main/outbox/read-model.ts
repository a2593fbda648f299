import type { z } from 'zod';
import type {
  AuditEntry,
  EditView,
  OutboxList,
  OutboxListInput,
  OutboxSummary,
} from '../../src-shared/outbox/edits.ts';
import type { FieldValues } from '../../src-shared/outbox/rules.ts';
import type { Customer } from '../../src-shared/customers/model.ts';
import { editsByCustomer, withBillingValues } from '../db/pending-values.ts';
import type { EditRow } from './edit-rows.ts';
import type { OutboxRepo } from './outbox-repo.ts';
import type { OutboxServiceDeps } from './ports.ts';
import { displayValue } from './token-codec.ts';

export const customerName = (c: Pick<Customer, 'first_name' | 'last_name'> | null, id: number) =>
  (c ? `${c.first_name ?? ''} ${c.last_name ?? ''}`.trim() : '') || `Customer ${id}`;

/** The queue's counts, its oldest waiting edit and why it is paused. */
export const outboxSummary = (
  repo: OutboxRepo,
  pausedReason: () => OutboxSummary['pausedReason'],
): OutboxSummary => ({
  counts: repo.counts(),
  oldestPendingAt: repo.oldestPendingAt(),
  pausedReason: pausedReason(),
});

export type ReadModel = ReturnType<typeof createReadModel>;

/** What reads show of the outbox: edit views, counts, and queued values over the cache. */
export function createReadModel(deps: OutboxServiceDeps) {
  const { repo, cache, sealer } = deps;

  const summary = () => outboxSummary(repo, deps.pausedReason);

  const view = (row: EditRow, name?: string | null): EditView => {
    const mine: FieldValues = {};
    for (const [field, value] of Object.entries(row.patch))
      mine[field] = displayValue(field, value, sealer);
    return {
      id: row.id,
      customerId: row.customerId,
      customerName: name ?? customerName(cache.customer(row.customerId), row.customerId),
      addressId: row.addressId,
      kind: row.kind,
      state: row.state,
      fields: Object.keys(row.patch),
      mine,
      base: row.base,
      theirs: row.theirs,
      attempts: row.attempts,
      // A conflict is what the edit waits on now; an earlier failure (a 503) no longer matters.
      lastError: row.state === 'conflict' ? null : row.lastError,
      nextAttemptAt:
        row.state === 'pending' && row.nextAttemptAt > 0
          ? new Date(row.nextAttemptAt).toISOString()
          : null,
      batchId: row.batchId,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  };

  /** Live billing values of customers: the cache with their queued edits on top. */
  const overlaid = (customers: readonly Customer[]): Map<number, Customer> => {
    const live = editsByCustomer(repo.shownFor(customers.map((c) => c.id)));
    return new Map(customers.map((c) => [c.id, withBillingValues(c, live.get(c.id) ?? [])]));
  };

  return {
    summary,
    view,
    overlaid,

    list(input: z.output<typeof OutboxListInput>): OutboxList {
      const { items, total } = repo.list(input);
      const names = new Map(
        cache
          .customers([...new Set(items.map((i) => i.customerId))])
          .map((c) => [c.id, customerName(c, c.id)]),
      );
      return {
        items: items.map((row) =>
          view(row, names.get(row.customerId) ?? `Customer ${row.customerId}`),
        ),
        total,
        summary: summary(),
      };
    },

    /** The customer's audit entries, each with its edit's values before and after. */
    history(customerId: number): AuditEntry[] {
      const edits = new Map<number, EditView | null>();
      return repo.history(customerId).map((entry) => {
        if (!edits.has(entry.editId)) {
          const row = repo.get(entry.editId);
          edits.set(entry.editId, row ? view(row, '') : null);
        }
        const edit = edits.get(entry.editId);
        return edit ? { ...entry, before: edit.base, after: edit.mine } : entry;
      });
    },
  };
}
