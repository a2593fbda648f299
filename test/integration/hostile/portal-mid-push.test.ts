// "A sandbox as hostile as reality": while a bulk edit of 100 customers is pushing, the customer
// portal changes 30 of them — scheduled through the admin API on the 3rd write the app sends, so
// every run meets the same interleaving. A change to a field we are also changing must end as a
// conflict; a change to another field must be kept alongside ours. Never an overwrite.
// On 2021-11 the billing address is the default payment method's: the portal changes that
// method's billing company, or the customer's name.
import { describe, expect, it } from 'vitest';
import { startSandbox, type ScheduledAction } from '../../../src-main/sandbox/index.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { cachedIds, pullOk, pulledEnvs, storeDiff } from './helpers.ts';

const pulledEnv = pulledEnvs();

const PATCH = { billing_company: 'Bulk Co' };

describe.each(['2021-01', '2021-11'] as ApiVersion[])('a bulk push on %s', (version) => {
  it('meets portal changes scheduled mid-push as conflicts or keeps them', async () => {
    const sandbox = await startSandbox({ seed: 11, customers: 130, timeScale: 50 });
    const { env, engine } = await pulledEnv(sandbox, version);

    const ids = cachedIds(env.store, 120);
    const target = { kind: 'ids' as const, ids };
    const preview = await env.service.bulkPreview(target, PATCH);
    await env.service.bulkConfirm(target, PATCH, preview.count);
    const queued = env.service
      .list({ states: ['pending'], limit: 200, offset: 0 })
      .items.sort((a, b) => a.id - b.id);
    expect(queued.length).toBeGreaterThanOrEqual(100);
    const late = queued.slice(-30).map((edit) => edit.customerId);
    const clashing = late.slice(0, 20);
    const elsewhere = late.slice(20);

    const actions: ScheduledAction[] = [
      ...clashing.map((id): ScheduledAction => {
        if (version === '2021-01') {
          return { kind: 'patchCustomer', id, fields: { billing_company: `Portal ${id}` } };
        }
        const method = sandbox.store.defaultMethodOf(id)?.data.id ?? 0;
        return {
          kind: 'patchPaymentMethod',
          id: method,
          fields: { billing_address: { company: `Portal ${id}` } },
        };
      }),
      ...elsewhere.map((id): ScheduledAction => ({
        kind: 'patchCustomer',
        id,
        fields: version === '2021-01' ? { billing_city: 'Portal City' } : { first_name: 'Portal' },
      })),
    ];
    const writePath = version === '2021-01' ? '/customers/' : '/payment_methods/';
    sandbox.admin.schedule({
      when: { method: 'PUT', pathPrefix: writePath, nth: 3 },
      action: actions,
    });
    sandbox.admin.clearRequests();

    await env.pusher.pushNow();

    const [fired] = sandbox.admin.scheduled();
    expect(fired?.firedOn).not.toBeNull();
    expect(new Set(fired?.results)).toEqual(new Set(['ok']));
    const writes = sandbox.admin.requests({ limit: 10_000 }).filter((r) => r.method === 'PUT');
    expect(writes.length).toBeGreaterThan(60);
    expect(writes.every((r) => r.path.startsWith(writePath))).toBe(true);

    const edits = new Map(
      env.service
        .list({ states: ['done', 'conflict', 'pending', 'failed'], limit: 200, offset: 0 })
        .items.map((edit) => [edit.customerId, edit]),
    );
    const company = (id: number) => sandbox.store.customer(id)?.billing_company ?? null;
    for (const id of clashing) {
      expect(company(id), `customer ${id}`).toBe(`Portal ${id}`);
      expect(edits.get(id)).toMatchObject({
        state: 'conflict',
        theirs: { billing_company: `Portal ${id}` },
      });
    }
    for (const id of elsewhere) {
      expect(edits.get(id)?.state, `customer ${id}`).toBe('done');
      expect(company(id)).toBe('Bulk Co');
      const customer = sandbox.store.customer(id);
      if (version === '2021-01') expect(customer?.billing_city).toBe('Portal City');
      else expect(customer?.first_name).toBe('Portal');
    }
    const others = queued.map((edit) => edit.customerId).filter((id) => !late.includes(id));
    for (const id of others) expect(edits.get(id)?.state, `customer ${id}`).toBe('done');
    expect(others.every((id) => company(id) === 'Bulk Co')).toBe(true);

    await pullOk(engine);
    expect(storeDiff(sandbox, env.store)).toEqual([]);
  });

  it('overwrites only what changed after its own batch was re-read (the documented window)', async () => {
    const sandbox = await startSandbox({ seed: 12, customers: 60, timeScale: 50 });
    const { env } = await pulledEnv(sandbox, version);
    const target = { kind: 'ids' as const, ids: cachedIds(env.store, 50) };
    await env.service.bulkConfirm(
      target,
      PATCH,
      (await env.service.bulkPreview(target, PATCH)).count,
    );
    const queued = env.service
      .list({ states: ['pending'], limit: 200, offset: 0 })
      .items.sort((a, b) => a.id - b.id)
      .map((edit) => edit.customerId);
    // On the first write: the rest of the first batch (already re-read) and all of the second.
    const changed = queued.slice(1, 20);
    sandbox.admin.schedule({
      when: { method: 'PUT', nth: 1 },
      action: changed.map((id): ScheduledAction =>
        version === '2021-01'
          ? { kind: 'patchCustomer', id, fields: { billing_company: `Portal ${id}` } }
          : {
              kind: 'patchPaymentMethod',
              id: sandbox.store.defaultMethodOf(id)?.data.id ?? 0,
              fields: { billing_address: { company: `Portal ${id}` } },
            },
      ),
    });
    await env.pusher.pushNow();
    expect(sandbox.admin.scheduled()[0]?.firedOn).not.toBeNull();

    const overwritten = changed.filter(
      (id) => sandbox.store.customer(id)?.billing_company === 'Bulk Co',
    );
    const firstBatch = new Set(queued.slice(0, 10));
    expect(overwritten.every((id) => firstBatch.has(id))).toBe(true);
    const states = new Map(
      env.service
        .list({ states: ['done', 'conflict', 'pending', 'failed'], limit: 200, offset: 0 })
        .items.map((edit) => [edit.customerId, edit.state]),
    );
    for (const id of queued.slice(10, 20))
      expect(states.get(id), `customer ${id}`).toBe('conflict');
  });
});
