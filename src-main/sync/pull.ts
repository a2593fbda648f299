// One pull run: the store's resources in order (customers, addresses, and on 2021-11 payment
// methods), walked oldest change first with cursors, each page committed with its checkpoint. A
// full pass marks what it sees and sweeps the rest (deletions); an incremental pass asks only for
// what changed since the high-water mark minus an overlap.
import type {
  AddressFacts,
  CustomerFacts,
  PaymentMethod,
} from '../../src-shared/customers/model.ts';
import { AppError } from '../../src-shared/errors.ts';
import type { SyncProgress } from '../../src-shared/ipc/channels/sync.ts';
import type { Logger } from '../lib/logger.ts';
import type { CacheStore } from '../db/cache-store.ts';
import { isRechargeError } from '../recharge/errors.ts';
import type { ListQuery, Page, StoreApi } from '../recharge/store-api.ts';
import type { CacheWriter } from './cache-writer.ts';
import { STATE_KEYS, type Checkpoint, type PullPhase, type RunStep } from './checkpoint.ts';
import { sinceFor } from './since.ts';

export interface PullOptions {
  api: StoreApi;
  store: CacheStore;
  logger: Logger;
  now: () => number;
  signal: AbortSignal;
  full: boolean;
  pageLimit: number;
  overlapSeconds: number;
  /** Every Nth run reconciles deletions even when the counts agree (or cannot be had). */
  reconcileEvery: number;
  onProgress(progress: SyncProgress): void;
  /** Where pages are written (a worker thread with its own connection). */
  writer: CacheWriter;
  /**
   * Whether the run ends by finishing a deferred search index (default true). The engine does it
   * after the run instead, so the index build is not part of the sync's own time.
   */
  buildIndex?: boolean;
}

export interface PullSummary {
  mode: 'full' | 'incremental';
  reconciled: boolean;
  pages: number;
  customers: number;
  addresses: number;
  paymentMethods: number;
  deletedCustomers: number;
  deletedAddresses: number;
  deletedPaymentMethods: number;
}

type Item = CustomerFacts | AddressFacts | PaymentMethod;

const later = (a: string | null, b: string | null | undefined): string | null =>
  a === null ? (b ?? null) : b === null || b === undefined || b <= a ? a : b;

function newCheckpoint(
  options: PullOptions,
  mode: 'full' | 'incremental',
  reason: Checkpoint['reason'],
): Checkpoint {
  const { store, api } = options;
  const phases = [...api.resources];
  const since: Checkpoint['since'] = {};
  let pass: number | null = null;
  if (mode === 'incremental') {
    for (const phase of phases) {
      const mark = store.syncState.get<string>(STATE_KEYS.highWater[phase]);
      since[phase] = mark === null ? null : sinceFor(mark, options.overlapSeconds);
    }
  } else {
    pass = (store.syncState.get<number>(STATE_KEYS.passes) ?? 0) + 1;
    store.syncState.set(STATE_KEYS.passes, pass);
    // A first load into an empty cache builds the search index once, at the end, instead of
    // rewriting each customer's document as its addresses arrive.
    if (store.customers.count() === 0 && store.addresses.count() === 0) store.searchIndex.defer();
  }
  return {
    mode,
    reason,
    pass,
    phases,
    phase: phases[0] ?? 'customers',
    pageInfo: null,
    since,
    maxSeen: {},
    pages: 0,
    customers: 0,
    addresses: 0,
    paymentMethods: 0,
    totals: { customers: null, addresses: null },
  };
}

export async function runPull(options: PullOptions): Promise<PullSummary> {
  const { signal } = options;
  const summary = await pull(options);
  if (options.buildIndex === false) return summary;
  // Also finishes an index build that a killed run left half done.
  await options.writer.buildSearchIndex(signal);
  signal.throwIfAborted();
  return summary;
}

