// Ingest: wire JSON pages (250 per page, as the pull receives them) parsed by the shared schemas
// on the main thread, as the client does, and written by the cache writer's worker thread, as the
// pull writes them (the search index of a first load built once at the end), against the same
// upserts done row-at-a-time in autocommit. The main thread's event loop is sampled throughout.
import { Worker } from 'node:worker_threads';
import type { CacheStore } from '../src-main/db/cache-store.ts';
import { searchDocument, type AddressSearchFields } from '../src-main/db/search-document.ts';
import { generateCustomers } from '../src-main/sandbox/generate.ts';
import { createCacheWriter, type CacheWriter } from '../src-main/sync/cache-writer.ts';
import type { Checkpoint } from '../src-main/sync/checkpoint.ts';
import type { PageReport } from '../src-main/sync/write-ops.ts';
import type { CustomerFacts } from '../src-shared/customers/model.ts';
import { addressFacts, customerFacts } from '../src-main/recharge/v2021-01.ts';
import {
  AddressList,
  CustomerList,
  type Address,
  type Customer,
} from '../src-shared/recharge/wire-2021-01.ts';
import { parseList } from '../src-main/recharge/list-parse.ts';
import { PAGE, type WirePage } from './wire-pages.ts';
import { mapInSlices } from '../src-main/lib/map-in-slices.ts';
import { loopSampler, type LoopDelay } from './loop-delay.ts';

/**
 * Pages of wire JSON for `count` customers, made 100k customers at a time on a thread of their
 * own and handed over `batch` at a time: the generated objects (hundreds of MB) are collected
 * there, and the measured thread holds only a batch of page strings, as an app holds the response
 * bodies in flight.
 */
export async function* wirePages(
  count: number,
  batch: number,
  chunk = 100_000,
): AsyncGenerator<WirePage> {
  const maker = new Worker(new URL('./page-maker.ts', import.meta.url), {
    workerData: { count, chunk },
  });
  try {
    for (;;) {
      const pages = await new Promise<WirePage[]>((resolve, reject) => {
        maker.once('error', reject);
        maker.once('message', (made: WirePage[]) => {
          maker.off('error', reject);
          resolve(made);
        });
        maker.postMessage(batch);
      });
      if (pages.length === 0) return;
      yield* pages;
    }
  } finally {
    await maker.terminate();
  }
}

export interface IngestResult {
  customers: number;
  addresses: number;
  /** Wall time from the first parse to the last page committed. */
  seconds: number;
  customersPerSec: number;
  recordsPerSec: number;
  /** Main-thread time spent in JSON.parse + zod (what the client does to every page, sliced). */
  parseSeconds: number;
  /** The search index build after the data, on the writer's thread. */
  indexSeconds: number;
  indexDocsPerSec: number;
  loopDelay: LoopDelay;
  /** The main thread's delay while it had nothing to do and the writer built the index. */
  whileIndexing: LoopDelay;
  /** The part of a page's parse that runs in one task (JSON, envelope, first slice): p99, longest. */
  taskP99Ms: number;
  taskMaxMs: number;
}

// How many parsed pages may wait for the writer (it commits those waiting together).
const WINDOW = 8;
// Pages measured in one stretch (the page maker's batch).
const BATCH = 50;

const benchCheckpoint = (pages: number): Checkpoint => ({
  mode: 'full',
  reason: 'full',
  pass: 1,
  phases: ['customers', 'addresses'],
  phase: 'customers',
  pageInfo: null,
  since: { customers: null, addresses: null },
  maxSeen: { customers: null, addresses: null },
  pages,
  customers: 0,
  addresses: 0,
  paymentMethods: 0,
  totals: { customers: null, addresses: null },
});

/**
 * Parses a page as the client does: JSON.parse, then the list's envelope and items checked 50 at
 * a time (list-parse.ts). `task` is the part that runs in one go: the JSON, the envelope and the
 * first slice (parseList runs up to its first turn before it returns).
 */
