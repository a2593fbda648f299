// The two defects "No edit lost…" opened with, driven against the sandbox while a bulk push runs:
// a discard must stop what has not been sent, and a change made on the store meanwhile must end
// as a conflict (or stay), never be overwritten.
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxEnv, type OutboxEnv } from './env.ts';

let env: OutboxEnv;
afterEach(async () => {
  await env?.close();
});

const customerIds = (e: OutboxEnv, n: number) =>
  e.store.db.prepare('SELECT id FROM customers ORDER BY id LIMIT ?').pluck().all(n) as number[];

const puts = (e: OutboxEnv) =>
  e.sandbox.admin.requests({ limit: 10_000 }).filter((r) => r.method === 'PUT');

async function until(probe: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a bulk push at the live pace', () => {
  it('sends nothing of a discarded edit that was not already on the wire', async () => {
    // 4 calls a second: slow enough that most of the batch is still waiting when discarded.
    env = await createOutboxEnv({ customers: 90, timeScale: 2 });
    const ids = customerIds(env, 80);
    const preview = await env.service.bulkPreview(
      { kind: 'ids', ids },
      { billing_company: 'Bulk Co' },
    );
    await env.service.bulkConfirm(
      { kind: 'ids', ids },
      { billing_company: 'Bulk Co' },
      preview.count,
    );
    env.sandbox.admin.clearRequests();
    const pushing = env.pusher.pushNow();
    await until(() => puts(env).length >= 3);

    const waiting = env.service.list({ states: ['pending'], limit: 200, offset: 0 }).items;
    const sentAtDiscard = puts(env).length;
    env.service.discard(waiting.map((e) => e.id));
    await pushing;

    const discardedPaths = new Set(waiting.map((e) => `/customers/${e.customerId}`));
    const late = puts(env).filter((r) => discardedPaths.has(r.path));
    expect(late).toEqual([]);
    // At most what the lanes already had on the wire went out after the discard.
    expect(puts(env).length - sentAtDiscard).toBeLessThanOrEqual(4);
    const counts = env.service.summary().counts;
    expect(counts.discarded).toBe(waiting.length);
    expect(counts.done + counts.discarded).toBe(80);
  });

  it('turns a portal change made while the bulk push runs into a conflict, never an overwrite', async () => {
    env = await createOutboxEnv({ customers: 110, timeScale: 4 });
    const ids = customerIds(env, 100);
    const patch = { billing_company: 'Bulk Co' };
    const preview = await env.service.bulkPreview({ kind: 'ids', ids }, patch);
    await env.service.bulkConfirm({ kind: 'ids', ids }, patch, preview.count);
    const pushing = env.pusher.pushNow();
    await until(() => puts(env).length >= 2);

    // The portal changes 30 customers whose edits are still waiting.
    const portal = ids.slice(-30);
    for (const id of portal) {
      const change = env.sandbox.admin.patchCustomer(id, { billing_company: `Portal ${id}` });
      expect(change.ok).toBe(true);
    }
    await pushing;

    for (const id of portal) {
      expect(env.sandbox.store.customer(id)?.billing_company, String(id)).toBe(`Portal ${id}`);
    }
    const conflicts = env.service.list({ states: ['conflict'], limit: 200, offset: 0 }).items;
    expect(conflicts.map((e) => e.customerId).sort()).toEqual([...portal].sort());
    expect(conflicts[0]?.theirs).toEqual({ billing_company: `Portal ${conflicts[0]?.customerId}` });
  });
});
