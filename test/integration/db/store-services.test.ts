import { writeFileSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/lib/logger.ts';
import {
  openStoreServices,
  rebuildStoreServices,
  type StoreServicesOptions,
} from '../../../src-main/core/store-services.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.ts';
import { appErrorOfSync } from '../../helpers/app-error.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{
  sandbox: Sandbox;
  options: StoreServicesOptions;
  statuses: SyncStatus[];
}> {
  const sandbox = await startSandbox({ seed: 3, customers: 400, timeScale: 100 });
  const dir = tempDir('rc-services-');
  cleanups.push(() => sandbox.close().catch(() => undefined), dir.cleanup);
  const statuses: SyncStatus[] = [];
  return {
    sandbox,
    statuses,
    options: {
      dbPath: dir.path('profile.db'),
      baseUrl: sandbox.url,
      token: sandbox.tokens.readOnly,
      apiVersion: '2021-01',
      onSyncStatus: (status) => statuses.push(status),
      logger: silentLogger,
      drainPerSecond: 200,
    },
  };
}

describe('store services', () => {
  it('syncs, searches and shows a customer, as the channels will', async () => {
    const { sandbox, options, statuses } = await setup();
    const services = openStoreServices(options);
    cleanups.push(() => services.close());
    expect(services.sync.status().state).toBe('idle');
    const final = await services.sync.start();
    expect(final.state).toBe('idle');
    expect(statuses.some((s) => s.state === 'syncing')).toBe(true);

    const someone = [...sandbox.store.customers.rows.values()][10]!.data;
    const found = await services.search(SearchInput.parse({ query: someone.email }));
    expect(found.items[0]?.id).toBe(someone.id);
    const detail = services.getCustomer(someone.id);
    expect(detail.customer.email).toBe(someone.email);
    expect(detail.addresses.every((a) => a.customer_id === someone.id)).toBe(true);
    expect((await services.search(SearchInput.parse({ query: '' }))).total).toBe(400);
  });

  it('keeps the cache across a restart (offline reads need no network)', async () => {
    const { sandbox, options } = await setup();
    const first = openStoreServices(options);
    await first.sync.start();
    first.close();
    await sandbox.close();
    const again = openStoreServices(options);
    cleanups.push(() => again.close());
    expect(again.sync.status().cachedCustomers).toBe(400);
    expect(again.sync.status().lastSyncedAt).not.toBeNull();
    expect((await again.search(SearchInput.parse({ query: '' }))).total).toBe(400);
  });

  it('refuses a damaged cache with a clear error, and rebuilds keeping the old file', async () => {
    const { options } = await setup();
    writeFileSync(options.dbPath, 'garbage '.repeat(1000));
    const error = appErrorOfSync(() => openStoreServices(options));
    expect(error.message).toMatch(/damaged/);
    const { services, movedTo } = rebuildStoreServices(options);
    cleanups.push(() => services.close());
    expect(movedTo && existsSync(movedTo)).toBe(true);
    expect((await services.sync.start()).cachedCustomers).toBe(400);
  });
});
