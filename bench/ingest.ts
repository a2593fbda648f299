// Ingest: wire JSON pages (250 per page, as the pull receives them) parsed by the shared schemas
// and written the way the pull writes them (time-sliced transactions, the search index of a first
// load built once at the end), against the same upserts done row-at-a-time in autocommit. The
// event loop is sampled throughout.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { CacheStore } from '../src-main/db/cache-store.ts';
import { searchDocument, type AddressSearchFields } from '../src-main/db/search-document.ts';
import { createSlicer, type Slicer } from '../src-main/db/sliced-writes.ts';
import { generateCustomers } from '../src-main/sandbox/generate.ts';
import {
  AddressList,
  CustomerList,
  type Address,
  type Customer,
} from '../src-shared/recharge/wire.ts';

export const PAGE = 250;

/**
 * Pages of wire JSON for `count` customers; id blocks are offset per chunk so chunks can add up.
 * Each chunk is serialized whole before its first page is handed out, so the generated objects
 * (a heap of hundreds of MB whose collection pauses the loop for 100+ ms) are gone by the time
 * the measured work runs; strings are cheap for the collector.
 */
export function* wirePages(
  count: number,
  chunk = 100_000,
): Generator<{ kind: 'customers' | 'addresses'; json: string }> {
  for (let start = 0, n = 0; start < count; start += chunk, n += 1) {
    yield* chunkPages(n, Math.min(chunk, count - start));
  }
}

function chunkPages(n: number, size: number): { kind: 'customers' | 'addresses'; json: string }[] {
  const data = generateCustomers(1000 + n, size);
  const shift = n * 10_000_000;
  const customers: Customer[] = data.customers.map((c) => ({
    ...c,
    id: c.id + shift,
    email: n ? `${n}.${c.email}` : c.email,
  }));
  const addresses: Address[] = data.addresses.map((a) => ({
    ...a,
    id: a.id + shift,
    customer_id: a.customer_id + shift,
  }));
  const pages: { kind: 'customers' | 'addresses'; json: string }[] = [];
  for (let i = 0; i < customers.length; i += PAGE) {
    pages.push({
      kind: 'customers',
      json: JSON.stringify({ customers: customers.slice(i, i + PAGE) }),
    });
  }
  for (let i = 0; i < addresses.length; i += PAGE) {
    pages.push({
      kind: 'addresses',
      json: JSON.stringify({ addresses: addresses.slice(i, i + PAGE) }),
    });
  }
  return pages;
}

