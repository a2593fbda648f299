// Keeps the trigram index in step with customers and their addresses. Called by the repositories
// inside their transactions; nothing else writes customers_fts.
//
// A first load into an empty cache defers indexing: rows are written without documents, and the
// index is then built once, a slice at a time, in id order. `indexedThrough` marks how far the
// build got (persisted with each slice, so a killed build resumes); customers above it have no
// document yet, and writes to them leave the index alone until the build reaches them.
import type Database from 'better-sqlite3';
import {
  ADDRESS_SEARCH_FIELDS,
  CUSTOMER_SEARCH_FIELDS,
  searchDocument,
  type AddressSearchFields,
  type CustomerSearchFields,
} from './search-document.ts';

export const INDEX_STATE_KEY = 'search.indexed_through';

// FTS5's defaults, put back once a deferred build is over.
const AUTOMERGE = 4;
const CRISISMERGE = 16;
// While building, merging is left to the builder's own slices; a level is merged at once only
// past this many segments (FTS5 allows 2000 in all).
const BUILD_CRISISMERGE = 64;

export interface SearchIndex {
  /** Rebuilds the document of each customer from what is stored now. */
  refresh(customerIds: Iterable<number>): void;
  /** Same, with the customer's fields at hand (saves a read while ingesting). */
  refreshWith(customer: CustomerSearchFields): void;
  remove(customerId: number): void;
  /** Null when every customer is indexed; else the highest id that is. */
  indexedThrough(): number | null;
  /** How many segments the index is in: each one more place every lookup of it goes to. */
  segments(): number;
  /** Starts a deferred load: empties the index; nothing is indexed until `buildSlice` runs. */
  defer(): void;
  /** Indexes up to `limit` customers past the mark (call in a transaction); true when done. */
  buildSlice(limit: number): boolean;
  /**
   * Merges up to `pages` leaf pages of segments (`all`: toward one segment, as 'optimize' does,
   * but a bounded step at a time); true when there was nothing left to merge.
   */
  mergeSlice(pages: number, all: boolean): boolean;
}

const CUSTOMER_FIELDS = CUSTOMER_SEARCH_FIELDS.join(', ');
const ADDRESS_FIELDS = ADDRESS_SEARCH_FIELDS.join(', ');

export function createSearchIndex(db: Database.Database): SearchIndex {
  const replace = db.prepare(
    'INSERT OR REPLACE INTO customers_fts(rowid, name, email, phone, place, ids) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insert = db.prepare(
    'INSERT INTO customers_fts(rowid, name, email, phone, place, ids) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM customers_fts WHERE rowid = ?');
  const customer = db.prepare(`SELECT ${CUSTOMER_FIELDS} FROM customers WHERE id = ?`);
  const addresses = db.prepare(`SELECT ${ADDRESS_FIELDS} FROM addresses WHERE customer_id = ?`);
  const nextCustomers = db.prepare(
    `SELECT ${CUSTOMER_FIELDS} FROM customers WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const addressesBetween = db.prepare(
    `SELECT customer_id, ${ADDRESS_FIELDS} FROM addresses WHERE customer_id BETWEEN ? AND ?`,
  );
  const readMark = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const writeMark = db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const clearMark = db.prepare('DELETE FROM sync_state WHERE key = ?');
  const command = db.prepare(
    'INSERT INTO customers_fts(customers_fts, rank) VALUES (?, CAST(? AS INTEGER))',
  );
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  // Each segment's first leaf has a row in `_idx`.
  const segmentCount = db.prepare('SELECT count(DISTINCT segid) FROM customers_fts_idx').pluck();

  // Read from the database each time, so it is always that of the current transaction.
  const currentMark = (): number | null => {
    const stored = readMark.get(INDEX_STATE_KEY) as string | undefined;
    return stored === undefined ? null : (JSON.parse(stored) as number);
  };
  const setMark = (value: number | null) => {
    if (value === null) clearMark.run(INDEX_STATE_KEY);
    else writeMark.run(INDEX_STATE_KEY, JSON.stringify(value));
  };
  const indexed = (id: number) => {
    const mark = currentMark();
    return mark === null || id <= mark;
  };

  const finishBuild = () => {
    setMark(null);
    // Writes from now on merge as they go again.
    command.run('automerge', AUTOMERGE);
    command.run('crisismerge', CRISISMERGE);
  };

  const write = (fields: CustomerSearchFields) => {
    if (!indexed(fields.id)) return;
    const doc = searchDocument(fields, addresses.all(fields.id) as AddressSearchFields[]);
    replace.run(fields.id, doc.name, doc.email, doc.phone, doc.place, doc.ids);
  };

  return {
    refresh(customerIds) {
      for (const id of customerIds) {
        if (!indexed(id)) continue;
        const row = customer.get(id) as CustomerSearchFields | undefined;
        if (row) write(row);
        else remove.run(id);
      }
    },
    refreshWith: write,
    remove(customerId) {
      if (indexed(customerId)) remove.run(customerId);
    },
    indexedThrough: currentMark,
    segments: () => segmentCount.get() as number,
    defer() {
      db.prepare("INSERT INTO customers_fts(customers_fts) VALUES ('delete-all')").run();
      command.run('automerge', 0);
      command.run('crisismerge', BUILD_CRISISMERGE);
      setMark(0);
    },
    mergeSlice(pages, all) {
      const before = totalChanges.get() as number;
      command.run('merge', all ? -pages : pages);
      // FTS5's own signal: fewer than two changes means the command found nothing to merge.
      return (totalChanges.get() as number) - before < 2;
    },
    buildSlice(limit) {
      const mark = currentMark();
      if (mark === null) return true;
      const rows = nextCustomers.all(mark, limit) as CustomerSearchFields[];
      const last = rows.at(-1);
      if (!last) {
        finishBuild();
        return true;
      }
      const byCustomer = new Map<number, AddressSearchFields[]>();
      const found = addressesBetween.all(rows[0]!.id, last.id) as (AddressSearchFields & {
        customer_id: number;
      })[];
      for (const address of found) {
        const list = byCustomer.get(address.customer_id);
        if (list) list.push(address);
        else byCustomer.set(address.customer_id, [address]);
      }
      for (const row of rows) {
        const doc = searchDocument(row, byCustomer.get(row.id));
        insert.run(row.id, doc.name, doc.email, doc.phone, doc.place, doc.ids);
      }
      if (rows.length < limit) {
        finishBuild();
        return true;
      }
      setMark(last.id);
      return false;
    },
  };
}
