import { startSandbox, type Sandbox, type SandboxOptions } from '../../src-main/sandbox/index.ts';
import { openCacheStore, type CacheStore } from '../../src-main/db/cache-store.ts';
import { createRechargeClient } from '../../src-main/recharge/client.ts';
import { createStoreApi } from '../../src-main/recharge/create-store-api.ts';
import { addressFacts, customerFacts } from '../../src-main/recharge/v2021-01.ts';
import type { StoreApi } from '../../src-main/recharge/store-api.ts';
import { mergeAddress, mergeCustomer } from '../../src-shared/customers/model.ts';
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import { RateLimiter } from '../../src-main/recharge/rate-limiter.ts';
import type { RetryConfig } from '../../src-main/recharge/retry-policy.ts';
import { createSyncEngine, type SyncEngine, type Timers } from '../../src-main/sync/engine.ts';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.ts';
import { silentLogger } from '../../src-main/lib/logger.ts';
import { tempDir } from './temp-dir.ts';

export interface SyncFixture {
  sandbox: Sandbox;
  store: CacheStore;
  dbPath: string;
  api: StoreApi;
  engine: SyncEngine;
  statuses: SyncStatus[];
  timers: ManualTimers;
  close(): Promise<void>;
}

/** Timers that fire only when the test says so. */
export interface ManualTimers extends Timers {
  pending(): { ms: number; fn: () => void }[];
  fireAll(): void;
}

export function manualTimers(): ManualTimers {
  const queue = new Map<number, { ms: number; fn: () => void }>();
  let next = 1;
  return {
    setTimeout(fn, ms) {
      const id = next++;
      queue.set(id, { ms, fn });
      return id;
    },
    clearTimeout(handle) {
      queue.delete(handle as number);
    },
    pending: () => [...queue.values()],
    fireAll() {
      const due = [...queue.entries()];
      queue.clear();
      for (const [, timer] of due) timer.fn();
    },
  };
}

export const FAST_RETRY: Partial<RetryConfig> = { baseDelayMs: 10, maxDelayMs: 100 };

export async function syncFixture(
  options: {
    customers?: number;
    seed?: number;
    timeScale?: number;
    token?: (sandbox: Sandbox) => string;
    retry?: Partial<RetryConfig>;
    reconcileEvery?: number;
    version?: ApiVersion;
    /** Stands between the client and the sandbox (to make answers worse than the sandbox's). */
    fetch?: typeof fetch;
    /**
     * More options for startSandbox (hostile switches and the like); `seed`, `customers` and
     * `timeScale` are the fixture's own above (the client's rate follows `timeScale`).
     */
    sandbox?: SandboxOptions;
  } = {},
): Promise<SyncFixture> {
  const timeScale = options.timeScale ?? 100;
  const sandbox = await startSandbox({
    ...options.sandbox,
    seed: options.seed ?? 7,
    customers: options.customers ?? 600,
    timeScale,
  });
  const dir = tempDir('rc-sync-');
  const dbPath = dir.path('cache.db');
  const store = openCacheStore({ path: dbPath });
  const api = createStoreApi(
    createRechargeClient({
      baseUrl: sandbox.url,
      token: options.token ? options.token(sandbox) : sandbox.tokens.readOnly,
      apiVersion: options.version ?? '2021-01',
      limiter: new RateLimiter({ model: { drainPerSecond: 2 * timeScale } }),
      retry: { ...FAST_RETRY, ...options.retry },
      timeoutMs: 10_000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  );
  const statuses: SyncStatus[] = [];
  const timers = manualTimers();
  const engine = createSyncEngine({
    api,
    store,
    logger: silentLogger,
    onStatus: (status) => statuses.push(status),
    timers,
    reconcileEvery: options.reconcileEvery ?? 0,
  });
  return {
    sandbox,
    store,
    dbPath,
    api,
    engine,
    statuses,
    timers,
    async close() {
      engine.stop();
      store.close();
      await sandbox.close().catch(() => undefined);
      dir.cleanup();
    },
  };
}

/**
 * Differences between the sandbox's data (its 2021-01 rendering, read through that version's
 * adapter) and the cache's documents (empty when they agree).
 */
export function cacheDiff(sandbox: Sandbox, store: CacheStore): string[] {
  const diffs: string[] = [];
  const remoteCustomers = new Map(
    [...sandbox.store.customers.rows.values()].map((row) => [
      row.data.id,
      mergeCustomer(null, customerFacts(row.data)),
    ]),
  );
  const remoteAddresses = new Map(
    [...sandbox.store.addresses.rows.values()].map((row) => [
      row.data.id,
      mergeAddress(null, addressFacts(row.data)),
    ]),
  );
  const docs = (table: string) =>
    new Map(
      (store.db.prepare(`SELECT id, doc FROM ${table}`).all() as { id: number; doc: string }[]).map(
        (r) => [r.id, JSON.parse(r.doc) as unknown],
      ),
    );
  const localCustomers = docs('customers');
  const localAddresses = docs('addresses');
  const compare = (kind: string, remote: Map<number, unknown>, local: Map<number, unknown>) => {
    for (const [id, value] of remote) {
      const mine = local.get(id);
      if (mine === undefined) diffs.push(`${kind} ${id} missing`);
      else if (JSON.stringify(mine) !== JSON.stringify(value)) diffs.push(`${kind} ${id} differs`);
    }
    for (const id of local.keys()) if (!remote.has(id)) diffs.push(`${kind} ${id} should be gone`);
  };
  compare('customer', remoteCustomers, localCustomers);
  compare('address', remoteAddresses, localAddresses);
  return diffs.slice(0, 20);
}