async function pull(options: PullOptions): Promise<PullSummary> {
  const { api, store, signal } = options;
  const started = options.now();
  const hasHighWater = store.syncState.get(STATE_KEYS.highWater.customers) !== null;
  let checkpoint = store.syncState.get<Checkpoint>(STATE_KEYS.checkpoint);
  // A checkpoint of another shape (an older app, or another API version) starts over.
  if (
    checkpoint &&
    (!Array.isArray(checkpoint.phases) || checkpoint.phases.join() !== api.resources.join())
  )
    checkpoint = null;
  if (checkpoint && options.full && checkpoint.mode === 'incremental') checkpoint = null;
  if (!checkpoint) {
    const mode = options.full || !hasHighWater ? 'full' : 'incremental';
    checkpoint = store.transaction(() => {
      const fresh = newCheckpoint(options, mode, mode === 'full' ? 'full' : null);
      store.syncState.set(STATE_KEYS.checkpoint, fresh);
      return fresh;
    });
  } else {
    options.logger.info('resuming pull', {
      mode: checkpoint.mode,
      phase: checkpoint.phase,
      pages: checkpoint.pages,
    });
  }

  const summary: PullSummary = {
    mode: checkpoint.mode,
    reconciled: false,
    pages: 0,
    customers: 0,
    addresses: 0,
    paymentMethods: 0,
    deletedCustomers: 0,
    deletedAddresses: 0,
    deletedPaymentMethods: 0,
  };

  let done = await walk(options, checkpoint, started, summary);
  if (done.mode === 'incremental') {
    const runs = store.syncState.get<number>(STATE_KEYS.runs) ?? 0;
    const periodic = options.reconcileEvery > 0 && runs % options.reconcileEvery === 0;
    const remoteCustomers = await api.countCustomers(signal);
    const remoteAddresses = await api.countAddresses(signal);
    // Where the store cannot count, deletions are found by the periodic reconciliation alone.
    const differs =
      (remoteCustomers !== null && remoteCustomers !== store.customers.count()) ||
      (remoteAddresses !== null && remoteAddresses !== store.addresses.count());
    if (periodic || differs) {
      options.logger.info('reconciling deletions', { periodic, differs });
      const pass = store.transaction(() => {
        const fresh = newCheckpoint(options, 'full', 'reconcile');
        store.syncState.set(STATE_KEYS.checkpoint, fresh);
        return fresh;
      });
      done = await walk(options, pass, started, summary);
    }
  }
  summary.reconciled = done.reason === 'reconcile';
  return summary;
}

const countKey = {
  customers: 'customers',
  addresses: 'addresses',
  payment_methods: 'paymentMethods',
} as const satisfies Record<PullPhase, keyof Checkpoint & keyof PullSummary>;

