// The addresses table. Every address belongs to a cached customer (foreign key, cascading
// delete); an address whose customer is not cached yet is handed back instead of written.
import type Database from 'better-sqlite3';
import type { Address } from '../../src-shared/recharge/wire.ts';
import { UNSEEN, type UpsertOptions } from './customers-repo.ts';
import type { SearchIndex } from './search-index.ts';

export interface AddressInput {
  address: Address;
  raw: Record<string, unknown>;
}

export interface AddressUpsertReport {
  written: number;
  stale: number;
  /** Addresses of customers missing from the cache, not written. */
  orphans: AddressInput[];
}

export interface AddressesRepo {
  upsert(items: readonly AddressInput[], options: UpsertOptions): AddressUpsertReport;
  rawOfCustomer(customerId: number): Record<string, unknown>[];
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
  'raw',
  'synced_at',
  'seen_pass',
] as const;

export function createAddressesRepo(db: Database.Database, index: SearchIndex): AddressesRepo {
  const upsert = db.prepare(
    `INSERT INTO addresses (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
     ON CONFLICT(id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'id')
       .map((c) => `${c} = excluded.${c}`)
       .join(', ')}
     WHERE excluded.updated_at >= addresses.updated_at`,
  );
  const ownerOf = db.prepare('SELECT customer_id FROM addresses WHERE id = ?').pluck();
  const customerExists = db.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  const markSeen = db.prepare('UPDATE addresses SET seen_pass = ? WHERE id = ?');
  const ofCustomer = db
    .prepare('SELECT raw FROM addresses WHERE customer_id = ? ORDER BY id')
    .pluck();
  const count = db.prepare('SELECT count(*) FROM addresses').pluck();
  const deleteOne = db.prepare('DELETE FROM addresses WHERE id = ? RETURNING customer_id').pluck();
  const unseen = db.prepare(UNSEEN('addresses')).pluck();

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
      const seenPass = options.seenPass ?? null;
      const report: AddressUpsertReport = { written: 0, stale: 0, orphans: [] };
      const touched = new Set<number>();
      for (const item of items) {
        const a = item.address;
        if (customerExists.get(a.customer_id) === undefined) {
          report.orphans.push(item);
          continue;
        }
        // An address moved to another customer changes both customers' documents.
        const previousOwner = ownerOf.get(a.id) as number | undefined;
        const result = upsert.run({
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
          raw: JSON.stringify(item.raw),
          synced_at: options.syncedAt,
          seen_pass: seenPass,
        });
        if (result.changes === 0) {
          report.stale += 1;
          if (seenPass !== null) markSeen.run(seenPass, a.id);
          continue;
        }
        report.written += 1;
        touched.add(a.customer_id);
        if (previousOwner !== undefined && previousOwner !== a.customer_id)
          touched.add(previousOwner);
      }
      index.refresh(touched);
      return report;
    },
    rawOfCustomer: (customerId) =>
      (ofCustomer.all(customerId) as string[]).map(
        (text) => JSON.parse(text) as Record<string, unknown>,
      ),
    count: () => count.get() as number,
    delete: remove,
    sweepUnseen(pass, limit = -1) {
      const ids = unseen.all({ pass, limit }) as number[];
      remove(ids);
      return ids;
    },
  };
}
