import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxEnv, writesTo, type OutboxEnv } from './env.ts';

const TIME_SCALE = 15;
const TRIALS = 20;
const worker = resolve(import.meta.dirname, 'push-worker.ts');

/** mulberry32: the kill points are random but the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let recoveredInFlight = 0;

function runWorker(env: OutboxEnv, killAfterMs: number | null): Promise<'killed' | 'drained'> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [worker, env.dbPath, env.sandbox.url, env.sandbox.tokens.full, String(TIME_SCALE)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    let timer: NodeJS.Timeout | null = null;
    child.stdout.once('data', () => {
      if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      recoveredInFlight += Number(/recovered (\d+)/.exec(out)?.[1] ?? 0);
      if (signal === 'SIGKILL') done('killed');
      else if (code === 0 && out.includes('drained')) done('drained');
      else fail(new Error(`worker exited ${code}: ${out}`));
    });
  });
}

let env: OutboxEnv;
const billing = new Map<number, string>();
const tokens = new Set<number>();
const creates = new Map<number, string>();
const updates = new Map<number, string>();

beforeAll(async () => {
  env = await createOutboxEnv({ customers: 420, timeScale: TIME_SCALE });
  const ids = env.store.db
    .prepare('SELECT id FROM customers ORDER BY id')
    .pluck()
    .all() as number[];
  const withAddress = env.store.db
    .prepare('SELECT id, customer_id AS customerId FROM addresses ORDER BY id')
    .all() as { id: number; customerId: number }[];
  // 500 mixed edits: billing, payment tokens, address creates and address updates.
  ids.slice(0, 280).forEach((id) => {
    const city = `Kill City ${id}`;
    billing.set(id, city);
    env.service.queueBilling(id, { billing_city: city });
  });
  ids.slice(280, 340).forEach((id) => {
    tokens.add(id);
    env.service.queuePaymentToken(id, 'stripe', `cus_kill${id}abcdef`);
  });
  ids.slice(340, 420).forEach((id) => {
    const street = `${id} Crash Street`;
    creates.set(id, street);
    env.service.queueAddressCreate(id, {
      first_name: 'Kim',
      last_name: 'Restart',
      company: null,
      address1: street,
      address2: null,
      city: 'Austin',
      province: 'Texas',
      zip: '73301',
      country: 'United States',
      phone: null,
    });
  });
  for (const { id, customerId } of withAddress.slice(0, 80)) {
    const value = `Unit ${id}`;
    updates.set(id, value);
    env.service.queueAddressUpdate(customerId, id, { address2: value });
  }
  expect(env.service.summary().counts.pending).toBe(500);
  // Slow answers widen the window in which a kill leaves a request in flight.
  env.sandbox.admin.addFault({ kind: 'delay', delayMs: 40, probability: 0.3, seed: 5 });
}, 60_000);

afterAll(async () => {
  await env?.close();
});

describe('outbox under SIGKILL', () => {
  it(`applies every edit exactly once across ${TRIALS} kills`, async () => {
    const random = rng(20261127);
    let kills = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const outcome = await runWorker(env, 150 + Math.floor(random() * 600));
      if (outcome === 'killed') kills++;
      else break;
    }
    expect(await runWorker(env, null)).toBe('drained');
    expect(kills).toBe(TRIALS);
    // Some kills must have caught edits in flight, or the test proved nothing about recovery.
    expect(recoveredInFlight).toBeGreaterThan(0);

    const counts = env.service.summary().counts;
    expect(counts).toMatchObject({ pending: 0, in_flight: 0, failed: 0, conflict: 0, done: 500 });

    const log = env.sandbox.admin.requests({ limit: 10_000 });
    const ok = (r: (typeof log)[number]) => r.status !== null && r.status < 300;
    for (const [id, city] of billing) {
      expect(env.sandbox.store.customer(id)?.billing_city).toBe(city);
      const puts = log.filter(
        (r) =>
          ok(r) &&
          r.method === 'PUT' &&
          r.path === `/customers/${id}` &&
          JSON.stringify(r.body).includes('billing_city'),
      );
      expect(puts, `billing PUTs for ${id}`).toHaveLength(1);
    }
    let tokenRepeats = 0;
    for (const id of tokens) {
      expect(env.sandbox.admin.paymentTokenHint(id)).toMatch(/^cus_…/);
      const puts = writesTo(env.sandbox, 'PUT', `/customers/${id}`).filter(ok);
      expect(puts.length).toBeGreaterThanOrEqual(1);
      tokenRepeats += puts.length - 1;
    }
    // A token PUT caught in flight by a kill may be sent again (it is idempotent); nothing else.
    expect(tokenRepeats).toBeLessThanOrEqual(kills);
    for (const [customerId, street] of creates) {
      const posts = writesTo(env.sandbox, 'POST', `/customers/${customerId}/addresses`).filter(ok);
      expect(posts, `address creates for ${customerId}`).toHaveLength(1);
      const onServer = env.sandbox.store
        .addressIdsOf(customerId)
        .map((aid) => env.sandbox.store.address(aid)?.address1)
        .filter((a) => a === street);
      expect(onServer).toHaveLength(1);
    }
    for (const [addressId, value] of updates) {
      expect(env.sandbox.store.address(addressId)?.address2).toBe(value);
      const puts = writesTo(env.sandbox, 'PUT', `/addresses/${addressId}`).filter(ok);
      expect(puts, `address PUTs for ${addressId}`).toHaveLength(1);
    }
    // The cache holds what was pushed without waiting for a pull (a side effect on the store, such
    // as the addresses' updated_at after a token change, waits for the next pull like any change).
    const cached = (table: string, id: number, field: string) =>
      env.store.db.prepare(`SELECT ${field} FROM ${table} WHERE id = ?`).pluck().get(id);
    for (const [id, city] of billing) expect(cached('customers', id, 'billing_city')).toBe(city);
    for (const [id, value] of updates) expect(cached('addresses', id, 'address2')).toBe(value);
    const cachedStreet = env.store.db
      .prepare('SELECT id FROM addresses WHERE customer_id = ? AND address1 = ?')
      .pluck();
    for (const [customerId, street] of creates) {
      expect(cachedStreet.all(customerId, street), `cached creates of ${customerId}`).toHaveLength(
        1,
      );
    }
  }, 240_000);
});