/** Walks the phases from the checkpoint to the end, then completes the run. */
async function walk(
  options: PullOptions,
  start: Checkpoint,
  startedAt: number,
  summary: PullSummary,
): Promise<Checkpoint> {
  const { api, signal } = options;
  let checkpoint = start;
  const baseRecords = checkpoint.customers + checkpoint.addresses + checkpoint.paymentMethods;
  if (checkpoint.sweeping) {
    await sweep(options, checkpoint, summary);
    return checkpoint;
  }

  if (checkpoint.mode === 'full' && checkpoint.pageInfo === null && checkpoint.pages === 0) {
    const customers = await api.countCustomers(signal);
    const addresses = await api.countAddresses(signal);
    checkpoint = { ...checkpoint, totals: { customers, addresses } };
  }

  const report = () => {
    const elapsed = Math.max(0.001, (options.now() - startedAt) / 1000);
    const records =
      checkpoint.customers + checkpoint.addresses + checkpoint.paymentMethods - baseRecords;
    const rate = records / elapsed;
    const { customers: totalC, addresses: totalA } = checkpoint.totals;
    // Without counts (2021-11) there is no total and no estimate: pages, records and the rate.
    const remaining =
      totalC === null || totalA === null || checkpoint.phases.includes('payment_methods')
        ? null
        : Math.max(0, totalC - checkpoint.customers) + Math.max(0, totalA - checkpoint.addresses);
    options.onProgress({
      phase: checkpoint.reason === 'reconcile' ? 'reconcile' : checkpoint.phase,
      full: checkpoint.mode === 'full',
      pages: checkpoint.pages,
      customers: checkpoint.customers,
      addresses: checkpoint.addresses,
      paymentMethods: checkpoint.paymentMethods,
      total: totalC,
      ratePerSec: Math.round(rate * 10) / 10,
      etaSec: remaining === null || rate <= 0 ? null : Math.round(remaining / rate),
    });
  };
  report();

  // The next page is asked for while this one is written: the rate limit, not the writes, paces
  // the run. A failed prefetch surfaces when it is awaited.
  let upcoming = fetchPage(options, checkpoint);
  let lastFullPage: string | null = null;
  for (;;) {
    signal.throwIfAborted();
    const phase = checkpoint.phase;
    const page = await upcoming;
    signal.throwIfAborted();
    const syncedAt = options.now();
    const seenPass = checkpoint.pass;
    let maxSeen = checkpoint.maxSeen[phase] ?? null;
    for (const item of page.items) maxSeen = later(maxSeen, item.updated_at);

    // Records of customers this cache has not seen yet: fetch those customers first.
    const owners =
      phase === 'customers'
        ? []
        : await missingOwners(options, page.items as (AddressFacts | PaymentMethod)[]);

    const key = countKey[phase];
    const next: Checkpoint = {
      ...checkpoint,
      pageInfo: page.next,
      maxSeen: { ...checkpoint.maxSeen, [phase]: maxSeen },
      pages: checkpoint.pages + 1,
      [key]: checkpoint[key] + page.items.length,
    };
    let phaseDone = page.next === null;
    // A full page with no way on: the store may have dropped its cursor. Ask again from the
    // newest change seen; only a page with nothing new past it ends the phase.
    if (phaseDone && page.items.length >= options.pageLimit) {
      const ids = page.items.map((item) => item.id).join();
      if (ids === lastFullPage) {
        throw new AppError(
          'protocol',
          'The store keeps sending the same full page without a link to the next one, so the ' +
            'sync cannot tell where the list ends. Nothing was deleted; it will be tried again.',
        );
      }
      lastFullPage = ids;
      phaseDone = false;
      next.since = { ...next.since, [phase]: maxSeen };
    }
    const following = checkpoint.phases[checkpoint.phases.indexOf(phase) + 1];
    if (phaseDone && following) {
      next.phase = following;
      next.pageInfo = null;
    }
    const runDone = phaseDone && !following;
    if (!runDone) {
      upcoming = fetchPage(options, next);
      upcoming.catch(() => undefined);
    }

    // The page, its owners and the checkpoint commit together: a run killed mid-page replays
    // the page, and upserts are idempotent. A full pass then deletes what it did not see, in
    // slices of its own, and completes there.
    const refusal = runDone && next.mode === 'full' ? sweepRefusal(next, options.store) : null;
    const sweepNext = runDone && next.mode === 'full' && next.pass !== null && refusal === null;
    if (sweepNext) next.sweeping = true;
    const step: RunStep =
      runDone && !sweepNext
        ? { kind: 'complete', checkpoint: next, now: options.now() }
        : { kind: 'checkpoint', checkpoint: next };
    const written = await options.writer.writePage({
      phase,
      items: page.items as PageItems,
      owners: owners.map((owner) => owner.customer),
      ownerMethods: owners.flatMap((owner) => owner.paymentMethods ?? []),
      syncedAt,
      seenPass,
      step,
    });
    if (written.orphans > 0)
      options.logger.warn('records without a customer skipped', { phase, count: written.orphans });
    summary.pages += 1;
    summary[key] += page.items.length;
    checkpoint = next;
    report();
    if (refusal) {
      options.logger.warn('deletion sweep refused', { reason: refusal });
      throw new AppError('protocol', refusal);
    }
    if (sweepNext) await sweep(options, checkpoint, summary);
    if (runDone) return checkpoint;
  }
}

