// Searches, totals and exports are read on a worker thread with its own connection to the cache
// file (issue 17, item 7): the answers are the engine's, pending edits' values are on top, an
// export can stop early and start again, and a damaged file gets the message offering a rebuild.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  noPendingEdits,
  type PendingEdit,
  type PendingOverlay,
} from '../../../src-main/db/pending-values.ts';
import { createCacheWriter } from '../../../src-main/sync/cache-writer.ts';
import {
  createSearchReader,
  type SearchReader,
} from '../../../src-main/db/search/search-reader.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import { AppError } from '../../../src-shared/errors.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const CUSTOMERS = 3000;
let cache: ReturnType<typeof tempCache>;
let reader: SearchReader;
let edits: PendingEdit[] = [];
const overlay: PendingOverlay = {
  shownEdits: (ids) => edits.filter((e) => ids.includes(e.customerId)),
};

beforeAll(() => {
  cache = tempCache();
  const generated = generateCustomers(5, CUSTOMERS);
  loadCache(cache.store, generated.customers, generated.addresses);
  reader = createSearchReader({ path: cache.path, overlay: () => overlay });
});

afterAll(async () => {
  await reader.close();
  cache.cleanup();
});

const byName = { key: 'name', dir: 'asc' } as const;

describe('the search reader', () => {
  it('answers as the engine on the main connection does', async () => {
    for (const text of ['', 'son', 'gmail', 'a']) {
      const query = SearchInput.parse({ query: text, sort: byName });
      const { tookMs: _off, ...onWorker } = await reader.search(query);
      const { tookMs: _main, ...onMain } = cache.store.search.search(query);
      expect(onWorker).toEqual(onMain);
    }
    const query = { query: 'son', filters: { status: 'ACTIVE' as const } };
    expect(await reader.count(query)).toBe(cache.store.search.count(query));
  });

  it('shows a pending edit’s value, marked, on the row it changes', async () => {
    const first = (await reader.search(SearchInput.parse({ query: '', sort: byName }))).items[0]!;
    edits = [
      { customerId: first.id, addressId: null, kind: 'billing', patch: { billing_city: 'Oslo' } },
    ];
    try {
      const again = await reader.search(SearchInput.parse({ query: '', sort: byName }));
      expect(again.items[0]).toMatchObject({
        id: first.id,
        billing_city: 'Oslo',
        pending_fields: ['billing_city'],
      });
      expect(again.items[1]?.pending_fields).toEqual([]);
    } finally {
      edits = [];
    }
  });

  it('exports every hit in order a chunk at a time, and a stopped export leaves the next whole', async () => {
    const ids: number[] = [];
    for await (const chunk of reader.exportPages({ query: '', filters: {}, sort: byName }, 400)) {
      expect(chunk.length).toBeLessThanOrEqual(400);
      ids.push(...chunk.map((row) => row.id));
    }
    expect(ids).toHaveLength(CUSTOMERS);
    expect(new Set(ids).size).toBe(CUSTOMERS);

    let taken = 0;
    for await (const chunk of reader.exportPages({ query: '', filters: {}, sort: byName }, 400)) {
      taken += chunk.length;
      if (taken >= 800) break;
    }
    const again: number[] = [];
    for await (const chunk of reader.exportPages({ query: '', filters: {}, sort: byName }, 400)) {
      again.push(...chunk.map((row) => row.id));
    }
    expect(again).toEqual(ids);
  });

  it('counts exactly while the writer is still building the search index', async () => {
    const fresh = tempCache();
    fresh.store.transaction(() => fresh.store.searchIndex.defer());
    loadCache(fresh.store, generateCustomers(15, 3000).customers);
    const writer = createCacheWriter({ path: fresh.path });
    const counter = createSearchReader({ path: fresh.path, overlay: () => noPendingEdits });
    try {
      await counter.count({ query: 'warm', filters: {} });
      const build = writer.buildSearchIndex();
      let built = false;
      void build.then(() => (built = true));
      const during = await counter.count({ query: 'com', filters: {} });
      expect(built).toBe(false);
      await build;
      expect(during).toBe(fresh.store.search.ids({ query: 'com', filters: {} }).length);
      const active = { query: 'son', filters: { status: 'ACTIVE' as const } };
      expect(await counter.count(active)).toBe(fresh.store.search.ids(active).length);
      await expect(counter.count({ query: 'x'.repeat(300), filters: {} })).rejects.toMatchObject({
        kind: 'validation',
      });
    } finally {
      await counter.close();
      await writer.close();
      fresh.cleanup();
    }
  });

  it('refuses a damaged cache file with the message that offers a rebuild', async () => {
    const dir = tempDir('rcd-reader-');
    const path = dir.path('cache.db');
    writeFileSync(path, 'garbage '.repeat(1000));
    const broken = createSearchReader({ path, overlay: () => overlay });
    try {
      const error = await broken.search(SearchInput.parse({ query: 'x' })).catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ kind: 'unavailable' });
      expect((error as AppError).message).toMatch(/damaged/);
    } finally {
      await broken.close();
      dir.cleanup();
    }
  });
});
