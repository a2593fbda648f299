import { openCacheStore, type CacheStore } from '../../src-main/db/cache-store.ts';
import type { Address, Customer } from '../../src-shared/recharge/wire.ts';
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

export function loadCache(
  store: CacheStore,
  customers: readonly Customer[],
  addresses: readonly Address[] = [],
): void {
  store.transaction(() => {
    store.customers.upsert(
      customers.map((customer) => ({ customer, raw: { ...customer } })),
      { syncedAt: 0 },
    );
    store.addresses.upsert(
      addresses.map((address) => ({ address, raw: { ...address } })),
      { syncedAt: 0 },
    );
  });
}
