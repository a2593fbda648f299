// The addresses table. Every address belongs to a cached customer (foreign key, cascading
// delete); an address whose customer is not cached yet is handed back instead of written.
import type Database from 'better-sqlite3';
import { mergeAddress, type Address, type AddressFacts } from '../../src-shared/customers/model.ts';
import { isOlder, UNSEEN, type UpsertOptions } from './customers-repo.ts';
import type { SearchIndex } from './search-index.ts';
import { upsertById } from './upsert-sql.ts';

export interface AddressUpsertReport {
  written: number;
  stale: number;
  /** Addresses of customers missing from the cache, not written. */
  orphans: AddressFacts[];
}

export interface AddressesRepo {
  upsert(items: readonly AddressFacts[], options: UpsertOptions): AddressUpsertReport;
  ofCustomer(customerId: number): Address[];
  get(id: number): Address | null;
  count(): number;
  delete(ids: readonly number[]): number;
  sweepUnseen(pass: number, limit?: number): number[];
}

const COLUMNS = [
  'id',
  'customer_id',
  'first_name',
  'last_name',
  'company',
  'phone',
  'address1',
  'address2',
  'city',
  'province',
  'zip',
  'country',
  'created_at',
  'updated_at',
  'doc',
  'synced_at',
  'seen_pass',
] as const;

export function createAddressesRepo(db: Database.Database, index: SearchIndex): AddressesRepo {
  const write = db.prepare(upsertById('addresses', COLUMNS));
  const getDoc = db.prepare('SELECT doc, seen_pass FROM addresses WHERE id = ?');
  const customerExists = db.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  const markSeen = db.prepare('UPDATE addresses SET seen_pass = ? WHERE id = ?');
  const ofCustomer = db
    .prepare('SELECT doc FROM addresses WHERE customer_id = ? ORDER BY id')
    .pluck();
  const count = db.prepare('SELECT count(*) FROM addresses').pluck();
  const deleteOne = db.prepare('DELETE FROM addresses WHERE id = ? RETURNING customer_id').pluck();
  const unseen = db.prepare(UNSEEN('addresses')).pluck();

  const stored = (id: number) => {
    const row = getDoc.get(id) as { doc: string; seen_pass: number | null } | undefined;
    return row ? { address: JSON.parse(row.doc) as Address, seenPass: row.seen_pass } : null;
  };

  const remove = (ids: readonly number[]) => {
    const touched = new Set<number>();
    let removed = 0;
    for (const id of ids) {
      const owner = deleteOne.get(id) as number | undefined;
      if (owner === undefined) continue;
      removed += 1;
      touched.add(owner);
    }
    index.refresh(touched);
    return removed;
  };

  return {
    upsert(items, options) {
      const report: AddressUpsertReport = { written: 0, stale: 0, orphans: [] };
      const touched = new Set<number>();
      for (const facts of items) {
        if (customerExists.get(facts.customer_id) === undefined) {
          report.orphans.push(facts);
          continue;
        }
        const previous = stored(facts.id);
        const seenPass = options.seenPass ?? previous?.seenPass ?? null;
        if (previous && !options.fresh && isOlder(facts.updated_at, previous.address.updated_at)) {
          report.stale += 1;
          if (options.seenPass != null) markSeen.run(options.seenPass, facts.id);
          continue;
        }
        const a = mergeAddress(previous?.address ?? null, facts);
        write.run({
          id: a.id,
          customer_id: a.customer_id,
          first_name: a.first_name,
          last_name: a.last_name,
          company: a.company,
          phone: a.phone,
          address1: a.address1,
          address2: a.address2,
          city: a.city,
          province: a.province,
          zip: a.zip,
          country: a.country,
          created_at: a.created_at,
          updated_at: a.updated_at,
          doc: JSON.stringify(a),
          synced_at: options.syncedAt,
          seen_pass: seenPass,
        });
        report.written += 1;
        touched.add(a.customer_id);
        // An address moved to another customer changes both customers' documents.
        if (previous && previous.address.customer_id !== a.customer_id)
          touched.add(previous.address.customer_id);
      }
      index.refresh(touched);
      return report;
    },
    ofCustomer: (customerId) =>
      (ofCustomer.all(customerId) as string[]).map((text) => JSON.parse(text) as Address),
    get: (id) => stored(id)?.address ?? null,
    count: () => count.get() as number,
    delete: remove,
    sweepUnseen(pass, limit = -1) {
      const ids = unseen.all({ pass, limit }) as number[];
      remove(ids);
      return ids;
    },
  };
}
