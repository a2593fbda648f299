// Keeps the trigram index in step with customers and their addresses. Called by the repositories
// inside their transactions; nothing else writes customers_fts.
import type Database from 'better-sqlite3';
import {
  searchDocument,
  type AddressSearchFields,
  type CustomerSearchFields,
} from './search-document.ts';

export interface SearchIndex {
  /** Rebuilds the document of each customer from what is stored now. */
  refresh(customerIds: Iterable<number>): void;
  /** Same, with the customer's fields at hand (saves a read while ingesting). */
  refreshWith(customer: CustomerSearchFields): void;
  remove(customerId: number): void;
}

export function createSearchIndex(db: Database.Database): SearchIndex {
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO customers_fts(rowid, name, email, phone, place, ids) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM customers_fts WHERE rowid = ?');
  const customer = db.prepare(
    `SELECT id, hash, email, first_name, last_name, phone, billing_phone, shopify_customer_id,
            billing_city, billing_zip, billing_company, billing_province
     FROM customers WHERE id = ?`,
  );
  const addresses = db.prepare(
    'SELECT first_name, last_name, phone, city, zip, company FROM addresses WHERE customer_id = ?',
  );
  const write = (fields: CustomerSearchFields) => {
    const doc = searchDocument(fields, addresses.all(fields.id) as AddressSearchFields[]);
    upsert.run(fields.id, doc.name, doc.email, doc.phone, doc.place, doc.ids);
  };
  return {
    refresh(customerIds) {
      for (const id of customerIds) {
        const row = customer.get(id) as CustomerSearchFields | undefined;
        if (row) write(row);
        else remove.run(id);
      }
    },
    refreshWith: write,
    remove(customerId) {
      remove.run(customerId);
    },
  };
}
