// One pull run: customers then addresses, walked in updated_at order with cursors, each page
// committed with its checkpoint. A full pass marks what it sees and sweeps the rest (deletions);
// an incremental pass asks only for what changed since the high-water mark minus an overlap.
import type { SyncProgress } from '../../src-shared/ipc/channels/sync.ts';
import type { Address, Customer } from '../../src-shared/recharge/wire.ts';
import type { Logger } from '../core/logger.ts';
import type { CacheStore } from '../db/cache-store.ts';
import type { ListPage, RechargeClient } from '../recharge/client.ts';
import { isRechargeError } from '../recharge/errors.ts';
import type { CacheWriter } from './cache-writer.ts';
import { STATE_KEYS, type Checkpoint, type PullPhase, type RunStep } from './checkpoint.ts';
import { maxTimestamp, shiftTimestamp } from './timestamps.ts';

export interface PullOptions {
  client: RechargeClient;
  store: CacheStore;
  logger: Logger;
  now: () => number;
  signal: AbortSignal;
  full: boolean;
  pageLimit: number;
  overlapSeconds: number;
  /** Every Nth run reconciles deletions even when the counts agree. */
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
  deletedCustomers: number;
  deletedAddresses: number;
}

const PHASES: readonly PullPhase[] = ['customers', 'addresses'];

