// The search repository the cache store exposes: the engine under ./search on one connection.
import type Database from 'better-sqlite3';
import { createSearchEngine, type SearchRepo } from './search/engine.ts';
import { createExecutor, STATEMENT_CACHE_SIZE } from './search/executor.ts';
import { createLookups } from './search/lookups.ts';
import { noPendingEdits, type PendingOverlay } from './search/rows.ts';

export type { SearchRepo } from './search/engine.ts';
export { noPendingEdits, type PendingOverlay } from './search/rows.ts';
export { distinctNewestFirst } from './search/distinct.ts';
export { walksFilters } from './search/planner.ts';

/**
 * Exact totals stop here by default: counting "gmail" (250k hits at 1M customers) costs 30-45 ms
 * in FTS5 alone, a page of it under 3 ms. Past the cap a search answers "at least" and the exact
 * figure comes from `count`, asked for separately (as search engines cap tracked hits).
 */
export const EXACT_TOTAL_UP_TO = 10_000;

export interface SearchRepoOptions {
  /** Totals past this many hits are left at "at least" (tests use a small cap). */
  exactTotalUpTo?: number;
  /** Statements kept prepared at most (least recently used ones are dropped). */
  statementCacheSize?: number;
}

export function createSearchRepo(
  db: Database.Database,
  overlay: () => PendingOverlay = () => noPendingEdits,
  indexedThrough: () => number | null = () => null,
  options: SearchRepoOptions = {},
): SearchRepo {
  return createSearchEngine({
    exec: createExecutor(db, options.statementCacheSize ?? STATEMENT_CACHE_SIZE),
    lookups: createLookups(db),
    overlay,
    indexedThrough,
    exactTotalUpTo: options.exactTotalUpTo ?? EXACT_TOTAL_UP_TO,
  });
}
