// "A sandbox as hostile as reality": `sameSecondUpdates` on and the store's clock frozen, so
// several changes to one customer carry one whole-second `updated_at`, as on real stores. Both
// reach the cache through the app's incremental pull, and an edit queued on the first is compared
// by field with the second (a conflict, never an overwrite), although `updated_at` still equals
// its base.
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src-main/sandbox/index.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import type { OutboxEnv } from '../outbox/env.ts';
import { cachedIds, pullOk, pulledEnvs, storeDiff } from './helpers.ts';

const pulledEnv = pulledEnvs();

const NOW = '2025-06-02T15:00:00Z';

async function sameSecondStore(version: ApiVersion) {
  const sandbox = await startSandbox({
    seed: 13,
    customers: 60,
    timeScale: 50,
    clock: NOW,
    frozenClock: true,
    sameSecondUpdates: true,
  });
  return pulledEnv(sandbox, version);
}

const wireUpdatedAt = (e: OutboxEnv, id: number) => e.sandbox.store.customerRow(id)?.updated;

describe.each(['2021-01', '2021-11'] as ApiVersion[])('same-second updates on %s', (version) => {
  it('both reach the cache through incremental pulls', async () => {
    const { env: e, engine: pull } = await sameSecondStore(version);
    const id = cachedIds(e.store, 3)[2] ?? 0;
    e.sandbox.admin.patchCustomer(id, { last_name: 'First' });
    const first = wireUpdatedAt(e, id);
    await pullOk(pull);
    expect(e.store.customers.get(id)?.last_name).toBe('First');
    e.sandbox.admin.patchCustomer(id, { last_name: 'Second', first_name: 'Again' });
    expect(wireUpdatedAt(e, id)).toBe(first);
    await pullOk(pull);
    expect(pull.lastSummary()).toMatchObject({ mode: 'incremental', reconciled: false });
    expect(e.store.customers.get(id)).toMatchObject({ last_name: 'Second', first_name: 'Again' });
    expect(storeDiff(e.sandbox, e.store)).toEqual([]);
  });

  it('an edit based on the first of two same-second changes ends as a conflict', async () => {
    const { env: e, engine: pull } = await sameSecondStore(version);
    const id = cachedIds(e.store, 1)[0] ?? 0;

    expect(e.sandbox.admin.patchCustomer(id, { last_name: 'First' }).ok).toBe(true);
    const second = wireUpdatedAt(e, id);
    await pullOk(pull);
    expect(e.store.customers.get(id)?.last_name).toBe('First');

    // The merchant edits what the first change left; the portal changes it again, same second.
    const receipt = e.service.queueBilling(id, { last_name: 'Mine' });
    expect(receipt.edit.base).toEqual({ last_name: 'First' });
    expect(e.sandbox.admin.patchCustomer(id, { last_name: 'Second' }).ok).toBe(true);
    expect(wireUpdatedAt(e, id)).toBe(second);
    expect(e.service.get(receipt.edit.id)?.baseUpdatedAt).toBe(
      e.store.customers.get(id)?.updated_at,
    );

    e.sandbox.admin.clearRequests();
    await e.pusher.pushNow();
    const edit = e.service.get(receipt.edit.id);
    expect(edit?.state).toBe('conflict');
    expect(edit?.theirs).toEqual({ last_name: 'Second' });
    expect(e.sandbox.store.customerRow(id)?.data.last_name).toBe('Second');
    expect(
      e.sandbox.admin.requests().filter((r) => r.method === 'PUT' || r.method === 'POST'),
    ).toEqual([]);

    await pullOk(pull);
    expect(e.store.customers.get(id)?.last_name).toBe('Second');
    expect(storeDiff(e.sandbox, e.store)).toEqual([]);
  });

  it('keeps a same-second change to another field and sends ours', async () => {
    const { env: e, engine: pull } = await sameSecondStore(version);
    const id = cachedIds(e.store, 2)[1] ?? 0;
    e.sandbox.admin.patchCustomer(id, { last_name: 'First' });
    await pullOk(pull);
    const receipt = e.service.queueBilling(id, { last_name: 'Mine' });
    e.sandbox.admin.patchCustomer(id, { first_name: 'Theirs' });

    await e.pusher.pushNow();
    expect(e.service.get(receipt.edit.id)?.state).toBe('done');
    expect(e.sandbox.store.customerRow(id)?.data).toMatchObject({
      first_name: 'Theirs',
      last_name: 'Mine',
    });
    await pullOk(pull);
    expect(storeDiff(e.sandbox, e.store)).toEqual([]);
  });
});
