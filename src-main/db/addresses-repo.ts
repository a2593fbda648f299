// The addresses table. Every address belongs to a cached customer (foreign key, cascading
// delete); an address whose customer is not cached yet is handed back instead of written.
import type Database from 'better-sqlite3';
import { mergeAddress, type Address, type AddressFacts } from '../../src-shared/customers/model.ts';
import { ADDRESS_LINES, TIMESTAMPS } from '../../src-shared/customers/field-groups.ts';
import {
  docReader,
  docRow,
  docUpserter,
  ownerCheck,
  ROW_MARKS,
  unseenSweep,
  type UpsertOptions,
} from './doc-rows.ts';
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

/** The document's fields the table keeps as columns. */
const DOC_COLUMNS = ['id', 'customer_id', ...ADDRESS_LINES, 'country', ...TIMESTAMPS] as const;

export function createAddressesRepo(db: Database.Database, index: SearchIndex): AddressesRepo {
  const write = db.prepare(upsertById('addresses', [...DOC_COLUMNS, ...ROW_MARKS]));
  const stored = docReader<Address>(db, 'addresses');
  const owned = ownerCheck(db);
  const upsertDocs = docUpserter(
    db,
    'addresses',
    mergeAddress,
    (doc: Address, syncedAt, seenPass) => write.run(docRow(doc, DOC_COLUMNS, syncedAt, seenPass)),
  );
  const ofCustomer = db
    .prepare('SELECT doc FROM addresses WHERE customer_id = ? ORDER BY id')
    .pluck();
  const count = db.prepare('SELECT count(*) FROM addresses').pluck();
  const deleteOne = db.prepare('DELETE FROM addresses WHERE id = ? RETURNING customer_id').pluck();
  const sweep = unseenSweep(db, 'addresses');

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
      const orphans: AddressFacts[] = [];
      const touched = new Set<number>();
      const report = upsertDocs(owned(items, orphans), options, (address, previous) => {
        touched.add(address.customer_id);
        // An address moved to another customer changes both customers' documents.
        if (previous && previous.customer_id !== address.customer_id)
          touched.add(previous.customer_id);
      });
      index.refresh(touched);
      return { ...report, orphans };
    },
    ofCustomer: (customerId) =>
      (ofCustomer.all(customerId) as string[]).map((text) => JSON.parse(text) as Address),
    get: (id) => stored(id)?.doc ?? null,
    count: () => count.get() as number,
    delete: remove,
    sweepUnseen: (pass, limit = -1) => sweep(pass, limit, remove),
  };
}
