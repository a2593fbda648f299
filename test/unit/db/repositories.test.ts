import { afterEach, describe, expect, it } from 'vitest';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';
import { sampleAddress, sampleCustomer } from '../../helpers/wire-samples.ts';

const caches: ReturnType<typeof tempCache>[] = [];
const open = () => {
  const cache = tempCache();
  caches.push(cache);
  return cache.store;
};
afterEach(() => {
  for (const cache of caches.splice(0)) cache.cleanup();
});

const ids = (store: ReturnType<typeof open>, query: string) =>
  store.search.search(SearchInput.parse({ query })).items.map((row) => row.id);

describe('customer and address repositories', () => {
  it('keeps the raw payload, unknown and deprecated fields included', () => {
    const store = open();
    const customer = sampleCustomer();
    store.customers.upsert(
      [{ customer, raw: { ...customer, billing_first_name: 'Old', extra: [1] } }],
      {
        syncedAt: 1,
      },
    );
    expect(store.customers.getRaw(customer.id)).toMatchObject({
      billing_first_name: 'Old',
      extra: [1],
    });
    expect(store.search.detail(customer.id).customer).not.toHaveProperty('extra');
  });

  it('never goes back in time: an older copy of a customer is ignored', () => {
    const store = open();
    loadCache(store, [
      sampleCustomer({ email: 'new@example.com', updated_at: '2021-03-01T00:00:00' }),
    ]);
    const report = store.customers.upsert(
      [{ customer: sampleCustomer({ email: 'old@example.com' }), raw: {} }],
      { syncedAt: 2 },
    );
    expect(report).toEqual({ written: 0, stale: 1 });
    expect(store.search.detail(40_000_001).customer.email).toBe('new@example.com');
  });

  it('hands back addresses whose customer is not cached instead of failing', () => {
    const store = open();
    loadCache(store, [sampleCustomer()]);
    const report = store.addresses.upsert(
      [
        { address: sampleAddress(), raw: {} },
        { address: sampleAddress({ id: 90_000_002, customer_id: 123 }), raw: {} },
      ],
      { syncedAt: 4 },
    );
    expect(report.written).toBe(1);
    expect(report.orphans.map((o) => o.address.id)).toEqual([90_000_002]);
  });

  it('indexes address cities and zips under their customer, and forgets them when they go', () => {
    const store = open();
    loadCache(store, [sampleCustomer()], [sampleAddress({ city: 'Walla Walla', zip: '99362' })]);
    expect(ids(store, 'walla')).toEqual([40_000_001]);
    expect(ids(store, '99362')).toEqual([40_000_001]);
    store.transaction(() => store.addresses.delete([90_000_001]));
    expect(ids(store, 'walla')).toEqual([]);
  });

  it('deletes a customer with its addresses and its index entry', () => {
    const store = open();
    loadCache(
      store,
      [sampleCustomer(), sampleCustomer({ id: 2, email: 'b@x.io', hash: 'h2', first_name: 'Bob' })],
      [sampleAddress()],
    );
    store.transaction(() => store.customers.delete([40_000_001]));
    expect(store.addresses.count()).toBe(0);
    expect(ids(store, 'jane')).toEqual([]);
    expect(store.customers.count()).toBe(1);
  });

  it('sweeps customers and addresses a full pass did not see', () => {
    const store = open();
    loadCache(
      store,
      [sampleCustomer(), sampleCustomer({ id: 2, email: 'b@x.io', hash: 'h2' })],
      [sampleAddress()],
    );
    store.transaction(() => {
      store.customers.upsert(
        [{ customer: sampleCustomer({ id: 2, email: 'b@x.io', hash: 'h2' }), raw: {} }],
        {
          syncedAt: 5,
          seenPass: 9,
        },
      );
      expect(store.customers.sweepUnseen(9)).toEqual([40_000_001]);
    });
    expect(store.customers.count()).toBe(1);
    expect(store.addresses.count()).toBe(0);
  });

  it('sweeps a limited number of unseen rows at a time, so a sweep can be sliced', () => {
    const store = open();
    const customers = [1, 2, 3, 4, 5].map((id) =>
      sampleCustomer({ id, email: `c${id}@x.io`, hash: `h${id}` }),
    );
    loadCache(store, customers);
    store.transaction(() =>
      store.customers.upsert([{ customer: customers[2]!, raw: {} }], { syncedAt: 5, seenPass: 3 }),
    );
    const first = store.transaction(() => store.customers.sweepUnseen(3, 2));
    expect(first).toHaveLength(2);
    const rest = store.transaction(() => store.customers.sweepUnseen(3, 10));
    expect([...first, ...rest].sort()).toEqual([1, 2, 4, 5]);
    expect(store.customers.count()).toBe(1);
    expect(store.customers.exists(3)).toBe(true);
  });

  it('commits a page and a checkpoint together, or neither', () => {
    const store = open();
    expect(() =>
      store.transaction(() => {
        loadCache(store, [sampleCustomer()]);
        store.syncState.set('checkpoint', { page: 3 });
        throw new Error('killed');
      }),
    ).toThrow('killed');
    expect(store.customers.count()).toBe(0);
    expect(store.syncState.get('checkpoint')).toBeNull();
  });
});
