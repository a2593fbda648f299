// The cache writer's worker thread, on a real cache file: what it commits is what the main
// thread's connection reads, a bad page fails alone, a damaged file is a clear error, and an
// index build can be stopped and finished later.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCacheWriter, type CacheWriter } from '../../../src-main/sync/cache-writer.ts';
import { STATE_KEYS, type Checkpoint } from '../../../src-main/sync/checkpoint.ts';
import { customerFacts } from '../../../src-main/recharge/v2021-01.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import type { PageWrite } from '../../../src-main/sync/write-ops.ts';
import { noAnswer } from '../../../src-main/db/store-answers.ts';
import type { CustomerFacts } from '../../../src-shared/customers/model.ts';
import type { Customer as Wire2101 } from '../../../src-shared/recharge/wire-2021-01.ts';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import { appErrorOf } from '../../helpers/app-error.ts';
import { tempCache } from '../../helpers/cache.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup() {
  const cache = tempCache();
  const writer = createCacheWriter({ path: cache.path });
  cleanups.push(cache.cleanup, () => writer.close());
  return { store: cache.store, writer };
}

const checkpoint = (pages: number): Checkpoint => ({
  mode: 'full',
  reason: 'full',
  pass: 1,
  phases: ['customers', 'addresses'],
  phase: 'customers',
  pageInfo: `cursor-${pages}`,
  since: {},
  maxSeen: {},
  pages,
  customers: pages * 100,
  addresses: 0,
  paymentMethods: 0,
  totals: { customers: null, addresses: null },
});

const page = (items: CustomerFacts[], pages: number): PageWrite => ({
  phase: 'customers',
  items,
  owners: [],
  ownerMethods: [],
  syncedAt: 1,
  seenPass: 1,
  step: { kind: 'checkpoint', checkpoint: checkpoint(pages) },
});

const search = (query: string) => SearchInput.parse({ query, pageSize: 100 });

async function writeAll(writer: CacheWriter, wire: Wire2101[]) {
  const customers = wire.map(customerFacts);
  const pages = [];
  for (let i = 0; i < customers.length; i += 100) {
    pages.push(writer.writePage(page(customers.slice(i, i + 100), i / 100 + 1)));
  }
  return Promise.all(pages);
}

describe('the cache writer', () => {
  it('commits each page with its checkpoint, visible to the main connection', async () => {
    const { store, writer } = setup();
    const { customers } = generateCustomers(11, 450);
    const reports = await writeAll(writer, customers);
    expect(reports.map((r) => r.written)).toEqual([100, 100, 100, 100, 50]);
    expect(store.customers.count()).toBe(450);
    expect(store.syncState.get<Checkpoint>(STATE_KEYS.checkpoint)?.pageInfo).toBe('cursor-5');
    const first = customers[0]!;
    expect(store.detail(first.id).customer.email).toBe(first.email);
    // The same page again (a run killed after the commit replays it): nothing doubles.
    await writeAll(writer, customers);
    expect(store.customers.count()).toBe(450);
  });

  it('fails only the bad page when pages queued together share a transaction', async () => {
    const { store, writer } = setup();
    const { customers } = generateCustomers(12, 300);
    // A status the table's CHECK refuses: the page fails in the database, as a bad page would.
    const broken = customers
      .slice(100, 200)
      .map((c) => ({ ...customerFacts(c), status: 'DELETED' }) as unknown as CustomerFacts);
    const results = await Promise.allSettled([
      writer.writePage(page(customers.slice(0, 100).map(customerFacts), 1)),
      writer.writePage(page(broken, 2)),
      writer.writePage(page(customers.slice(200, 300).map(customerFacts), 3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.customers.count()).toBe(200);
    expect(store.customers.exists(customers[150]!.id)).toBe(false);
  });

  it('reports a damaged cache file as a clear error', async () => {
    const dir = tempDir('rc-writer-');
    cleanups.push(dir.cleanup);
    const path = dir.path('cache.db');
    writeFileSync(path, 'this is not a database, just text '.repeat(200));
    const writer = createCacheWriter({ path });
    cleanups.push(() => writer.close());
    const error = await appErrorOf(writer.writePage(page([], 1)));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/damaged|could not be opened/);
  });

  it('stops an index build on abort and finishes it on the next call', async () => {
    const { store, writer } = setup();
    const { customers } = generateCustomers(13, 3000);
    store.transaction(() => store.searchIndex.defer());
    await writeAll(writer, customers);
    expect(store.searchIndex.indexedThrough()).toBe(0);

    const controller = new AbortController();
    const build = writer.buildSearchIndex(controller.signal);
    controller.abort();
    await build;
    expect(store.searchIndex.indexedThrough()).not.toBeNull();

    await writer.buildSearchIndex();
    expect(store.searchIndex.indexedThrough()).toBeNull();
    const last = customers.at(-1)!;
    expect(store.search.search(search(last.email)).items.map((r) => r.id)).toContain(last.id);
  });

  it('writes what the store answered to a push while an index build runs, before it ends', async () => {
    const { store, writer } = setup();
    const { customers } = generateCustomers(15, 6000);
    store.transaction(() => store.searchIndex.defer());
    await writeAll(writer, customers);
    const pushed = { ...customerFacts(customers[0]!), billing_city: 'Answered City' };
    let built = false;
    const build = writer.buildSearchIndex().then(() => (built = true));
    await writer.saveAnswer({ ...noAnswer(2), customers: [pushed] });
    expect(built).toBe(false);
    expect(store.customers.get(pushed.id)?.billing_city).toBe('Answered City');
    await build;
    expect(store.search.search(search('Answered City')).items.map((r) => r.id)).toContain(
      pushed.id,
    );
  });

  it('starts again after close', async () => {
    const { store, writer } = setup();
    const { customers } = generateCustomers(14, 200);
    await writeAll(writer, customers.slice(0, 100));
    await writer.close();
    await writeAll(writer, customers.slice(100));
    expect(store.customers.count()).toBe(200);
  });
});
