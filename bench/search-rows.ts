// The search rows of BENCHMARKS.md, each figure next to its target and its baseline from the
// same run. Used by the full bench and by the search-only run.
import { EXACT_TOTAL_UP_TO } from '../src-main/db/search-repo.ts';
import { QUERY_MIX, type LatencySummary, type SearchBench } from './search-bench.ts';
import type { SearchMemoryBench } from './search-memory.ts';

const count = (n: number) => n.toLocaleString('en-US');
const targetAt = (size: number) => (size >= 1_000_000 ? '≤ 30 ms' : '≤ 5 ms');

export const SEARCH_ROW = (size: number) => `| search at ${count(size)}, `;
export const EXACT_TOTALS_ROW = (size: number) => `| exact totals at ${count(size)} `;
export const MEMORY_ROW = '| RSS over ';

export function searchRow(size: number, search: SearchBench, like: LatencySummary): string {
  return (
    `${SEARCH_ROW(size)}${QUERY_MIX.length}-query mix × ${search.samples / QUERY_MIX.length} (page + total) | ` +
    `p50 ${search.p50} ms, p95 ${search.p95} ms, p99 ${search.p99} ms (slowest: ${search.slowest}) | ` +
    `LIKE '%q%' scan: p50 ${like.p50} ms, mean ${like.mean} ms → ${(like.mean / search.mean).toFixed(0)}× faster (mean), ${(like.p50 / search.p50).toFixed(0)}× (p50) | p95 ${targetAt(size)}, ≥ 50× the scan |`
  );
}

export function exactTotalsRow(size: number, search: SearchBench): string {
  const counts = search.exactCounts;
  return (
    `${EXACT_TOTALS_ROW(size)}of the queries whose answer said "at least ${count(EXACT_TOTAL_UP_TO)}" (${search.capped.join(', ') || 'none'}), asked for afterwards (customers:count) | ` +
    (counts
      ? `p50 ${counts.p50} ms, p95 ${counts.p95} ms, p99 ${counts.p99} ms`
      : 'no query of the mix was capped') +
    ` | — | — |`
  );
}

export function searchAfterRow(size: number, search: SearchBench): string {
  return `| search at ${count(size)} after those changes and the merge, same mix | p50 ${search.p50} ms, p95 ${search.p95} ms, p99 ${search.p99} ms (slowest: ${search.slowest}) | — | p95 ${targetAt(size)} |`;
}

export function memoryRow(size: number, memory: SearchMemoryBench): string {
  const { engine, baseline } = memory;
  const perSearch = (bytes: number) => `${count(bytes)} bytes a search`;
  const ratio =
    engine.bytesPerSearch > 0
      ? `${(baseline.bytesPerSearch / engine.bytesPerSearch).toFixed(0)}× less per search`
      : 'none of it kept';
  return (
    `${MEMORY_ROW}${count(engine.searches)} mixed searches at ${count(size)} (typing, paging, deep pages, filters, sorts, repeats; each page's pending edits looked up), after 2,000 to warm up, back to back | ` +
    `+${engine.growthMb} MB (${engine.rssBeforeMb} → ${engine.rssAfterMb} MB; ${perSearch(engine.bytesPerSearch)}; ${engine.seconds} s) | ` +
    `every statement prepared afresh (a cache of one), ${count(baseline.searches)} searches: +${baseline.growthMb} MB (${perSearch(baseline.bytesPerSearch)}) → ${ratio} | < 64 MB over ≥ 20,000 searches |`
  );
}

export const SEARCH_MEMORY_NOTE = [
  '- RSS over mixed searches: the mix of bench/search-workload.ts (also the memory acceptance test',
  "  in test/integration/search), through the cache store's search with each page's pending edits",
  '  looked up in the outbox, as the router runs it. Searches run back to back, so nothing returns',
  '  memory that only a finalizer would; growth is RSS after the last search minus RSS after the',
  '  warm-up. The baseline runs the same searches with a statement cache of one: every statement',
  '  prepared afresh, as the pending-edit lookup used to be on every page (and the search on every',
  '  new page size and offset, kept for good).',
];
