// "A sandbox as hostile as reality", for the app's pull: list pages that come without `Link` /
// `next_cursor` (every page, or seeded random ones) still sync completely and sweep nothing that
// lives; customers deleted while a full pass walks the list (scheduled through the admin API on
// its second page) end deleted in the cache after the next full pass, and nothing else does.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { syncFixture, type SyncFixture } from '../../helpers/sync-fixture.ts';
import { pullOk, storeDiff } from './helpers.ts';

let fixture: SyncFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

const VERSIONS: ApiVersion[] = ['2021-01', '2021-11'];

/** Customer ids in the order a walk by `updated_at` meets them. */
const byChange = (f: SyncFixture) =>
  [...f.sandbox.store.customerTable.rows.values()]
    .sort((a, b) => a.rev - b.rev)
    .map((row) => row.data.id);

describe.each(VERSIONS)('pages without a next cursor (%s)', (version) => {
  it('a store that never sends one is still synced completely, deletions included', async () => {
    const f = (fixture = await syncFixture({ version, customers: 600 }));
    f.sandbox.admin.setSwitches({ dropCursors: 'always' });
    await pullOk(f.engine, true);
    expect(f.store.customers.count()).toBe(600);
    expect(storeDiff(f.sandbox, f.store)).toEqual([]);
    expect(f.sandbox.admin.requests({ limit: 10_000 }).some((r) => r.nextDropped)).toBe(true);

    const ids = byChange(f);
    for (const id of ids.slice(0, 5)) f.sandbox.admin.patchCustomer(id, { first_name: 'Moved' });
    const gone = ids.slice(100, 103);
    for (const id of gone) expect(f.sandbox.admin.deleteCustomer(id)).toBe(true);
    await pullOk(f.engine, true);
    expect(f.engine.lastSummary()?.deletedCustomers).toBe(3);
    expect(storeDiff(f.sandbox, f.store)).toEqual([]);

    f.sandbox.admin.patchCustomer(ids[300] ?? 0, { last_name: 'Incremental' });
    await pullOk(f.engine);
    expect(storeDiff(f.sandbox, f.store)).toEqual([]);
  });

  it('pages that lose it at random (seeded) end no phase early and delete nothing', async () => {
    const f = (fixture = await syncFixture({ version, customers: 900 }));
    await pullOk(f.engine, true);
    f.sandbox.admin.addFault({ kind: 'drop_cursor', probability: 0.5, seed: 5 });
    await pullOk(f.engine, true);
    const dropped = f.sandbox.admin.requests({ limit: 10_000 }).filter((r) => r.nextDropped);
    expect(dropped.length).toBeGreaterThan(0);
    expect(f.engine.lastSummary()).toMatchObject({
      deletedCustomers: 0,
      deletedAddresses: 0,
      deletedPaymentMethods: 0,
    });
    expect(storeDiff(f.sandbox, f.store)).toEqual([]);
  });
});

describe.each(VERSIONS)('customers deleted during a full pass (%s)', (version) => {
  it('are gone from the cache after the next full pass; nothing live is swept', async () => {
    const f = (fixture = await syncFixture({ version, customers: 600 }));
    await pullOk(f.engine, true);
    const order = byChange(f);
    // Met on the first page (already seen when they go) and on the last (not yet).
    const behind = order.slice(3, 7);
    const ahead = order.slice(-6, -2);
    f.sandbox.admin.schedule({
      when: {
        method: 'GET',
        path: '/customers',
        query: { [version === '2021-01' ? 'page_info' : 'cursor']: '' },
      },
      action: [...behind, ...ahead].map((id) => ({ kind: 'deleteCustomer' as const, id })),
      label: 'deleted mid-walk',
    });

    await pullOk(f.engine, true);
    const [change] = f.sandbox.admin.scheduled();
    expect(change?.firedOn).not.toBeNull();
    expect(change?.results.every((result) => result === 'ok')).toBe(true);
    for (const id of ahead) expect(f.store.customers.exists(id), `ahead ${id}`).toBe(false);
    // Only the customers the walk had already met may linger, and only until the next pass.
    const lingering = storeDiff(f.sandbox, f.store);
    expect(lingering.every((d) => behind.some((id) => d === `customer ${id} should be gone`))).toBe(
      true,
    );
    expect(f.store.customers.count()).toBe(600 - ahead.length - (behind.length - lingering.length));

    await pullOk(f.engine, true);
    expect(storeDiff(f.sandbox, f.store)).toEqual([]);
    expect(f.store.customers.count()).toBe(592);
  });
});
