// A day of searching, compressed: people type words a key at a time (one and two characters go
// the prefix path, three and more the trigram index), page on, go deep, flip filters and sorts,
// and come back to what they searched before. Deterministic for a seed. Shared by the memory
// acceptance test and the bench's RSS row.
import {
  SearchInput,
  type SearchFilters,
  type SearchQuery,
} from '../src-shared/customers/views.ts';

const WORDS = [
  'smith',
  'johnson',
  'maria garcia',
  'william',
  'martin',
  'lee',
  'gmail.com',
  'yahoo',
  'example',
  'toronto',
  'san francisco',
  'london',
  'ville',
  'llc',
  'widgets',
  '90210',
  'SW1A',
  '(310) 555',
  '415.2',
  '3843698',
  '40012345',
  'a1b2',
  "o'brien",
  'son',
  'an e',
  'jo k',
];

const FILTERS: SearchFilters[] = [
  {},
  {},
  {},
  { status: 'ACTIVE' },
  { status: 'INACTIVE' },
  { dunning: true },
  { validPaymentMethod: false },
  { status: 'ACTIVE', validPaymentMethod: true },
];

const SORTS = ['relevance', 'relevance', 'name', 'email', 'id', 'updated_at', 'city'] as const;
const PAGE_SIZES = [25, 25, 50, 100] as const;

export interface SearchWorkload {
  /** The next search someone makes. */
  next(): SearchQuery;
}

export function searchWorkload(seed: number): SearchWorkload {
  let state = seed >>> 0 || 1;
  const random = (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
  const pick = <T>(list: readonly T[]): T => list[random(list.length)]!;
  const recent: SearchQuery[] = [];
  return {
    next() {
      // A third of searches repeat one of the last few (back to a result, the same page again).
      if (recent.length > 0 && random(3) === 0) return pick(recent);
      const word = pick(WORDS);
      // Typing: every prefix of the word is searched on its way, so one- and two-character
      // texts are as common as they are in a real box.
      const typed = random(4) === 0 ? word : word.slice(0, 1 + random(word.length));
      const deep = random(10) === 0;
      const query = SearchInput.parse({
        query: random(8) === 0 ? '' : typed,
        filters: pick(FILTERS),
        sort: { key: pick(SORTS), dir: random(2) === 0 ? 'asc' : 'desc' },
        page: deep ? 1 + random(400) : 1 + random(4),
        pageSize: pick(PAGE_SIZES),
      });
      recent.push(query);
      if (recent.length > 8) recent.shift();
      return query;
    },
  };
}

export interface MemoryRun {
  searches: number;
  seconds: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  growthMb: number;
  /** Growth per search, in bytes (what a leak would add each time). */
  bytesPerSearch: number;
  heapAfterMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Runs `warmup` searches (the page cache and the statement cache fill), then `searches` more,
 * and reports how much the process (worker threads included) grew. Runs back to back, as a
 * person typing fast would: a search on this thread lets nothing else run, so memory that only a
 * finalizer would return shows; one on a worker is awaited before the next is sent.
 */
export async function measureSearchMemory(
  search: (query: SearchQuery) => unknown,
  options: { seed: number; warmup: number; searches: number },
): Promise<MemoryRun> {
  const workload = searchWorkload(options.seed);
  for (let i = 0; i < options.warmup; i += 1) await search(workload.next());
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage.rss();
  const started = performance.now();
  for (let i = 0; i < options.searches; i += 1) await search(workload.next());
  const seconds = (performance.now() - started) / 1000;
  const after = process.memoryUsage();
  return {
    searches: options.searches,
    seconds: Math.round(seconds * 100) / 100,
    rssBeforeMb: mb(before),
    rssAfterMb: mb(after.rss),
    growthMb: mb(after.rss - before),
    bytesPerSearch: Math.round((after.rss - before) / options.searches),
    heapAfterMb: mb(after.heapUsed),
  };
}
