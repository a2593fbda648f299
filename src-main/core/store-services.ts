// The cache, the ReCharge client and the pull sync of one store profile, built together. The
// composition root calls this per profile and maps `customers:*` and `sync:*` onto the result.
// The token stays in this closure's memory only.
import type {
  CustomerDetail,
  SearchQuery,
  SearchResult,
} from '../../src-shared/customers/views.ts';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.ts';
import type Database from 'better-sqlite3';
import { openCacheStore, rebuildCacheStore, type CacheStore } from '../db/cache-store.ts';
import type { ExportRow } from '../db/search/export-pages.ts';
import type { ExportQuery } from '../db/search/reader-protocol.ts';
import { createSearchReader, readWorkerBeside } from '../db/search/search-reader.ts';
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import { createRechargeClient } from '../recharge/client.ts';
import { createStoreApi } from '../recharge/create-store-api.ts';
import { limiters } from '../recharge/rate-limiter.ts';
import type { StoreApi } from '../recharge/store-api.ts';
import { createCacheWriter } from '../sync/cache-writer.ts';
import type { StoreAnswer } from '../db/store-answers.ts';
import { createSyncEngine, type Timers } from '../sync/engine.ts';
import type { Logger } from '../lib/logger.ts';

export interface StoreServicesOptions {
  dbPath: string;
  baseUrl: string;
  token: string;
  apiVersion: ApiVersion;
  fetch?: typeof fetch;
  now?: () => number;
  onSyncStatus: (status: SyncStatus) => void;
  logger: Logger;
  nativeBinding?: string;
  /** The cache writer's worker script (the app's bundled file; the source under Node). */
  writerWorker?: URL | string | undefined;
  /** Calls drained per second by the server's bucket: 2 live, 2 × time scale on the sandbox. */
  drainPerSecond?: number;
  timers?: Timers;
}

export interface StoreServices {
  /** Searches, totals and exports are read off the main thread (db/search/search-reader.ts). */
  search(query: SearchQuery): Promise<SearchResult>;
  /** The exact total of a search whose answer said "at least". */
  count(query: Pick<SearchQuery, 'query' | 'filters'>): Promise<number>;
  /** Every hit in sort order, a chunk at a time, pending values applied. */
  exportPages(query: ExportQuery, chunkSize: number): AsyncIterable<ExportRow[]>;
  getCustomer(id: number): CustomerDetail;
  sync: {
    start(options?: { full?: boolean }): Promise<SyncStatus>;
    cancel(): SyncStatus;
    status(): SyncStatus;
    scheduleAutoSync(intervalMs: number): void;
    /** Resolves once the search index a run left to finish is done. */
    indexed(): Promise<void>;
  };
  /** What the store answered to a push, written on the cache writer's thread. */
  saveAnswer(answer: StoreAnswer): Promise<void>;
  /** The store's API in domain terms (the profile's version picks the adapter). */
  api: StoreApi;
  store: CacheStore;
  db: Database.Database;
  /** Stops the sync (waiting for a running pull to let go) and closes the cache. */
  close(): Promise<void>;
}

function build(options: StoreServicesOptions, store: CacheStore): StoreServices {
  const limiter = limiters.limiterFor(options.baseUrl, options.token, {
    model: { drainPerSecond: options.drainPerSecond ?? 2 },
    ...(options.now ? { now: options.now } : {}),
  });
  const client = createRechargeClient({
    baseUrl: options.baseUrl,
    token: options.token,
    apiVersion: options.apiVersion,
    limiter,
    logger: options.logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const api = createStoreApi(client);
  const writer = createCacheWriter({
    path: options.dbPath,
    nativeBinding: options.nativeBinding,
    workerUrl: options.writerWorker,
  });
  const reader = createSearchReader({
    path: options.dbPath,
    nativeBinding: options.nativeBinding,
    workerUrl: readWorkerBeside(options.writerWorker),
    overlay: () => store.pendingOverlay(),
  });
  const engine = createSyncEngine({
    api,
    store,
    logger: options.logger,
    onStatus: options.onSyncStatus,
    ...(options.now ? { now: options.now } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
    writer,
  });
  return {
    search: (query) => reader.search(query),
    count: (query) => reader.count(query),
    exportPages: (query, chunkSize) => reader.exportPages(query, chunkSize),
    getCustomer: (id) => store.detail(id),
    sync: {
      start: (startOptions) => engine.start(startOptions),
      cancel: () => engine.cancel(),
      status: () => engine.status(),
      scheduleAutoSync: (ms) => engine.scheduleAutoSync(ms),
      indexed: () => engine.indexed(),
    },
    saveAnswer: (answer) => writer.saveAnswer(answer),
    api,
    store,
    db: store.db,
    async close() {
      await engine.stop();
      await reader.close();
      store.close();
    },
  };
}

/**
 * Opens the profile's cache and wires client and sync to it. A damaged cache file throws
 * AppError('unavailable') with a message offering a rebuild; see `rebuildStoreServices`.
 */
export function openStoreServices(options: StoreServicesOptions): StoreServices {
  const store = openCacheStore({ path: options.dbPath, nativeBinding: options.nativeBinding });
  return build(options, store);
}

/** Moves the damaged cache aside (kept, never deleted) and starts on a fresh one. */
export function rebuildStoreServices(options: StoreServicesOptions): {
  services: StoreServices;
  movedTo: string | null;
} {
  const { store, movedTo } = rebuildCacheStore(
    { path: options.dbPath, nativeBinding: options.nativeBinding },
    options.now,
  );
  options.logger.warn('cache rebuilt', { movedTo });
  return { services: build(options, store), movedTo };
}
