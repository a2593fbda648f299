// Search latency over a fixed mix of queries, against a LIKE '%q%' scan of the same fields
// measured on the same database in the same run.
import type { CacheStore } from '../src-main/db/cache-store.ts';
import { SearchInput, type SearchInput as SearchInputType } from '../src-shared/customers/views.ts';

export const QUERY_MIX: SearchInputType[] = [
  { query: 'smith' },
  { query: 'maria gar' },
  { query: 'jo' },
  { query: 'gmail' },
  { query: '(310) 555' },
  { query: '3843698' },
  { query: '415.2' },
  { query: 'san francisco' },
  { query: 'toronto' },
  { query: '90210' },
  { query: 'SW1A' },
  { query: 'llc' },
  { query: '40012345' },
  { query: 'a1b2' },
  { query: "o'brien" },
  { query: 'k' },
  { query: '', sort: { key: 'name', dir: 'asc' }, page: 40 },
  { query: '', filters: { dunning: true } },
  { query: 'son', filters: { status: 'ACTIVE' }, sort: { key: 'updated_at', dir: 'desc' } },
  { query: 'william', sort: { key: 'city', dir: 'asc' } },
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  samples: number;
  /** The query with the highest median, and that median. */
  slowest?: string;
}

function summarize(times: number[]): LatencySummary {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    samples: times.length,
  };
}

export interface SearchBench extends LatencySummary {
  /** Queries of the mix whose answer said "at least" (more hits than the exact total's cap). */
  capped: string[];
  /** The exact totals of those, asked for afterwards as the app does (`customers:count`). */
  exactCounts: LatencySummary | null;
}

export function benchSearch(store: CacheStore, rounds = 30): SearchBench {
  const queries = QUERY_MIX.map((q) => SearchInput.parse(q));
  const capped = queries.filter((q) => !store.search.search(q).totalExact);
  const times: number[] = [];
  const countTimes: number[] = [];
  const perQuery = queries.map(() => [] as number[]);
  for (let r = 0; r < rounds; r += 1) {
    queries.forEach((q, i) => {
      const started = performance.now();
      store.search.search(q);
      const ms = performance.now() - started;
      times.push(ms);
      perQuery[i]!.push(ms);
    });
    for (const q of capped) {
      const started = performance.now();
      store.search.count(q);
      countTimes.push(performance.now() - started);
    }
  }
  const medians = perQuery.map((list) => summarize(list).p50);
  const worst = medians.indexOf(Math.max(...medians));
  return {
    ...summarize(times),
    slowest: `${JSON.stringify(QUERY_MIX[worst]?.query)} ${medians[worst]} ms`,
    capped: capped.map((q) =>
      JSON.stringify(q.filters).length > 2
        ? `${JSON.stringify(q.query)} + ${JSON.stringify(q.filters)}`
        : JSON.stringify(q.query),
    ),
    exactCounts: countTimes.length > 0 ? summarize(countTimes) : null,
  };
}

/** The naive way: a LIKE scan over the same fields, a page of rows plus the count. */
export function benchLikeScan(store: CacheStore, rounds = 2): LatencySummary {
  const fields = [
    'first_name',
    'last_name',
    'email',
    'phone',
    'billing_city',
    'billing_zip',
    'billing_company',
    'hash',
    'external_customer_id',
    'CAST(id AS TEXT)',
  ];
  const where = fields.map((f) => `${f} LIKE @q`).join(' OR ');
  const page = store.db.prepare(`SELECT * FROM customers WHERE ${where} ORDER BY id DESC LIMIT 25`);
  const count = store.db.prepare(`SELECT count(*) FROM customers WHERE ${where}`).pluck();
  const times: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const q of QUERY_MIX) {
      const started = performance.now();
      const pattern = `%${q.query}%`;
      page.all({ q: pattern });
      count.get({ q: pattern });
      times.push(performance.now() - started);
    }
  }
  return summarize(times);
}
