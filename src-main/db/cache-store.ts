// The cache as one object: the open database and its repositories, plus the transaction that
// lets a caller commit several repository writes (a page and its checkpoint) together.
import type Database from 'better-sqlite3';
import type { CustomerDetail } from '../../src-shared/customers/views.ts';
import { AppError } from '../../src-shared/errors.ts';
import { createAddressesRepo, type AddressesRepo } from './addresses-repo.ts';
import { createCustomersRepo, type CustomersRepo } from './customers-repo.ts';
import { openDatabase, rebuildCache, type OpenOptions } from './open.ts';
import { pendingFieldsOf, withAddressValues, withBillingValues } from './pending-values.ts';
import { createPaymentMethodsRepo, type PaymentMethodsRepo } from './payment-methods-repo.ts';
import { createSearchIndex, type SearchIndex } from './search-index.ts';
import {
  createSearchRepo,
  noPendingEdits,
  type PendingOverlay,
  type SearchRepo,
} from './search-repo.ts';
import { createSyncStateRepo, type SyncStateRepo } from './sync-state-repo.ts';

export interface CacheStore {
  db: Database.Database;
  customers: CustomersRepo;
  addresses: AddressesRepo;
  paymentMethods: PaymentMethodsRepo;
  syncState: SyncStateRepo;
  search: SearchRepo;
  /** The trigram index's upkeep, for a first load that builds it once at the end. */
  searchIndex: SearchIndex;
  /** A customer with its addresses and payment methods, pending edits' values on top, marked. */
  detail(id: number): CustomerDetail;
  /** Runs `fn` in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
  /** A passive WAL checkpoint: copies what it can without waiting for anyone. */
  checkpoint(): void;
  /** Where reads learn about pending edits; the outbox installs its own. */
  setPendingOverlay(overlay: PendingOverlay): void;
  pendingOverlay(): PendingOverlay;
  close(): void;
}

export function storeOn(db: Database.Database): CacheStore {
  const index = createSearchIndex(db);
  let overlay: PendingOverlay = noPendingEdits;
  const customers = createCustomersRepo(db, index);
  const addresses = createAddressesRepo(db, index);
  const paymentMethods = createPaymentMethodsRepo(db, customers);
  return {
    db,
    customers,
    addresses,
    paymentMethods,
    syncState: createSyncStateRepo(db),
    search: createSearchRepo(db, () => overlay, index.indexedThrough),
    searchIndex: index,
    detail(id) {
      const customer = customers.get(id);
      if (!customer) {
        throw new AppError(
          'not_found',
          'This customer is not in the local cache (it may have been deleted).',
        );
      }
      const edits = overlay.shownEdits([id]);
      return {
        customer: withBillingValues(customer, edits),
        addresses: addresses.ofCustomer(id).map((a) => withAddressValues(a, edits)),
        payment_methods: paymentMethods.ofCustomer(id),
        pending_fields: pendingFieldsOf(edits),
      };
    },
    transaction: (fn) => db.transaction(fn).immediate(),
    checkpoint() {
      db.pragma('wal_checkpoint(PASSIVE)');
    },
    setPendingOverlay(next) {
      overlay = next;
    },
    pendingOverlay: () => overlay,
    close() {
      if (db.open) db.close();
    },
  };
}

export function openCacheStore(options: OpenOptions): CacheStore {
  return storeOn(openDatabase(options));
}

/** Moves a broken cache aside (never deletes it) and opens a fresh one. */
export function rebuildCacheStore(
  options: OpenOptions,
  now?: () => number,
): { store: CacheStore; movedTo: string | null } {
  const { db, movedTo } = rebuildCache(options, now);
  return { store: storeOn(db), movedTo };
}
