// The sync engine: one pull at a time (a second start joins the running one), progress as
// SyncStatus, cancellation, and what happens after a failure — offline with automatic retries
// on a backoff, a stop with the store's message for a refused token, a retry for the rest.
import { AppError, type ErrorShape } from '../../src-shared/errors.ts';
import type { SyncProgress, SyncStatus } from '../../src-shared/ipc/channels/sync.ts';
import type { Logger } from '../lib/logger.ts';
import type { CacheStore } from '../db/cache-store.ts';
import { isRechargeError } from '../recharge/errors.ts';
import type { StoreApi } from '../recharge/store-api.ts';
import { createCacheWriter, type CacheWriter } from './cache-writer.ts';
import { STATE_KEYS } from './checkpoint.ts';
import { runPull, type PullSummary } from './pull.ts';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending retry must not keep a Node process (tests, CLI) alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SyncEngineOptions {
  api: StoreApi;
  store: CacheStore;
  logger: Logger;
  onStatus(status: SyncStatus): void;
  now?: () => number;
  timers?: Timers;
  pageLimit?: number;
  overlapSeconds?: number;
  reconcileEvery?: number;
  /** Writes the pages (default: a worker thread on the store's file). Closed by `stop()`. */
  writer?: CacheWriter;
  /** First retry after a failure; doubles up to `maxRetryMs`. */
  retryBaseMs?: number;
  maxRetryMs?: number;
}

export interface SyncEngine {
  /** Starts a pull, or joins the one running. Resolves with the status at its end; never rejects. */
  start(options?: { full?: boolean }): Promise<SyncStatus>;
  cancel(): SyncStatus;
  status(): SyncStatus;
  /** Pulls every `intervalMs` (after each run ends); 0 turns it off. */
  scheduleAutoSync(intervalMs: number): void;
  /** Cancels any run and clears every timer; resolves once the run has let go of the store. */
  stop(): Promise<void>;
  lastSummary(): PullSummary | null;
  /** Resolves once the search index a run left to finish (after its data was in) is done. */
  indexed(): Promise<void>;
}

// Refusals that another try will not fix: the merchant has to act.
const FATAL_KINDS = new Set(['auth', 'forbidden', 'unavailable']);

function toShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return error.toShape();
  return {
    kind: 'internal',
    message: 'The sync stopped on an unexpected error. It has been logged.',
  };
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const now = options.now ?? Date.now;
  const timers = options.timers ?? realTimers;
  const retryBase = options.retryBaseMs ?? 5_000;
  const maxRetry = options.maxRetryMs ?? 5 * 60_000;
  const { store, logger } = options;
  const writer = options.writer ?? createCacheWriter({ path: store.db.name });

  const lastSync = store.syncState.get<number>(STATE_KEYS.lastSyncAt);
  let status: SyncStatus = {
    state: 'idle',
    online: true,
    lastSyncedAt: lastSync === null ? null : new Date(lastSync).toISOString(),
    lastError: null,
    progress: null,
    cachedCustomers: store.customers.count(),
    nextRetryAt: null,
  };
  let running: Promise<SyncStatus> | null = null;
  let controller: AbortController | null = null;
  let retryTimer: unknown = null;
  let autoTimer: unknown = null;
  let autoInterval = 0;
  let failures = 0;
  let summary: PullSummary | null = null;
  let stopped = false;
  // A first load's search index is finished after the run reports its data in: the sync's time
  // is the rate limit's, and search answers meanwhile (rows not yet indexed are scanned).
  let indexing: Promise<void> = Promise.resolve();
  let indexController: AbortController | null = null;

  const finishIndex = () => {
    const controller = new AbortController();
    indexController = controller;
    indexing = writer
      .buildSearchIndex(controller.signal)
      .catch((error: unknown) => {
        // A store closed under it, or a failure the next run's own build will meet again.
        if (!controller.signal.aborted) logger.warn('search index not finished', { error });
      })
      .finally(() => {
        if (indexController === controller) indexController = null;
      });
  };
  const stopIndexing = async () => {
    indexController?.abort();
    await indexing;
  };

  const emit = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    options.onStatus(status);
  };
  // The client hears of a lost connection at its first failed attempt and keeps retrying: the
  // status says "offline" then, not when the retries run out (~15 s); a failed run still ends
  // as 'offline' with its own retry.
  const unsubscribe = options.api.onReachability((reachable) => {
    if (status.online !== reachable && status.state !== 'offline') emit({ online: reachable });
  });

  const clearRetry = () => {
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = null;
  };

  const scheduleRetry = (): string => {
    clearRetry();
    const delay = Math.min(maxRetry, retryBase * 2 ** Math.max(0, failures - 1));
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      void engine.start();
    }, delay);
    return new Date(now() + delay).toISOString();
  };

  const scheduleAuto = () => {
    if (autoTimer !== null) timers.clearTimeout(autoTimer);
    autoTimer = null;
    if (autoInterval <= 0 || stopped) return;
    autoTimer = timers.setTimeout(() => {
      autoTimer = null;
      void engine.start();
    }, autoInterval);
  };

  async function run(full: boolean, signal: AbortSignal): Promise<SyncStatus> {
    try {
      // One writer of the index at a time: the run finishes a build that was cut short.
      await stopIndexing();
      summary = await runPull({
        api: options.api,
        store,
        logger,
        now,
        signal,
        full,
        pageLimit: options.pageLimit ?? 250,
        overlapSeconds: options.overlapSeconds ?? 300,
        reconcileEvery: options.reconcileEvery ?? 12,
        writer,
        // Progress is not an answer: the first report comes before any call (a retry while the
        // store is still gone said "online" then). Answers say so through onReachability.
        onProgress: (progress: SyncProgress) =>
          emit({ progress, cachedCustomers: store.customers.count() }),
        buildIndex: false,
      });
      failures = 0;
      emit({
        state: 'idle',
        online: true,
        lastSyncedAt: new Date(now()).toISOString(),
        lastError: null,
        progress: null,
        cachedCustomers: store.customers.count(),
        nextRetryAt: null,
      });
      logger.info('sync finished', { ...summary });
      finishIndex();
    } catch (error) {
      const cachedCustomers = store.customers.count();
      if (signal.aborted) {
        emit({ state: 'idle', progress: null, cachedCustomers, nextRetryAt: null });
        logger.info('sync cancelled');
      } else if (isRechargeError(error) && error.kind === 'network') {
        failures += 1;
        emit({
          state: 'offline',
          online: false,
          lastError: error.toShape(),
          progress: null,
          cachedCustomers,
          nextRetryAt: stopped ? null : scheduleRetry(),
        });
        logger.warn('sync offline', { failures });
      } else {
        const shape = toShape(error);
        const fatal = FATAL_KINDS.has(shape.kind);
        failures += 1;
        if (shape.kind === 'internal') logger.error('sync failed', { error });
        else logger.warn('sync failed', { kind: shape.kind, message: shape.message });
        emit({
          state: 'error',
          online: true,
          lastError: shape,
          progress: null,
          cachedCustomers,
          nextRetryAt: fatal || stopped ? null : scheduleRetry(),
        });
      }
    }
    return status;
  }

  const engine: SyncEngine = {
    start(startOptions = {}) {
      if (running) return running;
      stopped = false;
      clearRetry();
      controller = new AbortController();
      emit({ state: 'syncing', nextRetryAt: null });
      const current = run(startOptions.full ?? false, controller.signal).finally(() => {
        running = null;
        controller = null;
        scheduleAuto();
      });
      running = current;
      return current;
    },
    cancel() {
      clearRetry();
      controller?.abort(new DOMException('The sync was cancelled.', 'AbortError'));
      if (!running) emit({ nextRetryAt: null });
      return status;
    },
    status: () => status,
    scheduleAutoSync(intervalMs) {
      autoInterval = Math.max(0, intervalMs);
      if (!running) scheduleAuto();
    },
    stop() {
      stopped = true;
      unsubscribe();
      autoInterval = 0;
      clearRetry();
      if (autoTimer !== null) timers.clearTimeout(autoTimer);
      autoTimer = null;
      controller?.abort(new DOMException('The sync was stopped.', 'AbortError'));
      return Promise.resolve(running)
        .then(stopIndexing)
        .then(() => writer.close());
    },
    lastSummary: () => summary,
    indexed: () => indexing,
  };
  return engine;
}
