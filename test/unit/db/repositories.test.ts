import { afterEach, describe, expect, it } from 'vitest';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import { customerFacts, addressFacts } from '../../../src-main/recharge/v2021-01.ts';
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
  it('stores only the domain document: processor tokens and unknown fields stay out', () => {
    const store = open();
    const customer = sampleCustomer({ stripe_customer_token: 'cus_SECRET123456', extra: [1] });
    store.customers.upsert([customerFacts(customer)], { syncedAt: 1 });
    const doc = store.db.prepare('SELECT doc FROM customers').pluck().get() as string;
    expect(doc).not.toContain('cus_SECRET123456');
    expect(doc).not.toContain('extra');
    expect(store.customers.get(customer.id)).toMatchObject({
      email: customer.email,
      external_customer_id: customer.shopify_customer_id,
      accepts_marketing: true,
      updated_at: '2021-01-20T15:15:02Z',
    });
  });

  it('keeps what a sparse payload leaves out, and clears what it sends as null', () => {
    const store = open();
    loadCache(store, [sampleCustomer()]);
    store.customers.upsert(
      [{ id: 40_000_001, email: 'sparse@example.com', billing_company: null }],
      { syncedAt: 2 },
    );
    expect(store.customers.get(40_000_001)).toMatchObject({
      email: 'sparse@example.com',
      billing_company: null,
      billing_city: 'Santa Monica',
      phone: '(310) 384-3698',
    });
  });

  it('keeps the pass mark of a row written outside a pass, so a running sweep keeps it', () => {
    const store = open();
    store.customers.upsert([customerFacts(sampleCustomer())], { syncedAt: 1, seenPass: 4 });
    store.customers.upsert([{ id: 40_000_001, email: 'pushed@example.com' }], { syncedAt: 2 });
    expect(store.transaction(() => store.customers.sweepUnseen(4))).toEqual([]);
    expect(store.customers.exists(40_000_001)).toBe(true);
  });

  it('never goes back in time: an older copy of a customer is ignored', () => {
    const store = open();
    loadCache(store, [
      sampleCustomer({ email: 'new@example.com', updated_at: '2021-03-01T00:00:00' }),
    ]);
    const report = store.customers.upsert(
      [customerFacts(sampleCustomer({ email: 'old@example.com' }))],
      { syncedAt: 2 },
    );
    expect(report).toEqual({ written: 0, stale: 1 });
    expect(store.detail(40_000_001).customer.email).toBe('new@example.com');
  });

  it('hands back addresses whose customer is not cached instead of failing', () => {
    const store = open();
    loadCache(store, [sampleCustomer()]);
    const report = store.addresses.upsert(
      [sampleAddress(), sampleAddress({ id: 90_000_002, customer_id: 123 })].map(addressFacts),
      { syncedAt: 4 },
    );
    expect(report.written).toBe(1);
    expect(report.orphans.map((o) => o.id)).toEqual([90_000_002]);
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
        [customerFacts(sampleCustomer({ id: 2, email: 'b@x.io', hash: 'h2' }))],
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
      store.customers.upsert([customerFacts(customers[2]!)], { syncedAt: 5, seenPass: 3 }),
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
