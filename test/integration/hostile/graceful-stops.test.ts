// Issue 15, "Kill tests widened": graceful stops during creates never create twice. Through the
// app's own IPC router, on both API versions: address creates (and, on 2021-11, payment-token
// changes, which create a payment method) are queued, and while a push is running — the store
// holds each POST it has received (a delay fault), so the creates are on the wire — the merchant
// (a) closes the app and opens it again, (b) switches to another store and back, or (c) rebuilds
// the cache. Then the queue is pushed to its end: each address and payment method exists exactly
// once on the store, the request log shows one handled POST for each, every edit ends `done`,
// and the cache equals the store.
//
// The store handles a held POST after the client has gone (as a real one does): "settled" pushes
// again once it has; "early" pushes again while it still holds them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core.ts';
import {
  startSandbox,
  type RequestLogEntry,
  type Sandbox,
} from '../../../src-main/sandbox/index.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { addFullStore, ok, quietCore } from '../core/helpers.ts';

/** The core's wait before it looks for an interrupted create on the store (30 s in the app). */
const SETTLE_MS = 1_000;
import { storeDiff, until } from './helpers.ts';

const dirs: string[] = [];
const open: { cores: Core[]; sandboxes: Sandbox[] } = { cores: [], sandboxes: [] };
afterEach(async () => {
  for (const core of open.cores.splice(0)) await core.close().catch(() => undefined);
  for (const sandbox of open.sandboxes.splice(0)) await sandbox.close();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Stop = 'close' | 'switch' | 'rebuild';
const STOPS: { stop: Stop; label: string }[] = [
  { stop: 'close', label: 'closing the app and opening it again' },
  { stop: 'switch', label: 'switching to another store and back' },
  { stop: 'rebuild', label: 'rebuilding the cache' },
];

/** How long the store holds each of the first POSTs before handling it. */
const HOLD_MS = 2_500;
/** Edits sent at once by the pusher: these are on the wire when the stop comes. */
const LANES = 4;

interface Planned {
  customerId: number;
  kind: 'address' | 'payment method';
  /** The new address's `address1`, or the new method's customer token. */
  marker: string;
}

interface World {
  version: ApiVersion;
  sandbox: Sandbox;
  dataDir: string;
  core: Core;
  mainId: string;
  otherId: string;
  /** The delay fault that holds the first POSTs. */
  holdId: number;
}

type Summary = { counts: Record<string, number> };

async function setUp(version: ApiVersion, seed: number): Promise<World> {
  const sandbox = await startSandbox({ seed, customers: 40, timeScale: 50 });
  const other = await startSandbox({ seed: seed + 100, customers: 10, timeScale: 50 });
  open.sandboxes.push(sandbox, other);
  const dataDir = mkdtempSync(join(tmpdir(), 'rcd-graceful-'));
  dirs.push(dataDir);
  const core = await quietCore(dataDir, { ambiguousSettleMs: SETTLE_MS });
  open.cores.push(core);
  // The other store first: adding the main one leaves it open.
  const otherId = await addFullStore(core, other, version, 'Other store');
  const mainId = await addFullStore(core, sandbox, version, 'Main store');
  expect(ok<{ state: string }>(await core.router.call('sync:start', { full: true })).state).toBe(
    'idle',
  );
  return { version, sandbox, dataDir, core, mainId, otherId, holdId: 0 };
}

/** Customers the version lets the app give a new payment method (not Shopify-managed). */
function customersFor(world: World, count: number): number[] {
  const ids = [...world.sandbox.store.customerTable.rows.keys()].sort((a, b) => a - b);
  return ids
    .filter((id) => {
      if (world.version === '2021-01') return true;
      const method = world.sandbox.store.defaultMethodOf(id)?.data;
      return method !== undefined && method.processor_name !== 'shopify_payments';
    })
    .slice(0, count);
}

/**
 * Queues five creates, none sent yet: the pusher's re-read is refused meanwhile (a 400 stops a
 * drain before it claims an edit).
 */
async function queueCreates(world: World): Promise<Planned[]> {
  const { core, sandbox, version } = world;
  const refuse = sandbox.admin.addFault({
    kind: 'status',
    status: 400,
    method: 'GET',
    pathPrefix: '/customers',
  });
  const ids = customersFor(world, 5);
  expect(ids).toHaveLength(5);
  const planned: Planned[] = [];
  for (const [n, customerId] of ids.entries()) {
    if (version === '2021-11' && n >= 3) {
      const marker = `cus_GracefulStop${customerId}`;
      ok(
        await core.router.call('customers:updatePaymentToken', {
          customerId,
          processor: 'stripe',
          token: marker,
          paymentMethodToken: `pm_GracefulStop${customerId}`,
        }),
      );
      planned.push({ customerId, kind: 'payment method', marker });
    } else {
      const marker = `${customerId} Graceful Stop Way`;
      ok(
        await core.router.call('addresses:create', {
          customerId,
          address: {
            first_name: 'Grace',
            last_name: 'Stop',
            company: null,
            address1: marker,
            address2: null,
            city: 'New York',
            province: 'New York',
            zip: '10001',
            country: 'United States',
            phone: null,
          },
        }),
      );
      planned.push({ customerId, kind: 'address', marker });
    }
  }
  expect(sandbox.admin.faults().find((f) => f.id === refuse.id)?.fired).toBeGreaterThan(0);
  sandbox.admin.clearFaults();
  const summary = ok<Summary>(await core.router.call('outbox:summary', undefined));
  expect(summary.counts['pending']).toBe(5);
  return planned;
}

const isCreate = (r: RequestLogEntry) =>
  r.method === 'POST' &&
  (/^\/customers\/\d+\/addresses$/.test(r.path) ||
    ['/addresses', '/payment_methods'].includes(r.path));

/** The POSTs the store has handled (a held one is logged once it is handled). */
const handledCreates = (sandbox: Sandbox) =>
  sandbox.admin.requests({ limit: 10_000 }).filter((r) => isCreate(r) && r.status !== null);

/** Whether the store has handled every POST it held (it logs each once it has). */
const heldHandled = (world: World) =>
  world.sandbox.admin
    .requests({ limit: 10_000 })
    .filter((r) => r.faults?.includes(world.holdId) && r.status !== null).length >= LANES;

/** Starts a push and waits until the store holds a POST from each lane. */
async function pushUntilOnTheWire(world: World): Promise<void> {
  const { sandbox, core } = world;
  sandbox.admin.clearRequests();
  const hold = sandbox.admin.addFault({
    kind: 'delay',
    delayMs: HOLD_MS,
    method: 'POST',
    count: LANES,
  });
  world.holdId = hold.id;
  void core.router.call('outbox:push', undefined);
  await until(() => (sandbox.admin.faults().find((f) => f.id === hold.id)?.fired ?? 0) >= LANES);
  expect(handledCreates(sandbox)).toEqual([]);
}

/** The merchant's graceful stop, while the store still holds those POSTs. */
async function gracefulStop(world: World, stop: Stop): Promise<void> {
  if (stop === 'close') {
    await world.core.close();
    world.core = await quietCore(world.dataDir, { ambiguousSettleMs: SETTLE_MS });
    open.cores.push(world.core);
  } else if (stop === 'switch') {
    ok(await world.core.router.call('profiles:switch', { id: world.otherId }));
    ok(await world.core.router.call('profiles:switch', { id: world.mainId }));
  } else {
    const rebuilt = ok<{ keptEdits: number }>(
      await world.core.router.call('sync:rebuildCache', undefined),
    );
    expect(rebuilt.keptEdits).toBe(5);
  }
  expect(world.core.profiles.active()?.id).toBe(world.mainId);
}

/**
 * Pushes until nothing is left to send. An edit that may have gone out may wait a while before
 * it is looked for on the store: once the store has handled what it held, the merchant retries.
 */
async function pushToTheEnd(world: World): Promise<Summary> {
  const { core } = world;
  let summary = ok<Summary>(await core.router.call('outbox:push', undefined));
  if ((summary.counts['pending'] ?? 0) > 0) {
    await until(() => heldHandled(world), 10_000);
    // An interrupted create is looked for only once its settle time is over.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const pending = ok<{ items: { id: number }[] }>(
      await core.router.call('outbox:list', { states: ['pending'] }),
    ).items.map((edit) => edit.id);
    ok(await core.router.call('outbox:retry', { ids: pending }));
    summary = ok<Summary>(await core.router.call('outbox:push', undefined));
  }
  return summary;
}

/** Every address and payment method planned exists once on the store, from one handled POST. */
function expectEachCreatedOnce(world: World, planned: Planned[]): void {
  const { sandbox } = world;
  const handled = handledCreates(sandbox);
  const problems: string[] = [];
  for (const { customerId, kind, marker } of planned) {
    const onStore =
      kind === 'address'
        ? sandbox.store
            .addressIdsOf(customerId)
            .filter((id) => sandbox.store.address(id)?.address1 === marker)
        : sandbox.store
            .methodsOf(customerId)
            .filter((row) => row.data.processor_customer_token === marker)
            .map((row) => row.data.id);
    if (onStore.length !== 1) {
      problems.push(`customer ${customerId}: ${onStore.length} × the ${kind} on the store`);
    }
    const posts = handled.filter((r) => {
      const body = (r.body ?? {}) as Record<string, unknown>;
      return r.path === `/customers/${customerId}/addresses` || body['customer_id'] === customerId;
    });
    if (posts.length !== 1) {
      problems.push(`customer ${customerId}: ${posts.length} handled POSTs of the ${kind}`);
    }
  }
  expect(problems).toEqual([]);
}

/** The edits the store held ended found on the store, not sent again; the fifth was sent. */
function expectHeldOnesFound(world: World): void {
  const edits = world.core
    .session()!
    .outbox.list({ states: ['done'], limit: 10, offset: 0 })
    .items.sort((a, b) => a.id - b.id);
  const endings = edits.map((edit) => {
    const history = world.core.session()!.outbox.history(edit.customerId);
    return history.find((entry) => entry.editId === edit.id && entry.state === 'done')?.message;
  });
  expect(endings).toEqual([
    ...Array<string>(LANES).fill('found on the store after an interrupted send'),
    null,
  ]);
}

async function expectAllDoneAndCached(world: World, summary: Summary): Promise<void> {
  const { core, sandbox } = world;
  expect(summary.counts).toMatchObject({
    done: 5,
    pending: 0,
    in_flight: 0,
    failed: 0,
    conflict: 0,
  });
  await until(() => core.session()?.services.sync.status().state !== 'syncing', 20_000);
  expect(ok<{ state: string }>(await core.router.call('sync:start', { full: true })).state).toBe(
    'idle',
  );
  expect(storeDiff(sandbox, core.session()!.services.store)).toEqual([]);
}

let seed = 300;

describe.each(['2021-01', '2021-11'] as ApiVersion[])('creates on %s', (version) => {
  describe.each(STOPS)('$label while they are on the wire', ({ stop }) => {
    it('settled: pushed again once the store has handled them, each exists once', async () => {
      const world = await setUp(version, (seed += 1));
      const planned = await queueCreates(world);
      await pushUntilOnTheWire(world);
      await gracefulStop(world, stop);
      // The store handles what it held, though no one waits for the answers any more.
      await until(() => heldHandled(world), 10_000);
      const summary = await pushToTheEnd(world);
      expectEachCreatedOnce(world, planned);
      expectHeldOnesFound(world);
      await expectAllDoneAndCached(world, summary);
    });

    it('early: pushed again while the store still holds them, each exists once', async () => {
      const world = await setUp(version, (seed += 1));
      const planned = await queueCreates(world);
      await pushUntilOnTheWire(world);
      // The stop comes while the store holds them; what the app does next must not create
      // anything a second time, whenever the store gets round to handling them.
      await gracefulStop(world, stop);
      const summary = await pushToTheEnd(world);
      await until(() => heldHandled(world), 10_000);
      expectEachCreatedOnce(world, planned);
      expectHeldOnesFound(world);
      await expectAllDoneAndCached(world, summary);
    });
  });
});
