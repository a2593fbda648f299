// The pusher's rules, one defect of "No edit lost…" per test, against an in-memory store.
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-main/lib/logger.ts';
import { createOutboxRepo } from '../../../src-main/outbox/outbox-repo.ts';
import { RechargeError } from '../../../src-main/recharge/errors.ts';
import { cacheAccessOn } from '../../../src-main/outbox/cache-access.ts';
import { createOutboxPusher } from '../../../src-main/outbox/pusher.ts';
import { createOutboxService } from '../../../src-main/outbox/service.ts';
import { mergeAddress, mergeCustomer, type Customer } from '../../../src-shared/customers/model.ts';
import { SCOPES } from '../../../src-shared/scopes.ts';
import { tempCache } from '../../helpers/cache.ts';
import { fakeStore, gate, type FakeStore } from '../../helpers/fake-store-api.ts';
import { testSealer } from '../../integration/outbox/env.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const customer = (id: number, extra: Partial<Customer> = {}): Customer =>
  mergeCustomer(null, {
    id,
    first_name: `First${id}`,
    last_name: 'Last',
    email: `c${id}@example.com`,
    billing_company: 'Old Co',
    billing_city: 'Reno',
    updated_at: '2025-01-01T00:00:00Z',
    ...extra,
  });

function setup(count = 6, options: { now?: () => number } = {}) {
  const customers = Array.from({ length: count }, (_, i) => customer(i + 1));
  const remote: FakeStore = fakeStore(customers);
  const cache = tempCache();
  cache.store.customers.upsert(customers, { syncedAt: 0 });
  const now = options.now ?? Date.now;
  const repo = createOutboxRepo(cache.store.db, now);
  cache.store.setPendingOverlay({ shownEdits: (ids) => repo.shownFor(ids) });
  const errors: { message: string; data: unknown }[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (message, data) => errors.push({ message, data }),
  };
  const access = cacheAccessOn(cache.store, now, () => []);
  let changed = 0;
  const pusher = createOutboxPusher({
    repo,
    cache: access,
    api: remote.api,
    sealer: testSealer,
    logger,
    now,
    onChange: () => (changed += 1),
    retryBackoff: { baseDelayMs: 1, maxDelayMs: 2 },
    ambiguousSettleMs: 0,
  });
  const service = createOutboxService({
    repo,
    cache: access,
    sealer: testSealer,
    onChange: () => undefined,
    kick: () => undefined,
    pausedReason: () => pusher.pausedReason(),
    traits: remote.api.traits,
    scopes: () => new Set(SCOPES),
  });
  cleanups.push(
    () => cache.cleanup(),
    () => pusher.stop(),
  );
  return { remote, repo, pusher, service, store: cache.store, errors, changes: () => changed };
}

const stateOf = (t: ReturnType<typeof setup>, id: number) => t.repo.get(id)?.state;

/** Starts a push whose `callName` calls to the store wait until `release()`. */
async function pushHeldAt(t: ReturnType<typeof setup>, callName: string) {
  const held = gate();
  t.remote.hook = async (call) => {
    if (call.name === callName) await held.wait;
  };
  const pushing = t.pusher.pushNow();
  await new Promise((r) => setTimeout(r, 10));
  return { pushing, release: () => held.open() };
}

/** Stops the pusher while a push waits at `callName`, then lets the store answer. */
async function stopWhileHeldAt(t: ReturnType<typeof setup>, callName: string) {
  const { pushing, release } = await pushHeldAt(t, callName);
  const stopping = t.pusher.stop();
  release();
  await Promise.all([pushing, stopping]);
}

const newAddress = (address1: string) => ({
  first_name: 'A',
  last_name: 'B',
  company: null,
  address1,
  address2: null,
  city: 'Reno',
  province: null,
  zip: '89501',
  country: 'United States',
  phone: null,
});

