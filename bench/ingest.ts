// Ingest: wire JSON pages (250 per page, as the pull receives them) parsed by the shared schemas
// and upserted one page per transaction, against the same upserts done row-at-a-time in
// autocommit. The event loop is sampled throughout: one page is one task, so no task runs long.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { CacheStore } from '../src-main/db/cache-store.ts';
import { generateCustomers } from '../src-main/sandbox/generate.ts';
import {
  AddressList,
  CustomerList,
  type Address,
  type Customer,
} from '../src-shared/recharge/wire.ts';

export const PAGE = 250;

export interface IngestResult {
  customers: number;
  addresses: number;
  seconds: number;
  customersPerSec: number;
  recordsPerSec: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Pages of wire JSON for `count` customers; id blocks are offset per chunk so chunks can add up. */
export function* wirePages(
  count: number,
  chunk = 100_000,
): Generator<{ kind: 'customers' | 'addresses'; json: string }> {
  for (let start = 0, n = 0; start < count; start += chunk, n += 1) {
    const size = Math.min(chunk, count - start);
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
    for (let i = 0; i < customers.length; i += PAGE) {
      yield {
        kind: 'customers',
        json: JSON.stringify({ customers: customers.slice(i, i + PAGE) }),
      };
    }
    for (let i = 0; i < addresses.length; i += PAGE) {
      yield {
        kind: 'addresses',
        json: JSON.stringify({ addresses: addresses.slice(i, i + PAGE) }),
      };
    }
  }
}

function ingestPage(store: CacheStore, kind: 'customers' | 'addresses', json: string): number {
  const body: unknown = JSON.parse(json);
  if (kind === 'customers') {
    const raw = (body as { customers: Record<string, unknown>[] }).customers;
    const parsed = CustomerList.parse(body).customers;
    store.transaction(() =>
      store.customers.upsert(
        parsed.map((customer, i) => ({ customer, raw: raw[i] ?? {} })),
        { syncedAt: 1 },
      ),
    );
    return parsed.length;
  }
  const raw = (body as { addresses: Record<string, unknown>[] }).addresses;
  const parsed = AddressList.parse(body).addresses;
  store.transaction(() =>
    store.addresses.upsert(
      parsed.map((address, i) => ({ address, raw: raw[i] ?? {} })),
      { syncedAt: 1 },
    ),
  );
  return parsed.length;
}

/** Pages are produced ahead of time so only parse + upsert are timed. */
export async function benchIngest(store: CacheStore, count: number): Promise<IngestResult> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let customers = 0;
  let addresses = 0;
  let busyMs = 0;
  const pending: { kind: 'customers' | 'addresses'; json: string }[] = [];
  const flush = async () => {
    histogram.enable();
    for (const page of pending) {
      const started = performance.now();
      const n = ingestPage(store, page.kind, page.json);
      busyMs += performance.now() - started;
      if (page.kind === 'customers') customers += n;
      else addresses += n;
      await yieldToLoop();
    }
    histogram.disable();
    pending.length = 0;
  };
  for (const page of wirePages(count)) {
    pending.push(page);
    if (pending.length >= 800) await flush();
  }
  await flush();
  const seconds = busyMs / 1000;
  return {
    customers,
    addresses,
    seconds: Math.round(seconds * 100) / 100,
    customersPerSec: Math.round(customers / seconds),
    recordsPerSec: Math.round((customers + addresses) / seconds),
    loopDelayP99Ms: Math.round(histogram.percentile(99) / 1e4) / 100,
    loopDelayMaxMs: Math.round(histogram.max / 1e4) / 100,
  };
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
