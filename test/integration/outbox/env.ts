import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src-main/lib/logger.ts';
import { openCacheStore, type CacheStore } from '../../../src-main/db/cache-store.ts';
import { createOutboxRepo } from '../../../src-main/outbox/outbox-repo.ts';

import { createRechargeClient } from '../../../src-main/recharge/client.ts';
import { createStoreApi } from '../../../src-main/recharge/create-store-api.ts';
import { RateLimiter } from '../../../src-main/recharge/rate-limiter.ts';
import type { StoreApi } from '../../../src-main/recharge/store-api.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { cacheAccessOn } from '../../../src-main/outbox/cache-access.ts';
import type { TokenSealer } from '../../../src-main/outbox/ports.ts';
import { createOutboxPusher } from '../../../src-main/outbox/pusher.ts';
import { createOutboxService } from '../../../src-main/outbox/service.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { SCOPES } from '../../../src-shared/scopes.ts';

/** A reversible stand-in for the vault cipher: tests check tokens never appear in plain form. */
export const testSealer: TokenSealer = {
  seal: (plain) => Buffer.from(plain).toString('base64').split('').reverse().join(''),
  open: (sealed) => Buffer.from(sealed.split('').reverse().join(''), 'base64').toString(),
};

export interface OutboxEnv {
  sandbox: Sandbox;
  dir: string;
  dbPath: string;
  store: CacheStore;
  api: StoreApi;
  network: { offline: boolean };
  service: ReturnType<typeof createOutboxService>;
  pusher: ReturnType<typeof createOutboxPusher>;
  changes: number;
  close(): Promise<void>;
}

/** Copies every customer, address and payment method of the store into the cache. */
export async function fillCache(store: CacheStore, api: StoreApi): Promise<void> {
  const syncedAt = Date.now();
  for (let cursor: string | null | undefined = undefined; cursor !== null;) {
    const page = await api.listCustomers({ limit: 250, cursor });
    store.customers.upsert(page.items, { syncedAt });
    cursor = page.next;
  }
  for (let cursor: string | null | undefined = undefined; cursor !== null;) {
    const page = await api.listAddresses({ limit: 250, cursor });
    store.addresses.upsert(page.items, { syncedAt });
    cursor = page.next;
  }
  for (let cursor: string | null | undefined = undefined; cursor !== null;) {
    const page = await api.listPaymentMethods({ limit: 250, cursor });
    store.paymentMethods.upsert(page.items, { syncedAt });
    cursor = page.next;
  }
}

export async function createOutboxEnv(options: {
  customers?: number;
  token?: 'full' | 'readWrite' | 'readOnly';
  timeScale?: number;
  dir?: string;
  sandbox?: Sandbox;
  timeoutMs?: number;
  version?: ApiVersion;
}): Promise<OutboxEnv> {
  const sandbox =
    options.sandbox ??
    (await startSandbox({
      seed: 11,
      customers: options.customers ?? 40,
      timeScale: options.timeScale ?? 50,
    }));
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'rcd-outbox-'));
  const dbPath = join(dir, 'cache.sqlite');
  const store = openCacheStore({ path: dbPath });
  const network = { offline: false };
  const guardedFetch: typeof fetch = (input, init) =>
    network.offline
      ? Promise.reject(new TypeError('fetch failed: network is down'))
      : fetch(input, init);
  const client = createRechargeClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens[options.token ?? 'full'],
    fetch: guardedFetch,
    limiter: new RateLimiter({ model: { drainPerSecond: 2 * (options.timeScale ?? 50) } }),
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: options.timeoutMs ?? 5_000,
    apiVersion: options.version ?? '2021-01',
  });
  const api = createStoreApi(client);
  if (!options.sandbox) await fillCache(store, api);
  const repo = createOutboxRepo(store.db, Date.now);
  // Reads show queued edits as the app's session installs them.
  store.setPendingOverlay({ shownEdits: (ids) => repo.shownFor(ids) });
  const cache = cacheAccessOn(store, Date.now, () => []);
  const env = { changes: 0 } as OutboxEnv;
  const pusher = createOutboxPusher({
    repo,
    cache,
    api,
    sealer: testSealer,
    logger: silentLogger,
    now: Date.now,
    onChange: () => env.changes++,
    retryIntervalMs: 60_000,
    retryBackoff: { baseDelayMs: 5, maxDelayMs: 40 },
    // Longer than the slowest scripted answer (the storm's 600 ms delay).
    ambiguousSettleMs: 1_000,
  });
  const service = createOutboxService({
    repo,
    cache,
    sealer: testSealer,
    onChange: () => env.changes++,
    kick: () => undefined,
    pausedReason: () => pusher.pausedReason(),
    traits: api.traits,
    scopes: () => new Set(SCOPES),
  });
  return Object.assign(env, {
    sandbox,
    dir,
    dbPath,
    store,
    api,
    network,
    service,
    pusher,
    async close() {
      await pusher.stop();
      store.close();
      if (!options.sandbox) await sandbox.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  });
}

export function writesTo(sandbox: Sandbox, method: string, path: string) {
  return sandbox.admin
    .requests({ limit: 10_000 })
    .filter((r) => r.method === method && r.path === path);
}
