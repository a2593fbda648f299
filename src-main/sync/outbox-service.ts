import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { toCsv, type CsvColumn } from '../../src-shared/csv.ts';
import { AppError } from '../../src-shared/errors.ts';
import {
  type BulkPreview,
  type BulkTarget,
  type OutboxListInput,
  type AuditEntry,
  type EditView,
  type OutboxList,
  type OutboxSummary,
  type Resolution,
  type AddressFields,
} from '../../src-shared/outbox/edits.ts';
import {
  changedFields,
  pick,
  resolveConflict,
  type FieldValues,
} from '../../src-shared/outbox/rules.ts';
import {
  checkPaymentMethodToken,
  maskToken,
  PAYMENT_METHOD_TOKEN_FIELD,
  tokenFieldOf,
  isTokenField,
  type Processor,
} from '../../src-shared/recharge/payment-tokens.ts';
import type { VersionTraits } from '../../src-shared/recharge/versions.ts';
import { BILLING_FIELDS, type Address, type Customer } from '../../src-shared/customers/model.ts';
import { SCOPE_LABELS, type Scope } from '../../src-shared/scopes.ts';
import type { EditRow, NewEdit, OutboxRepo } from '../db/outbox-repo.ts';
import {
  editsByCustomer,
  pendingFieldsOf,
  withAddressValues,
  withBillingValues,
} from '../db/pending-values.ts';
import type { CacheAccess, TokenSealer } from './outbox-ports.ts';

const SEALED = 'sealed:';

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
const MASKED = 'masked:';
const SAMPLE_SIZE = 5;

export interface OutboxServiceDeps {
  repo: OutboxRepo;
  cache: CacheAccess;
  sealer: TokenSealer;
  /** Called after every change so the renderer's counts stay true. */
  onChange: (summary: OutboxSummary) => void;
  /** Asks the pusher to drain soon (after a new edit). */
  kick: () => void;
  pausedReason: () => OutboxSummary['pausedReason'];
  /** How the store's API version shapes edits (where billing lives, what a token needs). */
  traits: VersionTraits;
  /** The active profile's scopes, read at each edit. */
  scopes: () => ReadonlySet<Scope>;
}

export type OutboxService = ReturnType<typeof createOutboxService>;

const customerName = (c: Pick<Customer, 'first_name' | 'last_name'> | null, id: number) =>
  (c ? `${c.first_name ?? ''} ${c.last_name ?? ''}`.trim() : '') || `Customer ${id}`;

/** The tokens inside an edit, shown only masked, whatever state the edit is in. */
export function displayValue(
  field: string,
  value: string | null,
  sealer: TokenSealer,
): string | null {
  // Only token fields are ever sealed: a billing value that merely starts so is a value.
  if (value === null || !isTokenField(field)) return value;
  if (value.startsWith(SEALED)) {
    try {
      return maskToken(sealer.open(value.slice(SEALED.length)));
    } catch {
      return '…';
    }
  }
  if (value.startsWith(MASKED)) return value.slice(MASKED.length);
  return value;
}

/** A settled token edit keeps only the mask: the token is stored no longer than needed. */
export function withoutSecrets(patch: FieldValues, sealer: TokenSealer): FieldValues {
  const out: FieldValues = {};
  for (const [field, value] of Object.entries(patch)) {
    out[field] =
      isTokenField(field) && value?.startsWith(SEALED)
        ? MASKED + displayValue(field, value, sealer)
        : value;
  }
  return out;
}

export function openPatch(patch: FieldValues, sealer: TokenSealer): FieldValues {
  const out: FieldValues = {};
  for (const [field, value] of Object.entries(patch)) {
    if (!isTokenField(field)) {
      out[field] = value;
      continue;
    }
    if (value?.startsWith(MASKED)) {
      throw new AppError('validation', 'Enter the payment token again: it is no longer stored.');
    }
    out[field] = value?.startsWith(SEALED) ? sealer.open(value.slice(SEALED.length)) : value;
  }
  return out;
}

