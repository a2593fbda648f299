// The cache writes of a pull as plain data in and out, so they run wherever the writing
// connection lives (the cache writer's worker thread, or inline in tests of a single step).
import type { Address, Customer } from '../../src-shared/recharge/wire.ts';
import type { CacheStore } from '../db/cache-store.ts';
import type { Slicer } from '../db/sliced-writes.ts';
import { applyStep, completeRun, type Checkpoint, type RunStep } from './checkpoint.ts';

export interface PageWrite {
  phase: 'customers' | 'addresses';
  /** Objects as received; the client checked them against the shared schemas. */
  items: Record<string, unknown>[];
  /** Customers fetched for addresses whose owner the cache lacks; written first. */
  owners: Record<string, unknown>[];
  syncedAt: number;
  /** Marks rows as seen by a full pass (the deletion sweep keeps them). */
  seenPass: number | null;
  /** Commits the run's checkpoint (or completes the run) with the page. */
  step: RunStep | null;
}

export interface PageReport {
  written: number;
  stale: number;
  /** Addresses whose customer is not cached: skipped. */
  orphans: number;
}

export interface SweepWrite {
  pass: number;
  checkpoint: Checkpoint;
  now: number;
}

export interface SweepReport {
  customers: number;
  addresses: number;
}

const asCustomers = (items: Record<string, unknown>[]) =>
  items.map((raw) => ({ customer: raw as Customer, raw }));

/** Writes one page, its owners and its step; call inside a transaction. */
export function writePage(store: CacheStore, page: PageWrite): PageReport {
  const options = { syncedAt: page.syncedAt, seenPass: page.seenPass };
  let report: PageReport;
  if (page.phase === 'customers') {
    report = { ...store.customers.upsert(asCustomers(page.items), options), orphans: 0 };
  } else {
    if (page.owners.length > 0) store.customers.upsert(asCustomers(page.owners), options);
    const result = store.addresses.upsert(
      page.items.map((raw) => ({ address: raw as Address, raw })),
      options,
    );
    report = { written: result.written, stale: result.stale, orphans: result.orphans.length };
  }
  if (page.step) applyStep(store.syncState, page.step);
  return report;
}

/**
 * Deletes what a full pass did not see, through the `seen_pass` indexes, a slice at a time; the
 * last slice completes the run. A run killed here resumes the sweep.
 */
export async function sweepUnseen(
  store: CacheStore,
  slicer: Slicer,
  sweep: SweepWrite,
  signal?: AbortSignal,
): Promise<SweepReport> {
  const report: SweepReport = { customers: 0, addresses: 0 };
  await slicer.repeat(
    'sweep',
    (size) => {
      const addresses = store.addresses.sweepUnseen(sweep.pass, size);
      const customers =
        addresses.length < size
          ? store.customers.sweepUnseen(sweep.pass, size - addresses.length)
          : [];
      report.addresses += addresses.length;
      report.customers += customers.length;
      const done = addresses.length + customers.length < size;
      if (done) completeRun(store.syncState, sweep.checkpoint, sweep.now);
      return done;
    },
    signal,
  );
  return report;
}
