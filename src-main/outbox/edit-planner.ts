import type { z } from 'zod';
import { AppError } from '../../src-shared/errors.ts';
import type { BulkPreview, BulkTarget } from '../../src-shared/outbox/edits.ts';
import { changedFields, pick, type FieldValues } from '../../src-shared/outbox/rules.ts';
import { BILLING_FIELDS, type Customer } from '../../src-shared/customers/model.ts';
import { SCOPE_LABELS, type Scope } from '../../src-shared/scopes.ts';
import { inSlices } from '../lib/map-in-slices.ts';
import type { NewEdit } from './edit-rows.ts';
import type { OutboxServiceDeps } from './ports.ts';
import { customerName } from './read-model.ts';

const SAMPLE_SIZE = 5;
/** Customers planned, or edits queued, between two turns of the main thread's event loop. */
export const BULK_SLICE = 200;

export type EditPlanner = ReturnType<typeof createEditPlanner>;
export type Target = z.output<typeof BulkTarget>;

export const touchesBilling = (patch: FieldValues) =>
  Object.keys(patch).some((field) => (BILLING_FIELDS as readonly string[]).includes(field));

/** Turns what the merchant asked for into edits to queue, checking what the store allows. */
export function createEditPlanner(
  deps: OutboxServiceDeps,
  overlaid: (customers: readonly Customer[]) => Map<number, Customer>,
) {
  const { cache } = deps;

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

  const resolveTarget = (target: Target) =>
    target.kind === 'ids'
      ? [...new Set(target.ids)]
      : cache.searchIds(target.query, target.filters);

  /**
   * A bulk edit's plan, a slice of customers at a time with a turn of the event loop between:
   * 10,000 customers planned in one go held the main thread (windows, IPC) for a tenth of a second.
   */
  const planBulk = async (target: Target, patch: FieldValues, batchId: string | null) => {
    const ids = resolveTarget(target);
    const edits: NewEdit[] = [];
    const sample: BulkPreview['sample'] = [];
    let unchanged = 0;
    let skipped = 0;
    const billing = touchesBilling(patch);
    await inSlices(ids, BULK_SLICE, (slice) => {
      const customers = cache.customers(slice);
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
    });
    return { ids, edits, sample, unchanged, skipped };
  };

  return { requireCustomer, requireScope, billingBlocked, billingEdit, planBulk };
}
