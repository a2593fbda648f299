// The customers table: what each payload says is merged into the stored document (fields a
// payload leaves out stay as they were), guarded against going back in time. Pending edits are
// laid over reads, never written here.
import type Database from 'better-sqlite3';
import {
  mergeCustomer,
  type Customer,
  type CustomerFacts,
} from '../../src-shared/customers/model.ts';
import { formatUtc, inRepeatedHour, instantSeconds } from '../../src-shared/time/eastern.ts';
import type { SearchIndex } from './search-index.ts';
import { upsertById } from './upsert-sql.ts';

export interface UpsertOptions {
  syncedAt: number;
  /** Marks rows as seen by a full pass, for the deletion sweep at its end. */
  seenPass?: number | null;
  /**
   * What the store just answered (a write's response, a re-read): the truth now, stored even if
   * its updated_at reads older (the autumn clock change repeats an hour of naive timestamps).
   */
  fresh?: boolean;
}

export interface UpsertReport {
  written: number;
  /** Older than what the cache holds (a page that raced a newer write): left as is. */
  stale: number;
}

export interface CustomersRepo {
  upsert(items: readonly CustomerFacts[], options: UpsertOptions): UpsertReport;
  get(id: number): Customer | null;
  getMany(ids: readonly number[]): Customer[];
  exists(id: number): boolean;
  count(): number;
  delete(ids: readonly number[]): number;
  /** Deletes customers not seen by pass `pass` (their addresses go with them), at most `limit`. */
  sweepUnseen(pass: number, limit?: number): number[];
}

const COLUMNS = [
  'id',
  'hash',
  'email',
  'first_name',
  'last_name',
  'phone',
  'billing_phone',
  'external_customer_id',
  'status',
  'has_valid_payment_method',
  'in_dunning',
  'processor_type',
  'billing_company',
  'billing_city',
  'billing_province',
  'billing_zip',
  'billing_country',
  'created_at',
  'updated_at',
  'doc',
  'synced_at',
  'seen_pass',
  'name_key',
  'first_key',
  'email_key',
  'city_key',
] as const;

/** Rows a full pass did not see, through the `seen_pass` index (`limit` -1: all of them). */
export const UNSEEN = (table: 'customers' | 'addresses' | 'payment_methods') =>
  `SELECT id FROM ${table} WHERE seen_pass IS NULL OR seen_pass < @pass OR seen_pass > @pass
   LIMIT @limit`;

const asFlag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);
const lower = (value: string | null) => (value ?? '').toLowerCase();

/**
 * True when `facts` is surely older than what is stored (same-second updates are not older). A
 * time in the autumn's repeated hour may have been read an hour early from a naive timestamp
 * (01:20 EST reads as 01:20 EDT): it is older only if it is older even an hour later.
 */
export function isOlder(facts: string | null | undefined, stored: string | null): boolean {
  if (facts === undefined || facts === null || stored === null || facts >= stored) return false;
  const at = instantSeconds(facts);
  return at === null || !inRepeatedHour(at) || formatUtc(at + 3600) < stored;
}

export function customerColumns(c: Customer, syncedAt: number, seenPass: number | null) {
  return {
    id: c.id,
    hash: c.hash,
    email: c.email,
    first_name: c.first_name,
    last_name: c.last_name,
    phone: c.phone,
    billing_phone: c.billing_phone,
    external_customer_id: c.external_customer_id,
    status: c.status,
    has_valid_payment_method: asFlag(c.has_valid_payment_method),
    in_dunning: asFlag(c.in_dunning),
    processor_type: c.processor_type,
    billing_company: c.billing_company,
    billing_city: c.billing_city,
    billing_province: c.billing_province,
    billing_zip: c.billing_zip,
    billing_country: c.billing_country,
    created_at: c.created_at,
    updated_at: c.updated_at,
    doc: JSON.stringify(c),
    synced_at: syncedAt,
    seen_pass: seenPass,
    name_key: `${c.last_name ?? ''} ${c.first_name ?? ''}`.trim().toLowerCase(),
    first_key: lower(c.first_name),
    email_key: lower(c.email),
    city_key: lower(c.billing_city),
  };
}

export function createCustomersRepo(db: Database.Database, index: SearchIndex): CustomersRepo {
  const write = db.prepare(upsertById('customers', COLUMNS));
  const markSeen = db.prepare('UPDATE customers SET seen_pass = ? WHERE id = ?');
  const getDoc = db.prepare('SELECT doc, seen_pass FROM customers WHERE id = ?');
  const exists = db.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  const count = db.prepare('SELECT count(*) FROM customers').pluck();
  const deleteOne = db.prepare('DELETE FROM customers WHERE id = ?');
  const unseen = db.prepare(UNSEEN('customers')).pluck();

  const stored = (id: number) => {
    const row = getDoc.get(id) as { doc: string; seen_pass: number | null } | undefined;
    return row ? { customer: JSON.parse(row.doc) as Customer, seenPass: row.seen_pass } : null;
  };

  const remove = (ids: readonly number[]) => {
    let removed = 0;
    for (const id of ids) {
      removed += deleteOne.run(id).changes;
      index.remove(id);
    }
    return removed;
  };

  return {
    upsert(items, options) {
      const report: UpsertReport = { written: 0, stale: 0 };
      for (const facts of items) {
        const previous = stored(facts.id);
        // A write outside a full pass keeps the pass mark: the sweep must not take it for unseen.
        const seenPass = options.seenPass ?? previous?.seenPass ?? null;
        if (previous && !options.fresh && isOlder(facts.updated_at, previous.customer.updated_at)) {
          report.stale += 1;
          if (options.seenPass != null) markSeen.run(options.seenPass, facts.id);
          continue;
        }
        const merged = mergeCustomer(previous?.customer ?? null, facts);
        write.run(customerColumns(merged, options.syncedAt, seenPass));
        report.written += 1;
        index.refreshWith(merged);
      }
      return report;
    },
    get: (id) => stored(id)?.customer ?? null,
    getMany: (ids) =>
      ids.map((id) => stored(id)?.customer).filter((c): c is Customer => c !== undefined),
    exists: (id) => exists.get(id) !== undefined,
    count: () => count.get() as number,
    delete: remove,
    sweepUnseen(pass, limit = -1) {
      const ids = unseen.all({ pass, limit }) as number[];
      remove(ids);
      return ids;
    },
  };
}
