import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../../src-main/sandbox/index.ts';
import { createOutboxEnv, writesTo, type OutboxEnv } from './env.ts';

const envs: OutboxEnv[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.close();
});

/** Queues the same 40 edits (billing and address creates) in an environment. */
function queueEdits(env: OutboxEnv) {
  const ids = env.store.db
    .prepare('SELECT id FROM customers ORDER BY id')
    .pluck()
    .all() as number[];
  ids
    .slice(0, 30)
    .forEach((id, i) =>
      env.service.queueBilling(id, { billing_city: `Storm ${i}`, billing_zip: `${10000 + i}` }),
    );
  ids.slice(30, 40).forEach((id) =>
    env.service.queueAddressCreate(id, {
      first_name: 'Sam',
      last_name: 'Storm',
      company: null,
      address1: `${id} Thunder Road`,
      address2: null,
      city: 'Tulsa',
      province: 'Oklahoma',
      zip: '74103',
      country: 'United States',
      phone: null,
    }),
  );
  return ids.slice(0, 40);
}

async function drain(env: OutboxEnv) {
  const deadline = Date.now() + 60_000;
  for (let round = 0; Date.now() < deadline; round++) {
    await env.pusher.pushNow();
    const { pending, in_flight } = env.service.summary().counts;
    if (pending + in_flight === 0) return round;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the queue did not drain: ${JSON.stringify(env.service.summary())}`);
}

function serverState(env: OutboxEnv, ids: number[]) {
  return ids.map((id) => {
    const c = env.sandbox.store.customer(id)!;
    const streets = env.sandbox.store
      .addressIdsOf(id)
      .map((a) => env.sandbox.store.address(a)?.address1)
      .filter((a) => a?.includes('Thunder Road'));
    return { id, city: c.billing_city, zip: c.billing_zip, streets };
  });
}

describe('outbox in a fault storm', () => {
  it('ends with the same server state as a clean run, with no address created twice', async () => {
    const clean = await createOutboxEnv({ customers: 60 });
    envs.push(clean);
    const ids = queueEdits(clean);
    await drain(clean);
    const expected = serverState(clean, ids);

    const stormy = await createOutboxEnv({ customers: 60, timeoutMs: 300 });
    envs.push(stormy);
    queueEdits(stormy);
    const storm: FaultRuleInput[] = [
      { kind: 'status', status: 503, probability: 0.15, seed: 1 },
      { kind: 'status', status: 500, probability: 0.05, seed: 2 },
      { kind: 'reset', probability: 0.08, seed: 3 },
      { kind: 'reset', afterHandling: true, probability: 0.08, seed: 4 },
      { kind: 'malformed', probability: 0.05, seed: 5 },
      { kind: 'truncated', probability: 0.05, seed: 6 },
      { kind: 'rate_limit', probability: 0.08, seed: 7 },
      { kind: 'delay', delayMs: 600, probability: 0.05, seed: 8 },
    ];
    for (const rule of storm) stormy.sandbox.admin.addFault(rule);
    await drain(stormy);
    const fired = stormy.sandbox.admin.faults().reduce((n, f) => n + f.fired, 0);
    expect(fired).toBeGreaterThan(10);

    expect(stormy.service.summary().counts).toMatchObject({ done: 40, failed: 0, conflict: 0 });
    expect(serverState(stormy, ids)).toEqual(expected);
    for (const id of ids.slice(30, 40)) {
      const created = writesTo(stormy.sandbox, 'POST', `/customers/${id}/addresses`).filter(
        (r) => r.status === 201 || r.status === null,
      );
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(serverState(stormy, [id])[0]!.streets).toHaveLength(1);
    }
  }, 120_000);
});