describe('the pusher', () => {
  it('1: claims an edit only while it is still pending (a discard during the re-read wins)', async () => {
    const t = setup(3);
    const edits = [1, 2, 3].map((id) => t.service.queueBilling(id, { billing_city: 'New' }).edit);
    const { pushing, release } = await pushHeldAt(t, 'customersNow');
    t.service.discard([edits[1]!.id]);
    release();
    await pushing;
    expect(t.remote.called('updateBilling').map((c) => c.args[0])).toEqual([1, 3]);
    expect(stateOf(t, edits[1]!.id)).toBe('discarded');
  });

  it('1: retry and resolve do not touch an edit that is being sent', async () => {
    const t = setup(1);
    const edit = t.service.queueBilling(1, { billing_city: 'New' }).edit;
    const { pushing, release } = await pushHeldAt(t, 'updateBilling');
    expect(stateOf(t, edit.id)).toBe('in_flight');
    t.service.retry([edit.id]);
    expect(stateOf(t, edit.id)).toBe('in_flight');
    expect(() => t.service.resolve(edit.id, 'mine')).toThrow(/no conflict/);
    release();
    await pushing;
    expect(stateOf(t, edit.id)).toBe('done');
    expect(t.remote.called('updateBilling')).toHaveLength(1);
  });

  it('3: a stop during an address create leaves it ambiguous, and the next start finds it', async () => {
    const t = setup(1);
    const edit = t.service.queueAddressCreate(1, newAddress('1 Main St')).edit;
    // The store creates it, then the app closes before the answer arrives.
    await stopWhileHeldAt(t, 'createAddress');
    const row = t.repo.get(edit.id)!;
    expect(row.state).toBe('pending');
    expect(row.ambiguous).toBe(true);

    t.remote.hook = null;
    t.pusher.start();
    await t.pusher.pushNow();
    expect(stateOf(t, edit.id)).toBe('done');
    expect(t.remote.called('createAddress')).toHaveLength(1);
    expect(t.remote.called('customerAddresses')).toHaveLength(1);
    expect(t.remote.addresses.size).toBe(1);
  });

  it('3: a create the store took is done even when the local cache write then fails', async () => {
    const t = setup(1);
    const edit = t.service.queueAddressCreate(1, newAddress('2 Main St')).edit;
    const upsert = t.store.addresses.upsert;
    t.store.addresses.upsert = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    await t.pusher.pushNow();
    t.store.addresses.upsert = upsert;
    expect(stateOf(t, edit.id)).toBe('done');
    await t.pusher.pushNow();
    expect(t.remote.called('createAddress')).toHaveLength(1);
  });

  it('5: a 403 on a payment-token edit holds only the edits that need that scope', async () => {
    const t = setup(4);
    const token = t.service.queuePaymentToken(1, 'stripe', 'cus_IV0hD7FtykKe1a').edit;
    const billing = [2, 3, 4].map((id) => t.service.queueBilling(id, { billing_city: 'X' }).edit);
    t.remote.hook = (call) => {
      if (call.name === 'replacePaymentToken') {
        throw new RechargeError('forbidden', 'lacks write_payments', {
          status: 403,
          scope: 'write_payments',
        });
      }
    };
    await t.pusher.pushNow();
    expect(billing.map((e) => stateOf(t, e.id))).toEqual(['done', 'done', 'done']);
    expect(stateOf(t, token.id)).toBe('pending');
    expect(t.pusher.pausedReason()?.scope).toBe('write_payments');
    // Later billing edits still go; the token edit waits without being tried again.
    const later = t.service.queueBilling(2, { billing_city: 'Y' }).edit;
    await t.pusher.pushNow();
    expect(stateOf(t, later.id)).toBe('done');
    expect(t.remote.called('replacePaymentToken')).toHaveLength(1);
  });

  it('6: an unexpected error in one lane is logged, settles that edit and stops no other', async () => {
    const t = setup(4);
    const edits = [1, 2, 3, 4].map((id) => t.service.queueBilling(id, { billing_city: 'Z' }).edit);
    t.remote.hook = (call) => {
      if (call.name === 'updateBilling' && call.args[0] === 2) throw new TypeError('boom');
    };
    await t.pusher.pushNow();
    expect(edits.map((e) => stateOf(t, e.id))).toEqual(['done', 'pending', 'done', 'done']);
    const logged = t.errors.map((e) => (e.data as { error?: Error }).error?.message);
    expect(logged).toContain('boom');
    // Retried a bounded number of times, then set aside as failed.
    for (let i = 0; i < 10; i++) {
      t.repo.changeIf(edits[1]!.id, ['pending'], {
        state: 'pending',
        nextAttemptAt: 0,
        event: 't',
      });
      await t.pusher.pushNow();
    }
    expect(stateOf(t, edits[1]!.id)).toBe('failed');
    expect(t.remote.called('updateBilling').filter((c) => c.args[0] === 2).length).toBeLessThan(8);
  });

  it('6: a failure after an edit is done never turns it back to pending', async () => {
    const t = setup(1);
    const edit = t.service.queueBilling(1, { billing_city: 'W' }).edit;
    const saveWrite = t.store.customers.upsert;
    t.store.customers.upsert = () => {
      throw new Error('cache write failed');
    };
    await t.pusher.pushNow();
    t.store.customers.upsert = saveWrite;
    expect(stateOf(t, edit.id)).toBe('done');
    expect(t.remote.called('updateBilling')).toHaveLength(1);
  });

  it('8: compares the fields even when updated_at equals the base (same-second changes)', async () => {
    const t = setup(1);
    const edit = t.service.queueBilling(1, { billing_company: 'Mine Co' }).edit;
    // Changed on the store within the same second: updated_at did not move.
    t.remote.customers.set(1, { ...t.remote.customers.get(1)!, billing_company: 'Theirs Co' });
    await t.pusher.pushNow();
    expect(stateOf(t, edit.id)).toBe('conflict');
    expect(t.remote.customers.get(1)?.billing_company).toBe('Theirs Co');
  });

  it('11: confirms with a GET before failing an edit whose customer a list call left out', async () => {
    const t = setup(2);
    const edit = t.service.queueBilling(2, { billing_city: 'V' }).edit;
    const list = t.remote.api.customersNow;
    t.remote.api.customersNow = async (ids, signal) =>
      (await list(ids, signal)).filter((s) => s.customer.id !== 2);
    await t.pusher.pushNow();
    expect(t.remote.called('getCustomer').map((c) => c.args[0])).toEqual([2]);
    expect(stateOf(t, edit.id)).toBe('done');
  });

  it('11: a refused re-read is not blamed on the first edit of the batch', async () => {
    const t = setup(2);
    const edits = [1, 2].map((id) => t.service.queueBilling(id, { billing_city: 'U' }).edit);
    t.remote.hook = (call) => {
      if (call.name === 'customersNow') {
        throw new RechargeError('validation', 'The store rejected the values: ids', {
          status: 422,
        });
      }
    };
    await t.pusher.pushNow();
    expect(edits.map((e) => stateOf(t, e.id))).toEqual(['pending', 'pending']);
  });

  it('11: a clock that went backwards does not hold edits for hours', async () => {
    let now = Date.UTC(2026, 5, 1, 12);
    const t = setup(1, { now: () => now });
    const edit = t.service.queueBilling(1, { billing_city: 'T' }).edit;
    t.repo.change(edit.id, { state: 'pending', nextAttemptAt: now + 60_000, event: 't' });
    now -= 3 * 3600_000;
    await t.pusher.pushNow();
    expect(stateOf(t, edit.id)).toBe('done');
  });

  it('11: stopping charges no attempt to edits that were never sent', async () => {
    const t = setup(6);
    const edits = [1, 2, 3, 4, 5, 6].map(
      (id) => t.service.queueBilling(id, { billing_city: 'S' }).edit,
    );
    await stopWhileHeldAt(t, 'updateBilling');
    const attempts = edits.map((e) => t.repo.get(e.id)!.attempts);
    expect(attempts.filter((n) => n > 0).length).toBeLessThanOrEqual(4);
    expect(attempts.every((n) => n <= 1)).toBe(true);
  });

  it("11: a waiting address edit shows over the cached address, not as the customer's fields", () => {
    const t = setup(1);
    const address = t.store.addresses.upsert(
      [
        {
          id: 500,
          customer_id: 1,
          city: 'Reno',
          first_name: 'Ann',
          updated_at: '2025-01-01T00:00:00Z',
        },
      ],
      { syncedAt: 0 },
    );
    expect(address.written).toBe(1);
    t.service.queueAddressUpdate(1, 500, { city: 'Sparks', first_name: 'Anna' });
    const detail = t.store.detail(1);
    expect(detail.pending_fields).toEqual(['address:500']);
    expect(detail.addresses[0]).toMatchObject({ city: 'Sparks', first_name: 'Anna' });
    expect(t.store.addresses.get(500)?.city).toBe('Reno');
  });

  it('an address edit found already on the store (sent before a crash) is stored in the cache', async () => {
    const t = setup(1);
    const cached = { id: 500, customer_id: 1, city: 'Reno', updated_at: '2025-01-01T00:00:00Z' };
    t.store.addresses.upsert([cached], { syncedAt: 0 });
    const edit = t.service.queueAddressUpdate(1, 500, { city: 'Sparks' }).edit;
    // The last run's PUT reached the store; the crash came before the cache heard of it.
    const sent = { ...cached, city: 'Sparks', updated_at: '2025-01-02T00:00:00Z' };
    t.remote.addresses.set(500, mergeAddress(null, sent));
    await t.pusher.pushNow();
    expect(stateOf(t, edit.id)).toBe('done');
    expect(t.remote.called('updateAddress')).toEqual([]);
    expect(t.store.addresses.get(500)?.city).toBe('Sparks');
  });
});
