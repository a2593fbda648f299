import type { SearchFilters } from '../../src-shared/customers/views.ts';
import { Address, Customer } from '../../src-shared/recharge/wire.ts';
import type { CacheStore } from '../db/cache-store.ts';
import type { CacheAccess } from './outbox-ports.ts';

/** The outbox's view of the cache, over the repositories. */
export function cacheAccessOn(
  store: CacheStore,
  now: () => number,
  searchIds: (query: string, filters: SearchFilters) => number[],
): CacheAccess {
  // The cache holds only payloads that were parsed when they were stored.
  const customer = (id: number): Customer | null =>
    (store.customers.getRaw(id) as Customer | null) ?? null;
  const addresses = (customerId: number): Address[] =>
    store.addresses
      .rawOfCustomer(customerId)
      .map((raw) => Address.safeParse(raw))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  return {
    customer,
    customers: (ids) => ids.map(customer).filter((c): c is Customer => c !== null),
    addresses,
    address: (customerId, addressId) =>
      addresses(customerId).find((a) => a.id === addressId) ?? null,
    searchIds,
    saveCustomer(raw) {
      const parsed = Customer.safeParse(raw);
      if (parsed.success)
        store.customers.upsert([{ customer: parsed.data, raw }], { syncedAt: now() });
    },
    saveAddress(raw) {
      const parsed = Address.safeParse(raw);
      if (parsed.success)
        store.addresses.upsert([{ address: parsed.data, raw }], { syncedAt: now() });
    },
  };
}