function parsePage(kind: 'customers' | 'addresses', json: string) {
  const started = performance.now();
  const body: unknown = JSON.parse(json);
  const parsed = parseList(kind === 'customers' ? CustomerList : AddressList, kind, body);
  const task = performance.now() - started;
  const items = parsed.then((outcome) => {
    if (!outcome.success) throw new Error(`bench page refused: ${JSON.stringify(outcome.issue)}`);
    return (outcome.data as Record<string, unknown[]>)[kind]!;
  });
  return { kind, task, items };
}

/** Maps a parsed page to domain facts as the adapter does: fifty at a time, a turn between. */
const mapPage = async (page: ReturnType<typeof parsePage>) =>
  page.kind === 'customers'
    ? mapInSlices((await page.items) as Customer[], customerFacts)
    : mapInSlices((await page.items) as Address[], addressFacts);

/**
 * A first load into an empty cache, as a full pull does it. Pages are produced ahead of time (in
 * chunks of 100k customers) so only parse + write are timed.
 */
export async function benchIngest(store: CacheStore, count: number): Promise<IngestResult> {
  const loop = loopSampler();
  const writer = createCacheWriter({ path: store.db.name });
  store.transaction(() => store.searchIndex.defer());
  let customers = 0;
  let addresses = 0;
  let parseMs = 0;
  let busyMs = 0;
  let pages = 0;
  const tasks: number[] = [];
  const pending: { kind: 'customers' | 'addresses'; json: string }[] = [];
  const flush = () =>
    loop.measured(async () => {
      const started = performance.now();
      const inFlight = new Set<Promise<PageReport>>();
      for (const page of pending) {
        const parseStarted = performance.now();
        const parsed = parsePage(page.kind, page.json);
        // The longest task of a page: what of its parse runs in one go (the rest is sliced).
        tasks.push(parsed.task);
        await parsed.items;
        // Across the check's turns: nothing else of the bench's runs on this thread meanwhile.
        parseMs += performance.now() - parseStarted;
        const items = await mapPage(parsed);
        if (page.kind === 'customers') customers += items.length;
        else addresses += items.length;
        pages += 1;
        const write = writer.writePage({
          phase: page.kind,
          items,
          owners: [],
          ownerMethods: [],
          syncedAt: 1,
          seenPass: 1,
          step: { kind: 'checkpoint', checkpoint: benchCheckpoint(pages) },
        });
        inFlight.add(write);
        void write.finally(() => inFlight.delete(write));
        if (inFlight.size >= WINDOW) await Promise.race(inFlight);
        // A turn of the loop per page, as a page arriving over HTTP has.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(inFlight);
      busyMs += performance.now() - started;
      pending.length = 0;
    });
  for await (const page of wirePages(count, BATCH)) {
    pending.push(page);
    if (pending.length >= BATCH) await flush();
  }
  await flush();
  const indexStarted = performance.now();
  // A floor for the figure above: the main thread idle while the writer alone builds the index.
  const indexing = loopSampler();
  await indexing.measured(() => writer.buildSearchIndex());
  const indexMs = performance.now() - indexStarted;
  await writer.close();
  const seconds = busyMs / 1000;
  const round = (n: number) => Math.round(n * 100) / 100;
  tasks.sort((a, b) => a - b);
  return {
    customers,
    addresses,
    seconds: round(seconds),
    customersPerSec: Math.round(customers / seconds),
    recordsPerSec: Math.round((customers + addresses) / seconds),
    parseSeconds: round(parseMs / 1000),
    indexSeconds: round(indexMs / 1000),
    indexDocsPerSec: Math.round(customers / (indexMs / 1000)),
    loopDelay: loop.result(),
    whileIndexing: indexing.result(),
    taskP99Ms: round(tasks[Math.floor(tasks.length * 0.99)] ?? 0),
    taskMaxMs: round(tasks.at(-1) ?? 0),
  };
}

/**
 * Changes to customers already cached (an incremental pull): a page at a time, each committed
 * before the next, the index kept in step row by row.
 */
export async function benchUpdates(
  store: CacheStore,
  sample: number,
): Promise<{
  customersPerSec: number;
  rows: number;
  loopDelayMaxMs: number;
  /** Segments the changes left in the trigram index, and the merge the run's end then does. */
  segments: number;
  mergeSeconds: number;
}> {
  const ids = store.db
    .prepare('SELECT doc FROM customers ORDER BY id LIMIT ?')
    .pluck()
    .all(sample) as string[];
  const pages: string[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const customers = ids.slice(i, i + PAGE).map((text) => {
      const c = JSON.parse(text) as CustomerFacts;
      const changed: Customer = {
        ...c,
        first_name: `${c.first_name ?? ''}x`,
        updated_at: '2030-01-01T00:00:00',
      };
      return changed;
    });
    pages.push(JSON.stringify({ customers }));
  }
  const loop = loopSampler();
  const writer: CacheWriter = createCacheWriter({ path: store.db.name });
  const started = performance.now();
  await loop.measured(async () => {
    for (const json of pages) {
      await writer.writePage({
        phase: 'customers',
        items: await mapPage(parsePage('customers', json)),
        owners: [],
        ownerMethods: [],
        syncedAt: 2,
        seenPass: null,
        step: null,
      });
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const segments = store.searchIndex.segments();
  // What the sync engine asks of the writer after every run.
  const mergeStarted = performance.now();
  await writer.buildSearchIndex();
  const mergeSeconds = (performance.now() - mergeStarted) / 1000;
  await writer.close();
  return {
    customersPerSec: Math.round(ids.length / seconds),
    rows: ids.length,
    loopDelayMaxMs: loop.result().maxMs,
    segments,
    mergeSeconds: Math.round(mergeSeconds * 100) / 100,
  };
}

/** The floor: the same search documents put into a bare trigram table in one transaction. */
export function benchIndexFloor(store: CacheStore, sample: number): { docsPerSec: number } {
  const db = store.db;
  db.exec(`CREATE VIRTUAL TABLE temp.floor USING fts5(name, email, phone, place, ids,
    content = '', contentless_delete = 1, tokenize = 'trigram remove_diacritics 1')`);
  const rows = db
    .prepare(
      `SELECT id, hash, email, first_name, last_name, phone, billing_phone, external_customer_id,
        billing_city, billing_zip, billing_company, billing_province FROM customers ORDER BY id LIMIT ?`,
    )
    .all(sample) as Parameters<typeof searchDocument>[0][];
  const addressesOf = db.prepare(
    'SELECT first_name, last_name, phone, city, zip, company FROM addresses WHERE customer_id = ?',
  );
  const docs = rows.map((row) => [
    row.id,
    searchDocument(row, addressesOf.all(row.id) as AddressSearchFields[]),
  ]) as [number, ReturnType<typeof searchDocument>][];
  const insert = db.prepare(
    'INSERT INTO temp.floor(rowid, name, email, phone, place, ids) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const started = performance.now();
  db.transaction(() => {
    for (const [id, d] of docs) insert.run(id, d.name, d.email, d.phone, d.place, d.ids);
  })();
  const seconds = (performance.now() - started) / 1000;
  db.exec('DROP TABLE temp.floor');
  return { docsPerSec: Math.round(docs.length / seconds) };
}

/** The same parse + upsert, one row per autocommit transaction. */
export function benchRowAtATime(
  store: CacheStore,
  sample: number,
): { customersPerSec: number; rows: number } {
  const data = generateCustomers(77, sample);
  const pages = [];
  for (let i = 0; i < data.customers.length; i += PAGE) {
    pages.push(JSON.stringify({ customers: data.customers.slice(i, i + PAGE) }));
  }
  const started = performance.now();
  for (const json of pages) {
    const items = CustomerList.parse(JSON.parse(json)).customers;
    for (const customer of items.map(customerFacts)) {
      store.customers.upsert([customer], { syncedAt: 1 });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { customersPerSec: Math.round(sample / seconds), rows: sample };
}