export interface IngestResult {
  customers: number;
  addresses: number;
  seconds: number;
  customersPerSec: number;
  recordsPerSec: number;
  /** Of `seconds`: JSON.parse + zod (what the client does), and the index build at the end. */
  parseSeconds: number;
  indexSeconds: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

async function ingestPage(
  store: CacheStore,
  slicer: Slicer,
  kind: 'customers' | 'addresses',
  json: string,
): Promise<{ rows: number; parseMs: number }> {
  const started = performance.now();
  const body: unknown = JSON.parse(json);
  if (kind === 'customers') {
    const raw = (body as { customers: Record<string, unknown>[] }).customers;
    const parsed = CustomerList.parse(body).customers;
    const parseMs = performance.now() - started;
    await slicer.write(
      'customers',
      parsed.map((customer, i) => ({ customer, raw: raw[i] ?? {} })),
      (slice) => store.customers.upsert(slice, { syncedAt: 1, seenPass: 1 }),
      () => store.syncState.set('bench.checkpoint', { kind }),
    );
    return { rows: parsed.length, parseMs };
  }
  const raw = (body as { addresses: Record<string, unknown>[] }).addresses;
  const parsed = AddressList.parse(body).addresses;
  const parseMs = performance.now() - started;
  await slicer.write(
    'addresses',
    parsed.map((address, i) => ({ address, raw: raw[i] ?? {} })),
    (slice) => store.addresses.upsert(slice, { syncedAt: 1, seenPass: 1 }),
    () => store.syncState.set('bench.checkpoint', { kind }),
  );
  return { rows: parsed.length, parseMs };
}

/**
 * A first load into an empty cache, as a full pull does it. Pages are produced ahead of time so
 * only parse + write are timed; busy time excludes the turns given to the event loop.
 */
export async function benchIngest(store: CacheStore, count: number): Promise<IngestResult> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  // Only while the app's work runs, not while the bench makes its pages.
  const measured = async <T>(work: () => Promise<T>): Promise<T> => {
    histogram.enable();
    try {
      return await work();
    } finally {
      histogram.disable();
    }
  };
  let busyMs = 0;
  const clock = () => performance.now();
  const slicer = createSlicer(store, {
    // Busy time: the clock stops while the loop has its turn.
    yieldToLoop: async () => {
      const paused = clock();
      await yieldToLoop();
      busyMs -= clock() - paused;
    },
  });
  let customers = 0;
  let addresses = 0;
  let parseMs = 0;
  store.transaction(() => store.searchIndex.defer());
  const pending: { kind: 'customers' | 'addresses'; json: string }[] = [];
  const flush = () =>
    measured(async () => {
      for (const page of pending) {
        const started = clock();
        const n = await ingestPage(store, slicer, page.kind, page.json);
        busyMs += clock() - started;
        parseMs += n.parseMs;
        if (page.kind === 'customers') customers += n.rows;
        else addresses += n.rows;
        await yieldToLoop();
      }
      pending.length = 0;
    });
  for (const page of wirePages(count)) {
    pending.push(page);
    if (pending.length >= 200) await flush();
  }
  await flush();
  const indexStarted = clock();
  const busyBefore = busyMs;
  await measured(() => slicer.buildSearchIndex());
  busyMs += clock() - indexStarted;
  const indexMs = busyMs - busyBefore;
  const seconds = busyMs / 1000;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    customers,
    addresses,
    seconds: round(seconds),
    customersPerSec: Math.round(customers / seconds),
    recordsPerSec: Math.round((customers + addresses) / seconds),
    parseSeconds: round(parseMs / 1000),
    indexSeconds: round(indexMs / 1000),
    loopDelayP99Ms: round(histogram.percentile(99) / 1e6),
    loopDelayMaxMs: round(histogram.max / 1e6),
  };
}

/**
 * Changes to customers already cached (an incremental pull): each write keeps the index in step,
 * row by row, in time-sliced transactions.
 */
export async function benchUpdates(
  store: CacheStore,
  sample: number,
): Promise<{ customersPerSec: number; rows: number; loopDelayMaxMs: number }> {
  const ids = store.db
    .prepare('SELECT raw FROM customers ORDER BY id LIMIT ?')
    .pluck()
    .all(sample) as string[];
  const pages: string[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const customers = ids.slice(i, i + PAGE).map((text) => {
      const c = JSON.parse(text) as Customer;
      return { ...c, first_name: `${c.first_name}x`, updated_at: '2030-01-01T00:00:00' };
    });
    pages.push(JSON.stringify({ customers }));
  }
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const slicer = createSlicer(store);
  histogram.enable();
  const started = performance.now();
  for (const json of pages) await ingestPage(store, slicer, 'customers', json);
  const seconds = (performance.now() - started) / 1000;
  histogram.disable();
  return {
    customersPerSec: Math.round(ids.length / seconds),
    rows: ids.length,
    loopDelayMaxMs: Math.round(histogram.max / 1e4) / 100,
  };
}

/** The floor: the same search documents put into a bare trigram table in one transaction. */
export function benchIndexFloor(store: CacheStore, sample: number): { docsPerSec: number } {
  const db = store.db;
  db.exec(`CREATE VIRTUAL TABLE temp.floor USING fts5(name, email, phone, place, ids,
    content = '', contentless_delete = 1, tokenize = 'trigram remove_diacritics 1')`);
  const rows = db
    .prepare(
      `SELECT id, hash, email, first_name, last_name, phone, billing_phone, shopify_customer_id,
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
    const body: unknown = JSON.parse(json);
    const raw = (body as { customers: Record<string, unknown>[] }).customers;
    CustomerList.parse(body).customers.forEach((customer, i) => {
      store.customers.upsert([{ customer, raw: raw[i] ?? {} }], { syncedAt: 1 });
    });
  }
  const seconds = (performance.now() - started) / 1000;
  return { customersPerSec: Math.round(sample / seconds), rows: sample };
}