function newCheckpoint(
  store: CacheStore,
  mode: 'full' | 'incremental',
  reason: Checkpoint['reason'],
  overlapSeconds: number,
): Checkpoint {
  const since = { customers: null as string | null, addresses: null as string | null };
  let pass: number | null = null;
  if (mode === 'incremental') {
    for (const phase of PHASES) {
      const mark = store.syncState.get<string>(STATE_KEYS.highWater[phase]);
      since[phase] = mark === null ? null : shiftTimestamp(mark, -overlapSeconds);
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
    phase: 'customers',
    pageInfo: null,
    since,
    maxSeen: { customers: null, addresses: null },
    pages: 0,
    customers: 0,
    addresses: 0,
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
  const { client, store, signal } = options;
  const started = options.now();
  const hasHighWater = store.syncState.get(STATE_KEYS.highWater.customers) !== null;
  let checkpoint = store.syncState.get<Checkpoint>(STATE_KEYS.checkpoint);
  if (checkpoint && options.full && checkpoint.mode === 'incremental') checkpoint = null;
  if (!checkpoint) {
    const mode = options.full || !hasHighWater ? 'full' : 'incremental';
    checkpoint = store.transaction(() => {
      const fresh = newCheckpoint(
        store,
        mode,
        mode === 'full' ? 'full' : null,
        options.overlapSeconds,
      );
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
    deletedCustomers: 0,
    deletedAddresses: 0,
  };

  let done = await walk(options, checkpoint, started, summary);
  if (done.mode === 'incremental') {
    const runs = store.syncState.get<number>(STATE_KEYS.runs) ?? 0;
    const periodic = options.reconcileEvery > 0 && runs % options.reconcileEvery === 0;
    const [remoteCustomers, remoteAddresses] = [
      await client.countCustomers({}, signal),
      await client.countAddresses({}, signal),
    ];
    const differs =
      remoteCustomers !== store.customers.count() || remoteAddresses !== store.addresses.count();
    if (periodic || differs) {
      options.logger.info('reconciling deletions', { periodic, differs });
      const pass = store.transaction(() => {
        const fresh = newCheckpoint(store, 'full', 'reconcile', options.overlapSeconds);
        store.syncState.set(STATE_KEYS.checkpoint, fresh);
        return fresh;
      });
      done = await walk(options, pass, started, summary);
    }
  }
  summary.reconciled = done.reason === 'reconcile';
  return summary;
}

/** Walks the phases from the checkpoint to the end, then completes the run. */
async function walk(
  options: PullOptions,
  start: Checkpoint,
  startedAt: number,
  summary: PullSummary,
): Promise<Checkpoint> {
  const { client, signal } = options;
  let checkpoint = start;
  const baseRecords = checkpoint.customers + checkpoint.addresses;
  if (checkpoint.sweeping) {
    await sweep(options, checkpoint, summary);
    return checkpoint;
  }

  if (checkpoint.mode === 'full' && checkpoint.pageInfo === null && checkpoint.pages === 0) {
    const [customers, addresses] = [
      await client.countCustomers({}, signal),
      await client.countAddresses({}, signal),
    ];
    checkpoint = { ...checkpoint, totals: { customers, addresses } };
  }

  const report = () => {
    const elapsed = Math.max(0.001, (options.now() - startedAt) / 1000);
    const records = checkpoint.customers + checkpoint.addresses - baseRecords;
    const rate = records / elapsed;
    const { customers: totalC, addresses: totalA } = checkpoint.totals;
    const remaining =
      totalC === null || totalA === null
        ? null
        : Math.max(0, totalC - checkpoint.customers) + Math.max(0, totalA - checkpoint.addresses);
    options.onProgress({
      phase: checkpoint.reason === 'reconcile' ? 'reconcile' : checkpoint.phase,
      full: checkpoint.mode === 'full',
      pages: checkpoint.pages,
      customers: checkpoint.customers,
      addresses: checkpoint.addresses,
      total: totalC,
      ratePerSec: Math.round(rate * 10) / 10,
      etaSec: remaining === null || rate <= 0 ? null : Math.round(remaining / rate),
    });
  };
  report();

  // The next page is asked for while this one is written: the rate limit, not the writes, paces
  // the run. A failed prefetch surfaces when it is awaited.
  let upcoming: ReturnType<typeof fetchPage> = fetchPage(options, checkpoint);
  for (;;) {
    signal.throwIfAborted();
    const phase = checkpoint.phase;
    const page = await upcoming;
    signal.throwIfAborted();
    const syncedAt = options.now();
    const seenPass = checkpoint.pass;
    let maxSeen = checkpoint.maxSeen[phase];
    for (const item of page.items) maxSeen = maxTimestamp(maxSeen, item.updated_at);

    // Addresses of customers this cache has not seen yet: fetch those customers first.
    const owners =
      phase === 'addresses' ? await missingOwners(options, page.items as Address[]) : [];

    const next: Checkpoint = {
      ...checkpoint,
      pageInfo: page.nextPageInfo,
      maxSeen: { ...checkpoint.maxSeen, [phase]: maxSeen },
      pages: checkpoint.pages + 1,
      customers: checkpoint.customers + (phase === 'customers' ? page.items.length : 0),
      addresses: checkpoint.addresses + (phase === 'addresses' ? page.items.length : 0),
    };
    const phaseDone = page.nextPageInfo === null;
    if (phaseDone && phase === 'customers') {
      next.phase = 'addresses';
      next.pageInfo = null;
    }
    const runDone = phaseDone && phase === 'addresses';
    if (!runDone) {
      upcoming = fetchPage(options, next);
      upcoming.catch(() => undefined);
    }

    // The page, its owners and the checkpoint commit together: a run killed mid-page replays
    // the page, and upserts are idempotent. A full pass then deletes what it did not see, in
    // slices of its own, and completes there.
    const sweepNext = runDone && next.mode === 'full' && next.pass !== null;
    if (sweepNext) next.sweeping = true;
    const step: RunStep =
      runDone && !sweepNext
        ? { kind: 'complete', checkpoint: next, now: options.now() }
        : { kind: 'checkpoint', checkpoint: next };
    const written = await options.writer.writePage({
      phase,
      items: page.raw.length === page.items.length ? page.raw : page.items,
      owners: owners.map((owner) => owner.raw),
      syncedAt,
      seenPass,
      step,
    });
    if (written.orphans > 0)
      options.logger.warn('addresses without a customer skipped', { count: written.orphans });
    summary.pages += 1;
    if (phase === 'customers') summary.customers += page.items.length;
    else summary.addresses += page.items.length;
    checkpoint = next;
    report();
    if (sweepNext) await sweep(options, checkpoint, summary);
    if (runDone) return checkpoint;
  }
}

async function fetchPage(
  options: PullOptions,
  checkpoint: Checkpoint,
): Promise<ListPage<Customer> | ListPage<Address>> {
  const { client, signal, pageLimit } = options;
  const phase = checkpoint.phase;
  const list = (params: Parameters<RechargeClient['listCustomers']>[0]) =>
    phase === 'customers'
      ? client.listCustomers(params, signal)
      : client.listAddresses(params, signal);
  if (checkpoint.pageInfo !== null) {
    try {
      return await list({ limit: pageLimit, page_info: checkpoint.pageInfo });
    } catch (error) {
      // A cursor the server no longer accepts: restart the phase (upserts are idempotent).
      if (!isRechargeError(error) || error.kind !== 'validation') throw error;
      options.logger.warn('cursor refused; restarting the phase', { phase });
    }
  }
  const since = checkpoint.since[phase];
  return list({
    limit: pageLimit,
    sort_by: 'updated_at-asc',
    ...(since === null ? {} : { updated_at_min: since }),
  });
}

async function missingOwners(
  options: PullOptions,
  addresses: readonly Address[],
): Promise<{ raw: Record<string, unknown> }[]> {
  const missing = [...new Set(addresses.map((a) => a.customer_id))].filter(
    (id) => !options.store.customers.exists(id),
  );
  const found: { raw: Record<string, unknown> }[] = [];
  for (const id of missing) {
    try {
      found.push(await options.client.getCustomer(id, options.signal));
    } catch (error) {
      if (!isRechargeError(error) || error.kind !== 'not_found') throw error;
    }
  }
  return found;
}

/** Deletes what a full pass did not see (a killed run resumes the sweep) and completes the run. */
async function sweep(options: PullOptions, checkpoint: Checkpoint, summary: PullSummary) {
  const { signal } = options;
  const deleted = await options.writer.sweep(
    { pass: checkpoint.pass ?? 0, checkpoint, now: options.now() },
    signal,
  );
  summary.deletedAddresses += deleted.addresses;
  summary.deletedCustomers += deleted.customers;
  signal.throwIfAborted();
}
