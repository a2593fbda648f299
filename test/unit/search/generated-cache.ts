import { afterAll, beforeAll } from 'vitest';
import type { CacheStore } from '../../../src-main/db/cache-store.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import type { Address, Customer } from '../../../src-shared/recharge/wire-2021-01.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';

/**
 * A real cache file, open for one test file's tests, holding `count` customers generated from
 * `seed` plus the file's own `customers` and `addresses`.
 */
export function generatedCacheForFile(
  seed: number,
  count: number,
  customers: readonly Customer[],
  addresses: readonly Address[] = [],
): { readonly store: CacheStore } {
  let cache: ReturnType<typeof tempCache> | undefined;
  beforeAll(() => {
    cache = tempCache();
    const generated = generateCustomers(seed, count);
    loadCache(
      cache.store,
      [...generated.customers, ...customers],
      [...generated.addresses, ...addresses],
    );
  });
  afterAll(() => cache?.cleanup());
  return {
    get store() {
      if (!cache) throw new Error('the cache opens in beforeAll');
      return cache.store;
    },
  };
}
