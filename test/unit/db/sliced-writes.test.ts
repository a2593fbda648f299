// Big writes in slices: the search index of a first load is built and then merged in slices of
// their own, WAL checkpoints run between slices, and an abort stops the work where it is.
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheStore } from '../../../src-main/db/cache-store.ts';
import { createSlicer, MERGE_ABOVE_SEGMENTS } from '../../../src-main/db/sliced-writes.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';

const caches: ReturnType<typeof tempCache>[] = [];
afterEach(() => {
  for (const cache of caches.splice(0)) cache.cleanup();
});
const freshCache = () => {
  const cache = tempCache();
  caches.push(cache);
  return cache.store;
};

const ftsConfig = (store: CacheStore) =>
  Object.fromEntries(
    (store.db.prepare('SELECT k, v FROM customers_fts_config').all() as { k: string; v: number }[])
      .filter((row) => row.k !== 'version')
      .map((row) => [row.k, row.v]),
  );
const segments = (store: CacheStore) =>
  store.db.prepare('SELECT count(*) FROM customers_fts_data').pluck().get() as number;
const immediate = () => Promise.resolve();

describe('sliced writes', () => {
  it('builds a deferred index, merges it, checkpoints between slices, and restores merging', async () => {
    const store = freshCache();
    const data = generateCustomers(5, 800);
    store.transaction(() => store.searchIndex.defer());
    // While building, merges are the builder's, not each commit's.
    expect(ftsConfig(store)).toMatchObject({ automerge: 0 });
    loadCache(store, data.customers, data.addresses);

    let checkpoints = 0;
    const checkpoint = store.checkpoint;
    store.checkpoint = () => {
      checkpoints += 1;
      checkpoint();
    };
    const slicer = createSlicer(store, {
      yieldToLoop: immediate,
      budgetMs: 1,
      checkpointEveryMs: 0,
    });
    await slicer.buildSearchIndex();

    expect(store.searchIndex.indexedThrough()).toBeNull();
    expect(ftsConfig(store)).toMatchObject({ automerge: 4, crisismerge: 16 });
    expect(checkpoints).toBeGreaterThan(1);
    const someone = data.customers[123]!;
    const found = store.search.search(SearchInput.parse({ query: someone.email, pageSize: 100 }));
    expect(found.items.map((row) => row.id)).toContain(someone.id);
    // Merged down: nothing is left for another merge to do.
    const before = segments(store);
    expect(store.transaction(() => store.searchIndex.mergeSlice(64, false))).toBe(true);
    expect(segments(store)).toBe(before);
  });

  it('stops a build when aborted, and a later build finishes it', async () => {
    const store = freshCache();
    const data = generateCustomers(6, 400);
    store.transaction(() => store.searchIndex.defer());
    loadCache(store, data.customers, data.addresses);
    const controller = new AbortController();
    let slices = 0;
    const slicer = createSlicer(store, {
      budgetMs: 0.01,
      yieldToLoop: () => {
        slices += 1;
        if (slices === 2) controller.abort();
        return Promise.resolve();
      },
    });
    await slicer.buildSearchIndex(controller.signal);
    const mark = store.searchIndex.indexedThrough();
    expect(mark).not.toBeNull();
    expect(mark).toBeGreaterThan(0);

    await createSlicer(store, { yieldToLoop: immediate }).buildSearchIndex();
    expect(store.searchIndex.indexedThrough()).toBeNull();
    const last = data.customers.at(-1)!;
    const found = store.search.search(SearchInput.parse({ query: last.email }));
    expect(found.items.map((row) => row.id)).toContain(last.id);
  });

  it('merges down a complete index that many small writes left in many segments', async () => {
    const store = freshCache();
    const data = generateCustomers(8, 600);
    store.transaction(() => store.searchIndex.defer());
    loadCache(store, data.customers, data.addresses);
    const slicer = createSlicer(store, { yieldToLoop: immediate });
    await slicer.buildSearchIndex();
    expect(store.searchIndex.segments()).toBe(1);
    // An incremental pull: a transaction per page of changed customers.
    const changed = data.customers.slice(0, 200).map((c) => ({
      ...c,
      last_name: `${c.last_name}Qzv`,
      updated_at: '2030-01-01T00:00:00',
    }));
    let pages = 0;
    for (; store.searchIndex.segments() <= MERGE_ABOVE_SEGMENTS; pages += 1) {
      const page = changed.slice(pages * 10, pages * 10 + 10);
      expect(page.length).toBeGreaterThan(0);
      loadCache(store, page);
    }
    const find = (query: string) =>
      store.search.search(SearchInput.parse({ query, pageSize: 100 })).total;
    const hits = find('qzv');
    expect(hits).toBe(pages * 10);

    await slicer.buildSearchIndex();
    expect(store.searchIndex.segments()).toBe(1);
    expect(find('qzv')).toBe(hits);
    expect(find(changed[0]!.email)).toBeGreaterThan(0);
    // Below the threshold, a call finds nothing to do.
    loadCache(store, changed.slice(0, 1));
    await slicer.buildSearchIndex();
    expect(store.searchIndex.segments()).toBe(2);
  });

  it('repeats a step in slices until it reports done', async () => {
    const store = freshCache();
    const sizes: number[] = [];
    let left = 500;
    await createSlicer(store, { yieldToLoop: immediate }).repeat('count-down', (size) => {
      sizes.push(size);
      left -= Math.min(size, left);
      return left === 0;
    });
    expect(left).toBe(0);
    expect(sizes.length).toBeGreaterThan(1);
  });
});
