// A working day of searching must not grow the process: every search used to leave ~19 KB of
// native memory behind (a statement prepared per page size and offset, kept forever, and one
// per page for its pending edits), 351 → 833 MB over 21,600 searches. Searches go the app's way:
// to the search reader's thread and back, pending edits laid on top from the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureSearchMemory } from '../../../bench/search-workload.ts';
import type { CacheStore } from '../../../src-main/db/cache-store.ts';
import { createOutboxRepo } from '../../../src-main/outbox/outbox-repo.ts';
import {
  createSearchReader,
  type SearchReader,
} from '../../../src-main/db/search/search-reader.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';

const CUSTOMERS = 10_000;
const SEARCHES = 20_000;
const GROWTH_LIMIT_MB = 64;

let cache: ReturnType<typeof tempCache>;
let store: CacheStore;
let reader: SearchReader;

beforeAll(() => {
  cache = tempCache();
  store = cache.store;
  const generated = generateCustomers(17, CUSTOMERS);
  loadCache(store, generated.customers, generated.addresses);
  // Pending edits on some customers: each page asks the outbox which of its rows have any.
  const outbox = createOutboxRepo(store.db, Date.now);
  generated.customers
    .filter((_, i) => i % 97 === 0)
    .forEach((customer) =>
      outbox.add({
        customerId: customer.id,
        addressId: null,
        kind: 'billing',
        patch: { billing_city: 'Elsewhere' },
        base: { billing_city: customer.billing_city ?? null },
        baseUpdatedAt: null,
        batchId: null,
      }),
    );
  store.setPendingOverlay({
    shownEdits: (customerIds) => outbox.shownFor(customerIds),
  });
  reader = createSearchReader({ path: cache.path, overlay: () => store.pendingOverlay() });
}, 120_000);
afterAll(async () => {
  await reader.close();
  cache.cleanup();
});

describe('a day of searching', () => {
  it(`grows the process by less than ${GROWTH_LIMIT_MB} MB over ${SEARCHES.toLocaleString('en-US')} mixed searches`, async () => {
    let pending = 0;
    const run = await measureSearchMemory(
      async (query) => {
        const { items } = await reader.search(query);
        pending += items.filter((row) => row.pending_fields.length > 0).length;
      },
      { seed: 3, warmup: 2_000, searches: SEARCHES },
    );
    // The mix did reach rows with pending edits (the outbox is on the measured path).
    expect(pending).toBeGreaterThan(0);
    expect(run.growthMb, JSON.stringify(run)).toBeLessThan(GROWTH_LIMIT_MB);
  }, 120_000);
});