export function createOutboxService(deps: OutboxServiceDeps) {
  const { repo, cache, sealer } = deps;

  const summary = (): OutboxSummary => ({
    counts: repo.counts(),
    oldestPendingAt: repo.oldestPendingAt(),
    pausedReason: deps.pausedReason(),
  });
  const changed = () => deps.onChange(summary());

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

  const requireCustomer = (id: number): Customer => {
    const customer = cache.customer(id);
    if (!customer) {
      throw new AppError(
        'not_found',
        'That customer is not in the local cache. Sync, then try again.',
      );
    }
    return customer;
  };

  /** Live billing values of customers: the cache with their queued edits on top. */
  const overlaid = (customers: readonly Customer[]): Map<number, Customer> => {
    const live = editsByCustomer(repo.liveFor(customers.map((c) => c.id)));
    return new Map(customers.map((c) => [c.id, withBillingValues(c, live.get(c.id) ?? [])]));
  };

  const touchesBilling = (patch: FieldValues) =>
    Object.keys(patch).some((field) => (BILLING_FIELDS as readonly string[]).includes(field));

  const requireScope = (scope: Scope, what: string) => {
    if (deps.scopes().has(scope)) return;
    throw new AppError(
      'forbidden',
      `This store's API token lacks "${SCOPE_LABELS[scope]}" (${scope}), which ${what} needs on ` +
        'this API version. Add it to the token in ReCharge, then replace the token in Settings.',
      { scope },
    );
  };

  /** Why this customer's billing address cannot be changed here, or null when it can. */
  const billingBlocked = (customer: Customer): string | null => {
    if (deps.traits.billingOn !== 'payment_method') return null;
    const method = cache
      .paymentMethods(customer.id)
      .find((m) => m.id === customer.default_payment_method_id);
    if (!method) {
      return (
        'This customer has no default payment method on ReCharge, so there is no billing ' +
        'address to change. Add a payment method first (or sync, if one was added meanwhile).'
      );
    }
    if (method.read_only) {
      return `The default payment method is managed by ${method.processor_name ?? 'another platform'}: change its billing address there.`;
    }
    return null;
  };

  const billingEdit = (
    customer: Customer,
    seen: Customer,
    patch: FieldValues,
    batchId: string | null,
  ): NewEdit | null => {
    const fields = changedFields(pick(seen, Object.keys(patch)), patch);
    if (fields.length === 0) return null;
    const values: FieldValues = {};
    for (const field of fields) values[field] = patch[field] ?? null;
    return {
      customerId: customer.id,
      addressId: null,
      kind: 'billing',
      patch: values,
      // The base is what the person saw (queued values included), so our own earlier edits
      // are not mistaken for someone else's change.
      base: pick(seen, fields),
      baseUpdatedAt: customer.updated_at,
      batchId,
    };
  };

  const resolveTarget = (target: z.output<typeof BulkTarget>) =>
    target.kind === 'ids'
      ? [...new Set(target.ids)]
      : cache.searchIds(target.query, target.filters);

  const planBulk = (
    target: Parameters<typeof resolveTarget>[0],
    patch: FieldValues,
    batchId: string | null,
  ) => {
    const ids = resolveTarget(target);
    const edits: NewEdit[] = [];
    const sample: BulkPreview['sample'] = [];
    let unchanged = 0;
    let skipped = 0;
    const chunk = 500;
    const billing = touchesBilling(patch);
    for (let i = 0; i < ids.length; i += chunk) {
      const customers = cache.customers(ids.slice(i, i + chunk));
      const seen = overlaid(customers);
      for (const customer of customers) {
        if (billing && billingBlocked(customer) !== null) {
          skipped++;
          continue;
        }
        const current = seen.get(customer.id) ?? customer;
        const edit = billingEdit(customer, current, patch, batchId);
        if (!edit) {
          unchanged++;
          continue;
        }
        edits.push(edit);
        if (sample.length < SAMPLE_SIZE) {
          sample.push({
            id: customer.id,
            name: customerName(customer, customer.id),
            before: edit.base,
            after: edit.patch,
          });
        }
      }
    }
    return { ids, edits, sample, unchanged, skipped };
  };

  const queued = (row: EditRow) => {
    changed();
    deps.kick();
    return { edit: view(row) };
  };

  return {
    summary,
    view,
    get: (id: number) => repo.get(id),
    /** Edits not yet settled: a profile with any cannot be removed without a decision. */
    liveCount(): number {
      const c = repo.counts();
      return c.pending + c.in_flight + c.conflict + c.failed;
    },

    queueBilling(customerId: number, patch: FieldValues) {
      const customer = requireCustomer(customerId);
      if (touchesBilling(patch)) {
        requireScope(deps.traits.billingScope, 'changing a billing address');
        const blocked = billingBlocked(customer);
        if (blocked) throw new AppError('validation', blocked);
      }
      const seen = overlaid([customer]).get(customerId) ?? customer;
      const edit = billingEdit(customer, seen, patch, null);
      if (!edit) throw new AppError('validation', 'Nothing to save: the values are unchanged.');
      return queued(repo.add(edit));
    },

    queuePaymentToken(
      customerId: number,
      processor: Processor,
      token: string,
      paymentMethodToken: string | null = null,
    ) {
      const customer = requireCustomer(customerId);
      const { traits } = deps;
      if (!traits.tokenProcessors.includes(processor)) {
        throw new AppError('validation', 'This store’s API version cannot take that processor.', {
          fieldErrors: { processor: ['Not available on this store’s API version.'] },
        });
      }
      const patch: FieldValues = { [tokenFieldOf(processor)]: SEALED + sealer.seal(token) };
      if (traits.paymentMethodToken) {
        const problem =
          paymentMethodToken === null
            ? 'Required: API 2021-11 creates a payment method from both tokens.'
            : checkPaymentMethodToken(processor, paymentMethodToken);
        if (problem) {
          throw new AppError('validation', problem, {
            fieldErrors: { paymentMethodToken: [problem] },
          });
        }
        patch[PAYMENT_METHOD_TOKEN_FIELD] = SEALED + sealer.seal(paymentMethodToken!);
      }
      return queued(
        repo.add({
          customerId,
          addressId: null,
          kind: 'payment_token',
          patch,
          base: { processor_type: customer.processor_type },
          baseUpdatedAt: customer.updated_at,
          batchId: null,
        }),
      );
    },

    queueAddressCreate(customerId: number, address: AddressFields) {
      requireCustomer(customerId);
      return queued(
        repo.add({
          customerId,
          addressId: null,
          kind: 'address_create',
          patch: { ...address },
          base: {},
          baseUpdatedAt: null,
          batchId: null,
        }),
      );
    },

    queueAddressUpdate(customerId: number, addressId: number, patch: FieldValues) {
      const address = cache.address(customerId, addressId);
      if (!address) {
        throw new AppError(
          'not_found',
          'That address is not in the local cache for this customer.',
        );
      }
      const fields = changedFields(pick(address, Object.keys(patch)), patch);
      if (fields.length === 0)
        throw new AppError('validation', 'Nothing to save: the values are unchanged.');
      return queued(
        repo.add({
          customerId,
          addressId,
          kind: 'address_update',
          patch: Object.fromEntries(fields.map((f) => [f, patch[f] ?? null])),
          base: pick(address, fields),
          baseUpdatedAt: address.updated_at,
          batchId: null,
        }),
      );
    },

    bulkPreview(target: Parameters<typeof resolveTarget>[0], patch: FieldValues): BulkPreview {
      const plan = planBulk(target, patch, null);
      return {
        count: plan.edits.length,
        unchanged: plan.unchanged,
        skipped: plan.skipped,
        fields: Object.keys(patch),
        sample: plan.sample,
      };
    },

    /** Queues one edit per customer in one transaction, only if the preview still holds. */
    bulkConfirm(
      target: Parameters<typeof resolveTarget>[0],
      patch: FieldValues,
      expectedCount: number,
    ) {
      if (touchesBilling(patch))
        requireScope(deps.traits.billingScope, 'changing billing addresses');
      const batchId = randomUUID();
      const plan = planBulk(target, patch, batchId);
      if (plan.edits.length !== expectedCount) {
        throw new AppError(
          'conflict',
          `The selection changed since the preview (${expectedCount} then, ${plan.edits.length} now). Preview again.`,
        );
      }
      repo.addMany(plan.edits);
      changed();
      deps.kick();
      return { queued: plan.edits.length, batchId };
    },

    /** What has edits waiting, per customer (see `pendingFieldsOf`). */
    pendingFields(customerIds: readonly number[]): Map<number, string[]> {
      const byCustomer = editsByCustomer(repo.liveFor(customerIds));
      return new Map([...byCustomer].map(([id, edits]) => [id, pendingFieldsOf(edits)]));
    },

    overlayCustomer(customer: Customer): Customer {
      return withBillingValues(customer, repo.liveFor([customer.id]));
    },

    /** A customer's cached addresses with their queued changes on top, oldest edit first. */
    overlayAddresses(customerId: number, addresses: readonly Address[]): Address[] {
      const edits = repo.liveFor([customerId]);
      return addresses.map((address) => withAddressValues(address, edits));
    },

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

    retry(ids: readonly number[]): OutboxSummary {
      for (const id of ids) {
        const row = repo.get(id);
        if (!row || (row.state !== 'failed' && row.state !== 'pending')) continue;
        openPatch(row.patch, sealer);
        repo.changeIf(id, ['failed', 'pending'], {
          state: 'pending',
          // A create that may be on the store keeps its wait: it is looked for, not resent early.
          nextAttemptAt: row.ambiguous ? row.nextAttemptAt : 0,
          lastError: null,
          event: 'retry requested',
        });
      }
      changed();
      deps.kick();
      return summary();
    },

    discard(ids: readonly number[]): OutboxSummary {
      for (const id of ids) {
        const row = repo.get(id);
        // An edit on the wire cannot be called back: it settles as the store answers.
        if (!row) continue;
        repo.changeIf(id, ['pending', 'failed', 'conflict'], {
          state: 'discarded',
          patch: withoutSecrets(row.patch, sealer),
          event: 'discarded',
        });
      }
      changed();
      return summary();
    },

    resolve(id: number, resolution: Resolution) {
      const row = repo.get(id);
      if (!row || row.state !== 'conflict' || !row.theirs) {
        throw new AppError('validation', 'That edit has no conflict to resolve.');
      }
      const { patch, base } = resolveConflict(row.patch, row.theirs, resolution);
      const next =
        Object.keys(patch).length === 0
          ? repo.changeIf(id, ['conflict'], {
              state: 'discarded',
              patch: withoutSecrets(row.patch, sealer),
              theirs: null,
              event: 'resolved: took theirs',
            })
          : repo.changeIf(id, ['conflict'], {
              state: 'pending',
              patch,
              base,
              // Re-based on the server's values; no timestamp, so the push compares fields.
              baseUpdatedAt: null,
              theirs: null,
              lastError: null,
              nextAttemptAt: 0,
              event: resolution === 'mine' ? 'resolved: kept mine' : 'resolved per field',
            });
      if (!next) throw new AppError('validation', 'That edit has no conflict to resolve.');
      changed();
      deps.kick();
      return { edit: view(next) };
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

    exportAuditCsv(): string {
      return toCsv(AUDIT_COLUMNS, repo.auditRows());
    },
  };
}
