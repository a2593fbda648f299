import type { SearchFilters } from '../../src-shared/customers/views.ts';
import type { CacheStore } from '../db/cache-store.ts';
import type { CacheAccess } from './ports.ts';

/** The outbox's view of the cache, over the repositories. */
export function cacheAccessOn(
  store: CacheStore,
  now: () => number,
  searchIds: (query: string, filters: SearchFilters) => number[],
): CacheAccess {
  const saveWrite: CacheAccess['saveWrite'] = (customerId, result) => {
    store.transaction(() => {
      if (result.customer)
        store.customers.upsert([result.customer], { syncedAt: now(), fresh: true });
      if (result.paymentMethods)
        store.paymentMethods.replaceOfCustomer(customerId, result.paymentMethods, now());
    });
  };
  return {
    customer: (id) => store.customers.get(id),
    customers: (ids) => store.customers.getMany(ids),
    addresses: (customerId) => store.addresses.ofCustomer(customerId),
    address: (customerId, addressId) => {
      const address = store.addresses.get(addressId);
      return address?.customer_id === customerId ? address : null;
    },
    paymentMethods: (customerId) => store.paymentMethods.ofCustomer(customerId),
    searchIds,
    saveCustomerState: (state) =>
      saveWrite(state.customer.id, {
        customer: state.customer,
        ...(state.paymentMethods ? { paymentMethods: state.paymentMethods } : {}),
      }),
    saveWrite,
    saveAddress(address) {
      store.addresses.upsert([address], { syncedAt: now(), fresh: true });
    },
  };
}