/**
 * Why a full pass must not delete what it did not see: it saw far fewer customers than the store
 * counted, or (where the store cannot count) than the cache holds. A list that ended early
 * would otherwise empty the cache.
 */
export function sweepRefusal(checkpoint: Checkpoint, store: CacheStore): string | null {
  const seen = checkpoint.customers;
  const counted = checkpoint.totals.customers;
  const cached = store.customers.count();
  const belowCount = counted !== null && seen < counted * 0.9;
  const belowCache = cached >= 20 && seen < cached * 0.5;
  if (!belowCount && !belowCache) return null;
  const [what, expected] = belowCount ? ['store counts', counted] : ['cache holds', cached];
  return (
    `The full sync saw ${seen} customers, but the ${what} ${expected}: the list seems to have ` +
    'ended early, so nothing was deleted. If customers really were removed on ReCharge, ' +
    'rebuild the cache in Settings.'
  );
}

type PageItems = CustomerFacts[] | AddressFacts[] | PaymentMethod[];

async function fetchPage(options: PullOptions, checkpoint: Checkpoint): Promise<Page<Item>> {
  const { api, signal, pageLimit } = options;
  const phase = checkpoint.phase;
  const list = (query: ListQuery): Promise<Page<Item>> =>
    phase === 'customers'
      ? api.listCustomers(query, signal)
      : phase === 'addresses'
        ? api.listAddresses(query, signal)
        : api.listPaymentMethods(query, signal);
  if (checkpoint.pageInfo !== null) {
    try {
      return await list({ limit: pageLimit, cursor: checkpoint.pageInfo });
    } catch (error) {
      // A cursor the server no longer accepts: restart the phase (upserts are idempotent).
      if (!isRechargeError(error) || error.kind !== 'validation') throw error;
      options.logger.warn('cursor refused; restarting the phase', { phase });
    }
  }
  try {
    return await list({ limit: pageLimit, updatedSince: checkpoint.since[phase] ?? null });
  } catch (error) {
    // A token without read_payment_methods still syncs customers and addresses.
    if (phase !== 'payment_methods' || !isRechargeError(error) || error.kind !== 'forbidden')
      throw error;
    options.logger.warn('payment methods not readable with this token; skipped', {});
    return { items: [], next: null };
  }
}

async function missingOwners(
  options: PullOptions,
  items: readonly (AddressFacts | PaymentMethod)[],
) {
  const missing = [...new Set(items.map((item) => item.customer_id))].filter(
    (id) => !options.store.customers.exists(id),
  );
  const found = [];
  for (const id of missing) {
    try {
      found.push(await options.api.getCustomer(id, options.signal));
    } catch (error) {
      if (!isRechargeError(error) || error.kind !== 'not_found') throw error;
    }
  }
  return found;
}

/** Deletes what a full pass did not see (a killed run resumes the sweep) and completes the run. */
async function sweep(options: PullOptions, checkpoint: Checkpoint, summary: PullSummary) {
  const { signal } = options;
  options.onProgress({
    phase: 'sweep',
    full: true,
    pages: checkpoint.pages,
    customers: checkpoint.customers,
    addresses: checkpoint.addresses,
    paymentMethods: checkpoint.paymentMethods,
    total: checkpoint.totals.customers,
    ratePerSec: 0,
    etaSec: null,
  });
  const deleted = await options.writer.sweep(
    { pass: checkpoint.pass ?? 0, checkpoint, now: options.now() },
    signal,
  );
  summary.deletedAddresses += deleted.addresses;
  summary.deletedCustomers += deleted.customers;
  summary.deletedPaymentMethods += deleted.paymentMethods;
  signal.throwIfAborted();
}
