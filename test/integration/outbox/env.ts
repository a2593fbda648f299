import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src-main/core/logger.ts';
import { openCacheStore, type CacheStore } from '../../../src-main/db/cache-store.ts';
import { MIGRATIONS } from '../../../src-main/db/migrations.ts';
import { createOutboxRepo } from '../../../src-main/db/outbox-repo.ts';
import { outboxMigration } from '../../../src-main/db/outbox-schema.ts';
import { createRechargeClient } from '../../../src-main/recharge/client.ts';
import { RateLimiter } from '../../../src-main/recharge/rate-limiter.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { cacheAccessOn } from '../../../src-main/sync/outbox-cache.ts';
import type { TokenSealer } from '../../../src-main/sync/outbox-ports.ts';
import { createOutboxPusher } from '../../../src-main/sync/outbox-push.ts';
import { createOutboxService } from '../../../src-main/sync/outbox-service.ts';
import { Address, Customer } from '../../../src-shared/recharge/wire.ts';

export const ALL_MIGRATIONS = MIGRATIONS.some((m) => m.version === 3)
  ? MIGRATIONS
  : [...MIGRATIONS, outboxMigration];

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
  network: { offline: boolean };
  service: ReturnType<typeof createOutboxService>;
  pusher: ReturnType<typeof createOutboxPusher>;
  changes: number;
  close(): Promise<void>;
}

/** Copies every customer and address of the sandbox into the cache (a minimal full pull). */
export async function fillCache(store: CacheStore, sandbox: Sandbox): Promise<void> {
  const headers = {
    'X-Recharge-Access-Token': sandbox.tokens.full,
    'X-Recharge-Version': '2021-01',
  };
  for (const [path, key] of [
    ['customers', 'customers'],
    ['addresses', 'addresses'],
  ] as const) {
    let url: string | null = `${sandbox.url}/${path}?limit=250&sort_by=id-asc`;
    while (url) {
      const res: Response = await fetch(url, { headers });
      const body = (await res.json()) as Record<string, Record<string, unknown>[]>;
      const items = body[key] ?? [];
      if (key === 'customers') {
        store.customers.upsert(
          items.map((raw) => ({ customer: Customer.parse(raw), raw })),
          { syncedAt: Date.now() },
        );
      } else {
        store.addresses.upsert(
          items.map((raw) => ({ address: Address.parse(raw), raw })),
          { syncedAt: Date.now() },
        );
      }
      const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '');
      url = next?.[1] ?? null;
    }
  }
}

export async function createOutboxEnv(options: {
  customers?: number;
  token?: 'full' | 'readWrite' | 'readOnly';
  timeScale?: number;
  dir?: string;
  sandbox?: Sandbox;
  timeoutMs?: number;
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
  const store = openCacheStore({ path: dbPath, migrations: ALL_MIGRATIONS });
  if (!options.sandbox) await fillCache(store, sandbox);
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
  });
  const repo = createOutboxRepo(store.db, Date.now);
  const cache = cacheAccessOn(store, Date.now, () => []);
  const env = { changes: 0 } as OutboxEnv;
  const pusher = createOutboxPusher({
    repo,
    cache,
    client,
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
  });
  return Object.assign(env, {
    sandbox,
    dir,
    dbPath,
    store,
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
