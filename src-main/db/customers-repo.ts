// The customers table: upserts from the API (guarded against going back in time; pending edits
// are laid over reads, never written here), reads for the detail view, and the deletion sweep.
import type Database from 'better-sqlite3';
import type { Customer } from '../../src-shared/recharge/wire.ts';
import type { SearchIndex } from './search-index.ts';

export interface CustomerInput {
  customer: Customer;
  /** The object as received, unknown fields included. */
  raw: Record<string, unknown>;
}

export interface UpsertOptions {
  syncedAt: number;
  /** Marks rows as seen by a full pass, for the deletion sweep at its end. */
  seenPass?: number | null;
}

export interface UpsertReport {
  written: number;
  /** Older than what the cache holds (a page that raced a newer write): left as is. */
  stale: number;
}

export interface CustomersRepo {
  upsert(items: readonly CustomerInput[], options: UpsertOptions): UpsertReport;
  getRaw(id: number): Record<string, unknown> | null;
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
  'shopify_customer_id',
  'status',
  'has_valid_payment_method',
  'has_card_error_in_dunning',
  'processor_type',
  'billing_company',
  'billing_city',
  'billing_province',
  'billing_zip',
  'billing_country',
  'created_at',
  'updated_at',
  'raw',
  'synced_at',
  'seen_pass',
  'name_key',
  'first_key',
  'email_key',
  'city_key',
] as const;

/** Rows a full pass did not see, through the `seen_pass` index (`limit` -1: all of them). */
export const UNSEEN = (table: 'customers' | 'addresses') =>
  `SELECT id FROM ${table} WHERE seen_pass IS NULL OR seen_pass < @pass OR seen_pass > @pass
   LIMIT @limit`;

export function createCustomersRepo(db: Database.Database, index: SearchIndex): CustomersRepo {
  const upsert = db.prepare(
    `INSERT INTO customers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
     ON CONFLICT(id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'id')
       .map((c) => `${c} = excluded.${c}`)
       .join(', ')}
     WHERE excluded.updated_at >= customers.updated_at`,
  );
  const markSeen = db.prepare('UPDATE customers SET seen_pass = ? WHERE id = ?');
  const getRaw = db.prepare('SELECT raw FROM customers WHERE id = ?').pluck();
  const exists = db.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  const count = db.prepare('SELECT count(*) FROM customers').pluck();
  const deleteOne = db.prepare('DELETE FROM customers WHERE id = ?');
  const unseen = db.prepare(UNSEEN('customers')).pluck();

  const readRaw = (id: number): Record<string, unknown> | null => {
    const text = getRaw.get(id) as string | undefined;
    return text === undefined ? null : (JSON.parse(text) as Record<string, unknown>);
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
      const seenPass = options.seenPass ?? null;
      const report: UpsertReport = { written: 0, stale: 0 };
      for (const item of items) {
        const c = item.customer;
        const result = upsert.run({
          id: c.id,
          hash: c.hash,
          email: c.email,
          first_name: c.first_name,
          last_name: c.last_name,
          phone: c.phone,
          billing_phone: c.billing_phone,
          shopify_customer_id: c.shopify_customer_id,
          status: c.status,
          has_valid_payment_method: c.has_valid_payment_method ? 1 : 0,
          has_card_error_in_dunning: c.has_card_error_in_dunning ? 1 : 0,
          processor_type: c.processor_type,
          billing_company: c.billing_company,
          billing_city: c.billing_city,
          billing_province: c.billing_province,
          billing_zip: c.billing_zip,
          billing_country: c.billing_country,
          created_at: c.created_at,
          updated_at: c.updated_at,
          raw: JSON.stringify(item.raw),
          synced_at: options.syncedAt,
          seen_pass: seenPass,
          name_key: `${c.last_name} ${c.first_name}`.toLowerCase(),
          first_key: c.first_name.toLowerCase(),
          email_key: c.email.toLowerCase(),
          city_key: (c.billing_city ?? '').toLowerCase(),
        });
        if (result.changes === 0) {
          report.stale += 1;
          if (seenPass !== null) markSeen.run(seenPass, c.id);
          continue;
        }
        report.written += 1;
        index.refreshWith(c);
      }
      return report;
    },
    getRaw: readRaw,
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
