// The search's statements whose text never changes: prepared once per connection, outside the
// statement cache.
import type Database from 'better-sqlite3';
import type { AddressSearchFields } from '../search-document.ts';
import { distinctNewestFirst } from './distinct.ts';
import { PREFIX_KEYS, ROW_COLUMNS, SORT_COLUMNS, TOP, type RowRecord } from './sql-text.ts';
import type { HiddenFields } from './why-matched.ts';

export interface Lookups {
  /** The rows of these customers, highest id first. */
  rowsByIds(ids: readonly number[]): RowRecord[];
  /** Every customer with a key starting with `prefix`, once each, highest id first. */
  prefixIds(prefix: string): Float64Array;
  /** How many customers are cached. */
  customers(): number;
  /** How many customers have an id up to `id` (their flags are kept for every one). */
  flagsThrough(id: number | null): number;
  /** A customer's value of a sort column (a cursor's key); undefined: no such customer. */
  sortKey(column: string, id: number): string | number | null | undefined;
  /** What the result list does not carry of these customers: billing phone, addresses. */
  hiddenFields(ids: readonly number[]): Map<number, HiddenFields>;
}

type AddressRecord = AddressSearchFields & { id: number; customer_id: number };

export function createLookups(db: Database.Database): Lookups {
  const rowsByIds = db.prepare(
    `SELECT ${ROW_COLUMNS} FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))
     ORDER BY c.id DESC`,
  );
  const prefixRanges = PREFIX_KEYS.map((key) =>
    db.prepare(`SELECT id FROM customers WHERE ${key} >= ? AND ${key} < ?`).pluck(),
  );
  const customerCount = db.prepare('SELECT count(*) FROM customers').pluck();
  const flagsThrough = db.prepare('SELECT count(*) FROM customer_flags WHERE id <= ?').pluck();
  const billingPhones = db.prepare(
    'SELECT id, billing_phone FROM customers WHERE id IN (SELECT value FROM json_each(?))',
  );
  const addressesOf = db.prepare(
    // Unordered: an ORDER BY here made SQLite walk the whole index in its order (~1 ms at 150k
    // addresses) instead of looking up each customer; the few rows are sorted below.
    `SELECT id, customer_id, first_name, last_name, phone, city, zip, company FROM addresses
     WHERE customer_id IN (SELECT value FROM json_each(?))`,
  );
  const hiddenFields = (ids: readonly number[]) => {
    const json = JSON.stringify(ids);
    const out = new Map<number, HiddenFields>();
    for (const row of billingPhones.all(json) as { id: number; billing_phone: string | null }[]) {
      out.set(row.id, { billing_phone: row.billing_phone, addresses: [] });
    }
    const found = addressesOf.all(json) as AddressRecord[];
    found.sort((a, b) => a.id - b.id);
    for (const address of found) {
      (out.get(address.customer_id)?.addresses as AddressSearchFields[] | undefined)?.push(address);
    }
    return out;
  };
  const sortKeys = db.prepare(
    `SELECT ${Object.values(SORT_COLUMNS).join(', ')} FROM customers WHERE id = ?`,
  );
  return {
    sortKey: (column, id) =>
      (sortKeys.get(id) as Record<string, string | number | null> | undefined)?.[column],
    hiddenFields,
    rowsByIds: (ids) => rowsByIds.all(JSON.stringify(ids)) as RowRecord[],
    // The four key ranges merged once, for both the total and the page.
    prefixIds: (prefix) =>
      distinctNewestFirst(prefixRanges.map((range) => range.all(prefix, prefix + TOP) as number[])),
    customers: () => customerCount.get() as number,
    flagsThrough: (id) => flagsThrough.get(id) as number,
  };
}
