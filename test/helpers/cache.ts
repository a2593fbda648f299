import { openCacheStore, type CacheStore } from '../../src-main/db/cache-store.ts';
import type { AddressFacts, CustomerFacts } from '../../src-shared/customers/model.ts';
import type { Address, Customer } from '../../src-shared/recharge/wire-2021-01.ts';
import { addressFacts, customerFacts } from '../../src-main/recharge/v2021-01.ts';
import { tempDir } from './temp-dir.ts';

/** A real cache file in a temp dir. */
export function tempCache(): { store: CacheStore; path: string; cleanup: () => void } {
  const dir = tempDir('rc-cache-');
  const path = dir.path('cache.db');
  const store = openCacheStore({ path });
  return {
    store,
    path,
    cleanup: () => {
      store.close();
      dir.cleanup();
    },
  };
}

/** Loads 2021-01 wire objects as a pull would (through the version's adapter). */
export function loadCache(
  store: CacheStore,
  customers: readonly Customer[],
  addresses: readonly Address[] = [],
): void {
  loadFacts(store, customers.map(customerFacts), addresses.map(addressFacts));
}

export function loadFacts(
  store: CacheStore,
  customers: readonly CustomerFacts[],
  addresses: readonly AddressFacts[] = [],
): void {
  store.transaction(() => {
    store.customers.upsert(customers, { syncedAt: 0 });
    store.addresses.upsert(addresses, { syncedAt: 0 });
  });
}
