// `npm run bench`: every figure next to its target, as ratios against baselines measured in this
// same run, written to BENCHMARKS.md. `--1m` adds the 1M-customer ingest and search.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCacheStore } from '../src-main/db/cache-store.ts';
import { benchIndexFloor, benchIngest, benchRowAtATime, benchUpdates } from './ingest.ts';
import { benchLikeScan, benchSearch } from './search-bench.ts';
import { benchExportRows } from './export-bench.ts';
import { benchSearchMemory } from './search-memory.ts';
import {
  exactTotalsRow,
  memoryRow,
  SEARCH_MEMORY_NOTE,
  searchAfterRow,
  searchRow,
} from './search-rows.ts';
import { delayText } from './loop-delay.ts';
import { outboxRows } from './outbox-bench.ts';
import { benchSync } from './sync-bench.ts';

const withMillion = process.argv.includes('--1m');
const lines: string[] = [];
const log = (line: string) => {
  console.log(line);
  lines.push(line);
};

async function generatorFigure(): Promise<string | null> {
  try {
    const module = (await import('./sandbox-generate.ts')) as {
      benchGenerate?: (count?: number) => {
        customers: number;
        generateMs: number;
        ratio: number;
        customersPerSecond: number;
      };
    };
    if (!module.benchGenerate) return null;
    const r = module.benchGenerate(100_000);
    return `| sandbox generator | ${r.customers} customers in ${r.generateMs} ms (${r.customersPerSecond}/s) | ${r.ratio}× JSON.stringify of the same | — |`;
  } catch {
    return null;
  }
}

async function ingestAndSearch(count: number, dir: string) {
  const store = openCacheStore({ path: join(dir, `cache-${count}.db`) });
  const ingest = await benchIngest(store, count);
  const search = benchSearch(store, count >= 1_000_000 ? 10 : 30);
  const like = benchLikeScan(store, count >= 1_000_000 ? 1 : 2);
  const memory = count >= 1_000_000 ? null : await benchSearchMemory(store, 20_000, 5_000);
  const updates = await benchUpdates(store, 10_000);
  const searchAfter = benchSearch(store, count >= 1_000_000 ? 10 : 30);
  const floor = benchIndexFloor(store, 20_000);
  store.close();
  return { ingest, search, like, memory, updates, searchAfter, floor };
}

