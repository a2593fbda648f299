import type { CacheStore } from '../db/cache-store.ts';
import type { Checkpoint } from './checkpoint.ts';
import type { PullOptions, PullSummary } from './pull-options.ts';

/**
 * Why a full pass must not delete what it did not see: it saw far fewer customers than the store
 * counted, or (where the store cannot count) than the cache holds. A list that ended early
 * would otherwise empty the cache.
 */
export function sweepRefusal(checkpoint: Checkpoint, store: CacheStore): string | null {
  const seen = checkpoint.customers;
  const counted = checkpoint.totals.customers;
  const cached = store.customers.count();
  const belowCount = counted !== null && seen < counted * 0.9;
  const belowCache = cached >= 20 && seen < cached * 0.5;
  if (!belowCount && !belowCache) return null;
  const [what, expected] = belowCount ? ['store counts', counted] : ['cache holds', cached];
  return (
    `The full sync saw ${seen} customers, but the ${what} ${expected}: the list seems to have ` +
    'ended early, so nothing was deleted. If customers really were removed on ReCharge, ' +
    'rebuild the cache in Settings.'
  );
}

/** Deletes what a full pass did not see (a killed run resumes the sweep) and completes the run. */
export async function sweep(options: PullOptions, checkpoint: Checkpoint, summary: PullSummary) {
  const { signal } = options;
  options.onProgress({
    phase: 'sweep',
    full: true,
    pages: checkpoint.pages,
    customers: checkpoint.customers,
    addresses: checkpoint.addresses,
    paymentMethods: checkpoint.paymentMethods,
    total: checkpoint.totals.customers,
    ratePerSec: 0,
    etaSec: null,
  });
  const deleted = await options.writer.sweep(
    { pass: checkpoint.pass ?? 0, checkpoint, now: options.now() },
    signal,
  );
  summary.deletedAddresses += deleted.addresses;
  summary.deletedCustomers += deleted.customers;
  summary.deletedPaymentMethods += deleted.paymentMethods;
  signal.throwIfAborted();
}
