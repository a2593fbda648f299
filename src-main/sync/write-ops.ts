// The cache writes of a pull as plain data in and out, so they run wherever the writing
// connection lives (the cache writer's worker thread, or inline in tests of a single step).
import type {
  AddressFacts,
  CustomerFacts,
  PaymentMethod,
} from '../../src-shared/customers/model.ts';
import type { CacheStore } from '../db/cache-store.ts';
import type { Slicer } from '../db/sliced-writes.ts';
import {
  applyStep,
  completeRun,
  type Checkpoint,
  type PullPhase,
  type RunStep,
} from './checkpoint.ts';

export interface PageWrite {
  phase: PullPhase;
  /** Domain facts of the page's records (the adapter dropped secrets and unknown fields). */
  items: CustomerFacts[] | AddressFacts[] | PaymentMethod[];
  /** Customers fetched for records whose owner the cache lacks; written first. */
  owners: CustomerFacts[];
  /** The owners' payment methods, where the version has them. */
  ownerMethods: PaymentMethod[];
  syncedAt: number;
  /** Marks rows as seen by a full pass (the deletion sweep keeps them). */
  seenPass: number | null;
  /** Commits the run's checkpoint (or completes the run) with the page. */
  step: RunStep | null;
}

export interface PageReport {
  written: number;
  stale: number;
  /** Records whose customer is not cached: skipped. */
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
  paymentMethods: number;
}

/** Writes one page, its owners and its step; call inside a transaction. */
export function writePage(store: CacheStore, page: PageWrite): PageReport {
  const options = { syncedAt: page.syncedAt, seenPass: page.seenPass };
  if (page.owners.length > 0) {
    // Owners are not part of a pass walk of customers: they keep their own pass mark.
    store.customers.upsert(page.owners, { syncedAt: page.syncedAt });
    store.paymentMethods.upsert(page.ownerMethods, { syncedAt: page.syncedAt });
  }
  let report: PageReport;
  if (page.phase === 'customers') {
    report = { ...store.customers.upsert(page.items as CustomerFacts[], options), orphans: 0 };
  } else if (page.phase === 'addresses') {
    const result = store.addresses.upsert(page.items as AddressFacts[], options);
    report = { written: result.written, stale: result.stale, orphans: result.orphans.length };
  } else {
    const result = store.paymentMethods.upsert(page.items as PaymentMethod[], options);
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
  const report: SweepReport = { customers: 0, addresses: 0, paymentMethods: 0 };
  const walked = new Set(sweep.checkpoint.phases);
  await slicer.repeat(
    'sweep',
    (size) => {
      let room = size;
      if (walked.has('payment_methods')) {
        const methods = store.paymentMethods.sweepUnseen(sweep.pass, sweep.now, room);
        report.paymentMethods += methods.length;
        room -= methods.length;
      }
      const addresses = room > 0 ? store.addresses.sweepUnseen(sweep.pass, room) : [];
      room -= addresses.length;
      const customers = room > 0 ? store.customers.sweepUnseen(sweep.pass, room) : [];
      room -= customers.length;
      report.addresses += addresses.length;
      report.customers += customers.length;
      const done = room > 0;
      if (done) completeRun(store.syncState, sweep.checkpoint, sweep.now);
      return done;
    },
    signal,
  );
  return report;
}
