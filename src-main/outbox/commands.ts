import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/errors.ts';
import type {
  AddressFields,
  BulkPreview,
  OutboxSummary,
  Resolution,
} from '../../src-shared/outbox/edits.ts';
import {
  changedFields,
  pick,
  resolveConflict,
  type FieldValues,
} from '../../src-shared/outbox/rules.ts';
import {
  checkPaymentMethodToken,
  PAYMENT_METHOD_TOKEN_FIELD,
  tokenFieldOf,
  type Processor,
} from '../../src-shared/recharge/payment-tokens.ts';
import { inSlices } from '../lib/map-in-slices.ts';
import type { EditRow } from './edit-rows.ts';
import { BULK_SLICE, touchesBilling, type EditPlanner, type Target } from './edit-planner.ts';
import type { OutboxServiceDeps } from './ports.ts';
import type { ReadModel } from './read-model.ts';
import { openPatch, sealValue, withoutSecrets } from './token-codec.ts';

/** What the merchant does to the outbox: queue, retry, discard, resolve. */
export function createCommands(deps: OutboxServiceDeps, read: ReadModel, planner: EditPlanner) {
  const { repo, cache, sealer } = deps;
  const changed = () => deps.onChange(read.summary());

  const queued = (row: EditRow) => {
    changed();
    deps.kick();
    return { edit: read.view(row) };
  };

  return {
    queueBilling(customerId: number, patch: FieldValues) {
      const customer = planner.requireCustomer(customerId);
      if (touchesBilling(patch)) {
        planner.requireScope(deps.traits.billingScope, 'changing a billing address');
        const blocked = planner.billingBlocked(customer);
        if (blocked) throw new AppError('validation', blocked);
      }
      const seen = read.overlaid([customer]).get(customerId) ?? customer;
      const edit = planner.billingEdit(customer, seen, patch, null);
      if (!edit) throw new AppError('validation', 'Nothing to save: the values are unchanged.');
      return queued(repo.add(edit));
    },

    queuePaymentToken(
      customerId: number,
      processor: Processor,
      token: string,
      paymentMethodToken: string | null = null,
    ) {
      const customer = planner.requireCustomer(customerId);
      const { traits } = deps;
      if (!traits.tokenProcessors.includes(processor)) {
        throw new AppError('validation', 'This store’s API version cannot take that processor.', {
          fieldErrors: { processor: ['Not available on this store’s API version.'] },
        });
      }
      const patch: FieldValues = { [tokenFieldOf(processor)]: sealValue(token, sealer) };
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
        patch[PAYMENT_METHOD_TOKEN_FIELD] = sealValue(paymentMethodToken!, sealer);
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
      planner.requireCustomer(customerId);
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

    async bulkPreview(target: Target, patch: FieldValues): Promise<BulkPreview> {
      const plan = await planner.planBulk(target, patch, null);
      return {
        count: plan.edits.length,
        unchanged: plan.unchanged,
        skipped: plan.skipped,
        fields: Object.keys(patch),
        sample: plan.sample,
      };
    },

    /**
     * Queues one edit per customer, only if the preview still holds: a slice per transaction with
     * a turn of the event loop between, so the window stays live through 10,000. A confirm cut
     * short (the app killed) leaves its first slices queued; confirming again queues the rest,
     * as customers already carrying the pending values count as unchanged.
     */
    async bulkConfirm(target: Target, patch: FieldValues, expectedCount: number) {
      if (touchesBilling(patch))
        planner.requireScope(deps.traits.billingScope, 'changing billing addresses');
      const batchId = randomUUID();
      const plan = await planner.planBulk(target, patch, batchId);
      if (plan.edits.length !== expectedCount) {
        throw new AppError(
          'conflict',
          `The selection changed since the preview (${expectedCount} then, ${plan.edits.length} now). Preview again.`,
        );
      }
      await inSlices(plan.edits, BULK_SLICE, (slice) => repo.addMany(slice));
      changed();
      deps.kick();
      return { queued: plan.edits.length, batchId };
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
      return read.summary();
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
      return read.summary();
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
      return { edit: read.view(next) };
    },
  };
}
