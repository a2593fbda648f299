// RSS growth over a day of mixed searches on the router's path (the page, then which of its rows
// have edits waiting), against the same searches with every statement prepared afresh (a cache
// of one: what the app did for its pending-edit reads, and for each new page size and offset).
import type { CacheStore } from '../src-main/db/cache-store.ts';
import { createOutboxRepo } from '../src-main/outbox/outbox-repo.ts';
import { createSearchRepo, type PendingOverlay } from '../src-main/db/search-repo.ts';
import { measureSearchMemory, type MemoryRun } from './search-workload.ts';

export interface SearchMemoryBench {
  engine: MemoryRun;
  /** Fewer searches: each one holds tens of KB until a full collection. */
  baseline: MemoryRun;
}

export async function benchSearchMemory(
  store: CacheStore,
  searches: number,
  baselineSearches: number,
): Promise<SearchMemoryBench> {
  const outbox = createOutboxRepo(store.db, Date.now);
  const overlay: PendingOverlay = {
    shownEdits: (customerIds) => outbox.shownFor(customerIds),
  };
  const searchWith = (statementCacheSize?: number) => {
    const options = statementCacheSize === undefined ? {} : { statementCacheSize };
    const repo = createSearchRepo(
      store.db,
      () => overlay,
      store.searchIndex.indexedThrough,
      options,
    );
    return repo.search.bind(repo);
  };
  const warmup = 2_000;
  const engine = await measureSearchMemory(searchWith(), { seed: 1, warmup, searches });
  const baseline = await measureSearchMemory(searchWith(1), {
    seed: 1,
    warmup,
    searches: baselineSearches,
  });
  return { engine, baseline };
}
