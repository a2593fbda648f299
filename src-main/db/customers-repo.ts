// The customers table: what each payload says is merged into the stored document (fields a
// payload leaves out stay as they were), guarded against going back in time. Pending edits are
// laid over reads, never written here.
import type Database from 'better-sqlite3';
import {
  mergeCustomer,
  type Customer,
  type CustomerFacts,
} from '../../src-shared/customers/model.ts';
import { ROW_FIELDS } from '../../src-shared/customers/views.ts';
import {
  docReader,
  docRow,
  docUpserter,
  ROW_MARKS,
  unseenSweep,
  type UpsertOptions,
  type UpsertReport,
} from './doc-rows.ts';
import type { SearchIndex } from './search-index.ts';
import { upsertById } from './upsert-sql.ts';

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

/** The document's fields the table keeps as columns: a result row's, for filters and sorting. */
const DOC_COLUMNS = [...ROW_FIELDS, 'billing_phone', 'created_at'] as const;

const KEY_COLUMNS = ['name_key', 'first_key', 'email_key', 'city_key'] as const;

const asFlag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);
const lower = (value: string | null) => (value ?? '').toLowerCase();

export function customerColumns(c: Customer, syncedAt: number, seenPass: number | null) {
  return {
    ...docRow(c, DOC_COLUMNS, syncedAt, seenPass),
    // SQLite has no booleans: the flags are stored as 0/1.
    has_valid_payment_method: asFlag(c.has_valid_payment_method),
    in_dunning: asFlag(c.in_dunning),
    name_key: `${c.last_name ?? ''} ${c.first_name ?? ''}`.trim().toLowerCase(),
    first_key: lower(c.first_name),
    email_key: lower(c.email),
    city_key: lower(c.billing_city),
  };
}

export function createCustomersRepo(db: Database.Database, index: SearchIndex): CustomersRepo {
  const write = db.prepare(upsertById('customers', [...DOC_COLUMNS, ...ROW_MARKS, ...KEY_COLUMNS]));
  const upsertDocs = docUpserter(
    db,
    'customers',
    mergeCustomer,
    (doc: Customer, syncedAt, seenPass) => write.run(customerColumns(doc, syncedAt, seenPass)),
  );
  const stored = docReader<Customer>(db, 'customers');
  const exists = db.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  const count = db.prepare('SELECT count(*) FROM customers').pluck();
  const deleteOne = db.prepare('DELETE FROM customers WHERE id = ?');
  const sweep = unseenSweep(db, 'customers');

  const remove = (ids: readonly number[]) => {
    let removed = 0;
    for (const id of ids) {
      removed += deleteOne.run(id).changes;
      index.remove(id);
    }
    return removed;
  };

  return {
    upsert: (items, options) => upsertDocs(items, options, (merged) => index.refreshWith(merged)),
    get: (id) => stored(id)?.doc ?? null,
    getMany: (ids) =>
      ids.map((id) => stored(id)?.doc).filter((c): c is Customer => c !== undefined),
    exists: (id) => exists.get(id) !== undefined,
    count: () => count.get() as number,
    delete: remove,
    sweepUnseen: (pass, limit = -1) => sweep(pass, limit, remove),
  };
}
