import { afterEach, describe, expect, it } from 'vitest';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import { STATE_KEYS } from '../../../src-main/sync/checkpoint.ts';
import { cacheDiff, syncFixture, type SyncFixture } from '../../helpers/sync-fixture.ts';

const fixtures: SyncFixture[] = [];
const setup = async (options: Parameters<typeof syncFixture>[0] = {}) => {
  const fixture = await syncFixture(options);
  fixtures.push(fixture);
  return fixture;
};
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await fixture.close();
});

describe('pull sync against the sandbox', () => {
  it('makes the cache equal to the store on a first (full) sync, reporting progress', async () => {
    const f = await setup({ customers: 700 });
    const final = await f.engine.start();
    expect(final.state).toBe('idle');
    expect(final.lastError).toBeNull();
    expect(final.cachedCustomers).toBe(700);
    expect(cacheDiff(f.sandbox, f.store)).toEqual([]);

    const progress = f.statuses.flatMap((s) => (s.progress ? [s.progress] : []));
    expect(progress.at(-1)).toMatchObject({ full: true, customers: 700, total: 700 });
    expect(progress.some((p) => p.phase === 'addresses')).toBe(true);
    expect(progress.at(-1)?.pages).toBeGreaterThanOrEqual(4);
    const requests = f.sandbox.admin.requests({ limit: 10_000 });
    expect(requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(
      requests.filter((r) => r.path === '/customers').every((r) => r.query['limit'] === '250'),
    ).toBe(true);
  });

  it('brings remote edits, new records and deletions in on the next sync', async () => {
    const f = await setup({ customers: 500 });
    await f.engine.start();
    const [a, b, c] = [...f.sandbox.store.customers.rows.keys()];
    const address = [...f.sandbox.store.addresses.rows.values()][3]!.data;
    expect(f.sandbox.admin.patchCustomer(a!, { billing_city: 'Xylophone Falls' }).ok).toBe(true);
    expect(f.sandbox.admin.patchAddress(address.id, { zip: 'QQ 9ZZ' }).ok).toBe(true);
    expect(f.sandbox.admin.deleteCustomer(b!)).toBe(true);
    f.sandbox.admin.clearRequests();

    const final = await f.engine.start();
    expect(final.state).toBe('idle');
    expect(cacheDiff(f.sandbox, f.store)).toEqual([]);
    const find = (query: string) =>
      f.store.search.search(SearchInput.parse({ query })).items.map((r) => r.id);
    expect(find('Xylophone')).toEqual([a]);
    expect(find('QQ 9ZZ')).toEqual([address.customer_id]);
    expect(() => f.store.detail(b!)).toThrow(/not in the local cache/);
    expect(f.store.detail(c!).customer.id).toBe(c);

    // Incremental: the first page asks for changes since the newest seen minus the overlap,
    // a timestamp taken from the data, never from this machine's clock.
    const first = f.sandbox.admin.requests({ limit: 10_000 }).find((r) => r.path === '/customers');
    const since = first?.query['updated_at_min'];
    expect(since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('reconciles deletions every Nth run even when nothing else changed', async () => {
    const f = await setup({ customers: 300, reconcileEvery: 2 });
    await f.engine.start();
    // Delete one and create none: counts differ, so the next run sweeps it whatever N is.
    const [gone] = [...f.sandbox.store.customers.rows.keys()];
    f.sandbox.admin.deleteCustomer(gone!);
    await f.engine.start();
    expect(f.engine.lastSummary()).toMatchObject({ reconciled: true, deletedCustomers: 1 });
    expect(cacheDiff(f.sandbox, f.store)).toEqual([]);
    await f.engine.start();
    expect(f.engine.lastSummary()?.reconciled).toBe(false);
  });

  it('joins a second start and resumes a cancelled run from its checkpoint', async () => {
    const f = await setup({ customers: 1500 });
    f.sandbox.admin.addFault({ kind: 'delay', delayMs: 30, probability: 1 });
    const first = f.engine.start({ full: true });
    expect(f.engine.start()).toBe(first);
    while ((f.engine.status().progress?.pages ?? 0) < 3)
      await new Promise((r) => setTimeout(r, 10));
    f.engine.cancel();
    const cancelled = await first;
    expect(cancelled.state).toBe('idle');
    const checkpoint = f.store.syncState.get<{ pages: number }>(STATE_KEYS.checkpoint);
    expect(checkpoint?.pages).toBeGreaterThanOrEqual(3);

    f.sandbox.admin.clearFaults();
    f.sandbox.admin.clearRequests();
    const final = await f.engine.start();
    expect(final.state).toBe('idle');
    expect(cacheDiff(f.sandbox, f.store)).toEqual([]);
    const customerPages = f.sandbox.admin
      .requests({ limit: 10_000 })
      .filter((r) => r.path === '/customers');
    expect(customerPages.length).toBeLessThan(6);
    expect(customerPages[0]?.query['page_info']).toBeDefined();
  });

  it('stops on a refused token with the store message and does not retry', async () => {
    const f = await setup({ token: () => 'not-a-real-token' });
    const final = await f.engine.start();
    expect(final.state).toBe('error');
    expect(final.lastError).toEqual({ kind: 'auth', message: 'The store refused the API token.' });
    expect(final.nextRetryAt).toBeNull();
    expect(f.timers.pending()).toHaveLength(0);
    expect(f.sandbox.admin.requests()).toHaveLength(1);
  });

  it('stops on a token without the read scope, naming it', async () => {
    const f = await setup({
      token: (sandbox) =>
        sandbox.admin.addToken({ scopes: ['write_customers'], label: 'write-only' }).token,
    });
    const final = await f.engine.start();
    expect(final.state).toBe('error');
    expect(final.lastError?.kind).toBe('forbidden');
    expect(final.lastError?.scope).toBe('read_customer');
    expect(final.lastError?.message).toContain('Read customers');
    expect(f.timers.pending()).toHaveLength(0);
  });

  it('goes offline without the network, keeps search working and retries on a timer', async () => {
    const f = await setup({ customers: 200, retry: { maxAttempts: 4 } });
    await f.engine.start();
    await f.sandbox.close();
    const before = f.statuses.length;
    const final = await f.engine.start();
    // Said at the first dropped call, while the client still retried it.
    const during = f.statuses.slice(before, -1);
    expect(during).toContainEqual(expect.objectContaining({ state: 'syncing', online: false }));
    expect(final.state).toBe('offline');
    expect(final.online).toBe(false);
    expect(final.lastError?.kind).toBe('network');
    expect(final.nextRetryAt).not.toBeNull();
    expect(f.timers.pending()).toHaveLength(1);
    expect(f.store.search.search(SearchInput.parse({ query: '' })).total).toBe(200);
  });

  it('never says online during a retry while the store is still gone', async () => {
    const f = await setup({ customers: 50, retry: { maxAttempts: 2 } });
    await f.engine.start();
    await f.sandbox.close();
    expect((await f.engine.start()).online).toBe(false);
    const before = f.statuses.length;
    // The retry the timer would start: nothing answers it either.
    const retried = await f.engine.start();
    expect(retried.state).toBe('offline');
    expect(f.statuses.slice(before).filter((status) => status.online)).toEqual([]);
  });

  it('reports its data in before the search index of a first load is done; search answers throughout', async () => {
    const f = await setup({ customers: 400 });
    const final = await f.engine.start();
    expect(final.state).toBe('idle');
    const someone = [...f.sandbox.store.customers.rows.values()][17]!.data;
    const find = () =>
      f.store.search
        .search(SearchInput.parse({ query: someone.email, pageSize: 100 }))
        .items.map((r) => r.id);
    // Whether or not the index is finished yet, the customer is found.
    expect(find()).toContain(someone.id);
    await f.engine.indexed();
    expect(f.store.searchIndex.indexedThrough()).toBeNull();
    expect(find()).toContain(someone.id);
  });

  it('resumes a deletion sweep that a killed run left, without listing anything again', async () => {
    const f = await setup({ customers: 300 });
    await f.engine.start();
    await f.engine.indexed();
    const pass = f.store.syncState.get<number>(STATE_KEYS.passes)!;
    // Customers the last pass did not see, and a run stopped between its last page and the end
    // of its sweep.
    const strays = [91_000_001, 91_000_002, 91_000_003];
    f.store.transaction(() => {
      f.store.customers.upsert(
        strays.map((id) => ({ id, email: `stray${id}@example.com` })),
        { syncedAt: 1, seenPass: pass - 1 },
      );
      f.store.syncState.set(STATE_KEYS.checkpoint, {
        mode: 'full',
        reason: 'full',
        pass,
        phases: ['customers', 'addresses'],
        phase: 'addresses',
        pageInfo: null,
        since: {},
        maxSeen: {},
        pages: 5,
        customers: 300,
        addresses: 0,
        paymentMethods: 0,
        totals: { customers: 300, addresses: null },
        sweeping: true,
      });
    });
    f.sandbox.admin.clearRequests();

    const final = await f.engine.start();
    expect(final.state).toBe('idle');
    expect(f.engine.lastSummary()).toMatchObject({ deletedCustomers: 3 });
    expect(strays.filter((id) => f.store.customers.exists(id))).toEqual([]);
    expect(f.store.syncState.get(STATE_KEYS.checkpoint)).toBeNull();
    expect(cacheDiff(f.sandbox, f.store)).toEqual([]);
    const listed = f.sandbox.admin
      .requests({ limit: 10_000 })
      .filter((r) => r.path === '/customers' || r.path === '/addresses');
    expect(listed).toHaveLength(0);
  });
});
