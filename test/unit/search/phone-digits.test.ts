// A phone number is found by its digits however it was written, whether or not the search index
// has reached its row yet (a first load builds the index last and scans the rows beyond it).
import { afterEach, describe, expect, it } from 'vitest';
import { createSlicer } from '../../../src-main/db/sliced-writes.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const WRITTEN = ['555/010/4477', '555\u00a0010\u00a04477', '+1 (555) 010-4477', '555.010.4477 x12'];

function cacheWithPhones() {
  const cache = tempCache();
  cleanup = cache.cleanup;
  const data = generateCustomers(7, 40);
  const customers = data.customers.map((c, i) => ({
    ...c,
    phone: i < WRITTEN.length ? WRITTEN[i]! : '999 000 0000',
    billing_phone: null,
  }));
  const addresses = data.addresses.map((a) => ({ ...a, phone: null }));
  return {
    store: cache.store,
    customers,
    addresses,
    ids: customers.slice(0, WRITTEN.length).map((c) => c.id),
  };
}

describe('phone digits', () => {
  it('finds every way of writing a number by its digits, before and after the index is built', async () => {
    const { store, customers, addresses, ids } = cacheWithPhones();
    store.transaction(() => store.searchIndex.defer());
    loadCache(store, customers, addresses);
    const filters = SearchInput.parse({ query: '' }).filters;
    const found = () => store.search.ids({ query: '5550104477', filters }).sort((a, b) => a - b);
    expect(store.searchIndex.indexedThrough()).toBe(0);
    expect(found()).toEqual([...ids].sort((a, b) => a - b));

    await createSlicer(store, { yieldToLoop: () => Promise.resolve() }).buildSearchIndex();
    expect(store.searchIndex.indexedThrough()).toBeNull();
    expect(found()).toEqual([...ids].sort((a, b) => a - b));
  });
});
