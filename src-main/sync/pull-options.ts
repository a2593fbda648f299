import type {
  AddressFacts,
  CustomerFacts,
  PaymentMethod,
} from '../../src-shared/customers/model.ts';
import type { SyncProgress } from '../../src-shared/ipc/channels/sync.ts';
import type { Logger } from '../lib/logger.ts';
import type { CacheStore } from '../db/cache-store.ts';
import type { StoreApi } from '../recharge/store-api.ts';
import type { CacheWriter } from './cache-writer.ts';

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

export type PullItem = CustomerFacts | AddressFacts | PaymentMethod;
