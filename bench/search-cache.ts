// A cache of `count` generated customers for the search rows, written straight through the
// repositories (as the cache writer does, without its thread) with the first load's deferred
// index build. Chunks of 100k keep the generated objects small; ids and emails are offset per
// chunk as the ingest bench's pages are, so both benches search the same kind of data.
import { openCacheStore, type CacheStore } from '../src-main/db/cache-store.ts';
import { addressFacts, customerFacts } from '../src-main/recharge/v2021-01.ts';
import { generateCustomers } from '../src-main/sandbox/generate.ts';

const CHUNK = 100_000;
const SLICE = 2_000;
const ROWS = 5_000;
const MERGE_PAGES = 500;

export interface SearchCache {
  store: CacheStore;
  customers: number;
  addresses: number;
  /** Writing the rows, then building and merging the search index. */
  loadSeconds: number;
  indexSeconds: number;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

export function buildSearchCache(path: string, count: number): SearchCache {
  const started = performance.now();
  const store = openCacheStore({ path });
  // Only what the searches read is measured: the load skips the fsyncs a pull would pay for.
  store.db.pragma('synchronous = OFF');
  store.transaction(() => store.searchIndex.defer());
  let addresses = 0;
  for (let n = 0; n * CHUNK < count; n += 1) {
    const data = generateCustomers(1000 + n, Math.min(CHUNK, count - n * CHUNK));
    const shift = n * 10_000_000;
    const customers = data.customers.map((c) =>
      customerFacts({ ...c, id: c.id + shift, email: n && c.email ? `${n}.${c.email}` : c.email }),
    );
    const chunkAddresses = data.addresses.map((a) =>
      addressFacts({ ...a, id: a.id + shift, customer_id: a.customer_id + shift }),
    );
    addresses += chunkAddresses.length;
    // A chunk's customers first: an address is kept only when its customer is cached.
    for (let i = 0; i < customers.length; i += ROWS) {
      store.transaction(() =>
        store.customers.upsert(customers.slice(i, i + ROWS), { syncedAt: 0 }),
      );
    }
    for (let i = 0; i < chunkAddresses.length; i += ROWS) {
      store.transaction(() =>
        store.addresses.upsert(chunkAddresses.slice(i, i + ROWS), { syncedAt: 0 }),
      );
    }
  }
  const loaded = performance.now();
  while (!store.transaction(() => store.searchIndex.buildSlice(SLICE)));
  while (!store.transaction(() => store.searchIndex.mergeSlice(MERGE_PAGES, true)));
  store.checkpoint();
  store.db.pragma('synchronous = NORMAL');
  return {
    store,
    customers: count,
    addresses,
    loadSeconds: seconds(loaded - started),
    indexSeconds: seconds(performance.now() - loaded),
  };
}