const dir = mkdtempSync(join(tmpdir(), 'rc-bench-'));
const started = Date.now();
try {
  const cpu = cpus();
  const header = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores; Node ${process.version}; ` +
      `load average at start ${loadavg()[0]?.toFixed(2)} (the machine is shared, so absolute figures ` +
      `vary between runs; the ratios compare work measured in the same run).`,
    '',
  ];

  const generator = await generatorFigure();
  const sizes = withMillion ? [100_000, 1_000_000] : [100_000];
  const results = [];
  for (const size of sizes) results.push({ size, ...(await ingestAndSearch(size, dir)) });

  const exportRows = benchExportRows(
    sizes.map((size) => ({ size, path: join(dir, `cache-${size}.db`) })),
  );
  const baselineStore = openCacheStore({ path: join(dir, 'row-at-a-time.db') });
  const rowAtATime = benchRowAtATime(baselineStore, 3000);
  baselineStore.close();

  const sync = await benchSync(10_000, 5);
  const outbox = await outboxRows();

  log('| measure | result | baseline / ratio | target |');
  log('| --- | --- | --- | --- |');
  if (generator) log(generator);
  for (const r of results) {
    const n = r.size.toLocaleString('en-US');
    const i = r.ingest;
    log(
      `| ingest ${n} customers (+${i.addresses.toLocaleString('en-US')} addresses) into an empty cache, parse (main thread) + upsert (writer thread), as a first full pull writes them | ` +
        `${i.customersPerSec.toLocaleString('en-US')} customers/s (${i.recordsPerSec.toLocaleString('en-US')} records/s; ${i.seconds} s, of which the main thread spent ${i.parseSeconds} s in JSON + zod) | ` +
        `${(i.customersPerSec / rowAtATime.customersPerSec).toFixed(1)}× row-at-a-time autocommit (${rowAtATime.customersPerSec.toLocaleString('en-US')}/s over ${rowAtATime.rows} rows) | ≥ 100,000 customers/s |`,
    );
    log(
      `| then the search index of that first load, built on the writer thread | ${i.indexSeconds} s (${i.indexDocsPerSec.toLocaleString('en-US')} customers/s) | floor: a bare trigram table takes the same documents at ${r.floor.docsPerSec.toLocaleString('en-US')}/s | — |`,
    );
    log(
      `| main thread during that ingest | its longest task per page (JSON, envelope, first 50 items; the rest sliced): p99 ${i.taskP99Ms} ms, longest ${i.taskMaxMs} ms; event-loop delay ${delayText(i.loopDelay)} | floor in the same run, the main thread idle while the writer builds the index: ${delayText(i.whileIndexing)} | no task over 16 ms |`,
    );
    log(searchRow(r.size, r.search, r.like));
    log(exactTotalsRow(r.size, r.search));
    if (r.memory) log(memoryRow(r.size, r.memory));
    log(
      `| changes to ${r.updates.rows.toLocaleString('en-US')} cached customers (incremental pull: a page at a time, index kept in step row by row) | ${r.updates.customersPerSec.toLocaleString('en-US')} customers/s; event loop max ${r.updates.loopDelayMaxMs} ms; they left the search index in ${r.updates.segments} segments, merged down after the run on the writer thread in ${r.updates.mergeSeconds} s | ${(r.updates.customersPerSec / rowAtATime.customersPerSec).toFixed(1)}× row-at-a-time autocommit | — |`,
    );
    log(searchAfterRow(r.size, r.searchAfter));
  }
  log(
    `| full sync of ${sync.customers.toLocaleString('en-US')} customers + ${sync.addresses.toLocaleString('en-US')} addresses over HTTP, sandbox time scale ${sync.timeScale} | ` +
      `${sync.requests} requests in ${sync.seconds} s; ${sync.steadyPerSec === null ? `limit never bound (replayed bucket peaked at ${sync.bucketPeak} of the client's 38)` : `steady ${sync.steadyPerSec} req/s`}; ${sync.rateLimited} × 429; event-loop delay ${delayText(sync.loopDelay)} (floor in the same run, the main thread idle while the writer finishes the index: ${delayText(sync.whileIndexing)}) | ` +
      `ceiling ${sync.ceilingPerSec} req/s after a 40-call burst: ${sync.steadyRatio === null ? '' : `steady ${(sync.steadyRatio * 100).toFixed(1)}% of it, `}whole run ${(sync.overallRatio * 100).toFixed(1)}% of burst + ceiling × time (until the search index is also done, ${sync.indexedSeconds} s: ${(sync.indexedRatio * 100).toFixed(1)}%) | ≥ 95% of the ceiling, zero 429 |`,
  );

  for (const row of exportRows) log(row);
  for (const row of outbox) log(row);

  const notes = [
    '',
    '## Notes',
    '',
    '- Ingest runs the way the pull does: the main thread parses each page (JSON.parse + the shared',
    '  zod schemas, as the HTTP client does) and hands the objects to the cache writer, a worker thread',
    '  with its own connection to the same file (WAL: the main thread reads on meanwhile). Each page',
    '  commits in one transaction with its checkpoint; pages that are waiting when the writer gets to',
    '  them share one transaction, for up to 50 ms (a main-thread write, such as an edit being queued,',
    '  waits at most about that long for the lock). The bench keeps up to 8 parsed pages in flight, as',
    "  a fast network would; the live API's 2 calls/s bring at most 500 customers/s. Pages are made",
    '  100k customers at a time by a thread of its own between measured stretches (not timed), so the',
    '  generated objects are collected there; the measured thread receives page strings only.',
    '- A first load writes rows without search documents; the trigram index is then built once on the',
    '  writer thread, in slices of ~25 ms with FTS5 automerge off and merge slices of its own, and the',
    "  finished index is merged down (an incremental 'optimize', which halves the slowest searches).",
    '  Searches meanwhile scan the rows the build has not reached.',
    '- Changes (an incremental pull) add a segment to the trigram index per transaction, and a',
    '  sorted page that tests entries against the index visits each one: after a run, the writer',
    '  merges the index down when more than 8 segments are left (as the engine does after every',
    '  run). The search row after the changes measures the cache in that state.',
    '- Event-loop figures are for the main thread (where windows and IPC are served) and, on this',
    '  shared 2-core machine, include time it was not scheduled while the writer thread ran. They',
    '  are sampled by a 5 ms timer that runs only during the measured work.',
    '- Why ingest stays far below 100k customers/s here: JSON.parse + zod alone cost the main thread',
    '  the seconds shown per 100k customers (+150k addresses), and the writer then upserts each row',
    '  into a table with nine sort and filter indexes (measured apart: the same rows without those',
    '  indexes go in ~3-4× faster, and a bare trigram table alone takes the search documents at the',
    '  floor shown). Neither fits 100k/s on 2 cores; the target would need a smaller schema or faster',
    '  hardware, and no pull can feed it: the rate limit delivers at most 500 customers/s.',
    '- The floor: the same search documents put into a bare contentless trigram table in one',
    '  transaction (no other tables or indexes): the cost of trigram indexing itself on this machine.',
    '- The row-at-a-time baseline runs the same parse and upsert with one autocommit transaction per row.',
    '- Search times include the page query and the total count, which is exact up to 10,000 hits of',
    '  the trigram index: past that the answer says "at least 10,000" (as search engines cap tracked',
    '  hits) and the app asks `customers:count` for the exact figure right after, shown when it comes',
    '  (its own row above: counting "gmail", 250k hits at 1M, is 30-45 ms in FTS5 alone, and the',
    '  LIKE baseline pays for an exact count too). Sorted pages of capped text with filters take the',
    "  filters' share from the first 10,001 hits for the walk's cost model. Relevance is: exact id / email /",
    '  shopify id / hash first, then newest customer first (the index returns hits in rowid order, so a',
    '  page never ranks every hit). Filters on text hits are counted through `customer_flags`, a narrow',
    '  table kept in step by triggers; one- and two-character prefixes merge their four key ranges once',
    '  in JS for both the total and the page. The connection keeps up to 64 MiB of pages in cache.',
    '  The LIKE baseline scans the same fields (name, email, phone, city, zip, company, hash, ids) with',
    "  `OR`ed `LIKE '%q%'`, page + count.",
    ...SEARCH_MEMORY_NOTE,
    '- Sync: the client models the bucket at 2 × scale calls/s and keeps 2 of its 40 slots in reserve.',
    '  "Steady" replays the sandbox\'s request log through a leaky bucket (38 deep, draining at the',
    '  ceiling) and measures from the first request that found it full to the last; "whole run" divides',
    '  all requests by what the limit allows in the run time (40 + ceiling × seconds), the run ending',
    '  when the engine reports the data in (deletions swept, checkpoint cleared). The search index of a',
    '  first load is then finished on the writer thread (searches scan the rows it has not reached);',
    '  the figure in brackets counts until that is done too.',
    withMillion
      ? '- 1M customers ran with `--1m`.'
      : '- 1M customers is not part of the default run: at the ingest rate above it takes well over the few ' +
        'minutes the bench may use on 2 shared cores (and ~3.5 GB for the generated data). Run `node bench/run.ts --1m` ' +
        'to include it.',
    `- Whole run: ${Math.round((Date.now() - started) / 1000)} s.`,
    '',
  ];
  writeFileSync(
    new URL('../BENCHMARKS.md', import.meta.url),
    [...header, ...lines, ...notes].join('\n'),
  );
  console.log('\nwritten to BENCHMARKS.md');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
