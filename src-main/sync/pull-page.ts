import type { AddressFacts, PaymentMethod } from '../../src-shared/customers/model.ts';
import { isRechargeError } from '../recharge/errors.ts';
import type { ListQuery, Page } from '../recharge/store-api.ts';
import type { Checkpoint } from './checkpoint.ts';
import type { PullItem, PullOptions } from './pull-options.ts';

export async function fetchPage(
  options: PullOptions,
  checkpoint: Checkpoint,
): Promise<Page<PullItem>> {
  const { api, signal, pageLimit } = options;
  const phase = checkpoint.phase;
  const list = (query: ListQuery): Promise<Page<PullItem>> =>
    phase === 'customers'
      ? api.listCustomers(query, signal)
      : phase === 'addresses'
        ? api.listAddresses(query, signal)
        : api.listPaymentMethods(query, signal);
  if (checkpoint.pageInfo !== null) {
    try {
      return await list({ limit: pageLimit, cursor: checkpoint.pageInfo });
    } catch (error) {
      // A cursor the server no longer accepts: restart the phase (upserts are idempotent).
      if (!isRechargeError(error) || error.kind !== 'validation') throw error;
      options.logger.warn('cursor refused; restarting the phase', { phase });
    }
  }
  try {
    return await list({ limit: pageLimit, updatedSince: checkpoint.since[phase] ?? null });
  } catch (error) {
    // A token without read_payment_methods still syncs customers and addresses.
    if (phase !== 'payment_methods' || !isRechargeError(error) || error.kind !== 'forbidden')
      throw error;
    options.logger.warn('payment methods not readable with this token; skipped', {});
    return { items: [], next: null };
  }
}

export async function missingOwners(
  options: PullOptions,
  items: readonly (AddressFacts | PaymentMethod)[],
) {
  const missing = [...new Set(items.map((item) => item.customer_id))].filter(
    (id) => !options.store.customers.exists(id),
  );
  const found = [];
  for (const id of missing) {
    try {
      found.push(await options.api.getCustomer(id, options.signal));
    } catch (error) {
      if (!isRechargeError(error) || error.kind !== 'not_found') throw error;
    }
  }
  return found;
}
