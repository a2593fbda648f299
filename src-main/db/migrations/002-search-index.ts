// Version 2: sort keys and the trigram index, filled from what version 1 holds. It carries its
// own copy of the search document as it was then, so later changes to search never change it.
import type { Migration } from './migration.ts';

interface CustomerFields {
  id: number;
  hash: string;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  billing_phone: string | null;
  shopify_customer_id: string | null;
  billing_city: string | null;
  billing_zip: string | null;
  billing_company: string | null;
  billing_province: string | null;
}

interface AddressFields {
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  city: string | null;
  zip: string | null;
  company: string | null;
}

const digitsOf = (text: string | null | undefined): string =>
  text ? text.replace(/\D+/g, '') : '';

function joinUnique(values: (string | null | undefined)[]): string {
  const seen = new Set<string>();
  for (const value of values) {
    const text = value?.trim();
    if (text) seen.add(text);
  }
  return [...seen].join(' | ');
}

function documentOf(customer: CustomerFields, addresses: readonly AddressFields[]) {
  return {
    name: joinUnique([
      `${customer.first_name} ${customer.last_name}`,
      ...addresses.map((a) => `${a.first_name ?? ''} ${a.last_name ?? ''}`),
    ]),
    email: customer.email,
    phone: joinUnique([
      digitsOf(customer.phone),
      digitsOf(customer.billing_phone),
      ...addresses.map((a) => digitsOf(a.phone)),
    ]),
    place: joinUnique([
      customer.billing_city,
      customer.billing_zip,
      customer.billing_company,
      customer.billing_province,
      ...addresses.flatMap((a) => [a.city, a.zip, a.company]),
    ]),
    ids: joinUnique([String(customer.id), customer.shopify_customer_id, customer.hash]),
  };
}

export const migration002: Migration = {
  version: 2,
  name: 'search: sort keys and the trigram index',
  up(db) {
    // Contentless FTS5 (with delete support): the text already lives in customers/addresses, and
    // the indexed document mixes both tables, which an external-content table cannot express
    // without a view and hand-fed old values on every delete.
    db.exec(`
      ALTER TABLE customers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE customers ADD COLUMN first_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE customers ADD COLUMN email_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE customers ADD COLUMN city_key TEXT NOT NULL DEFAULT '';
      UPDATE customers SET
        name_key = lower(last_name || ' ' || first_name),
        first_key = lower(first_name),
        email_key = lower(email),
        city_key = lower(coalesce(billing_city, ''));
      CREATE INDEX customers_by_name ON customers(name_key, id);
      CREATE INDEX customers_by_first ON customers(first_key, id);
      CREATE INDEX customers_by_email ON customers(email_key, id);
      CREATE INDEX customers_by_city ON customers(city_key, id);
      CREATE INDEX customers_by_updated ON customers(updated_at, id);
      CREATE VIRTUAL TABLE customers_fts USING fts5(
        name, email, phone, place, ids,
        content = '', contentless_delete = 1,
        tokenize = 'trigram remove_diacritics 1'
      );
    `);
    const insert = db.prepare(
      'INSERT INTO customers_fts(rowid, name, email, phone, place, ids) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const addressesOf = db.prepare(
      'SELECT first_name, last_name, phone, city, zip, company FROM addresses WHERE customer_id = ?',
    );
    // In batches: better-sqlite3 cannot write while a read cursor is open on the connection.
    const batch = db.prepare('SELECT * FROM customers WHERE id > ? ORDER BY id LIMIT 2000');
    for (let after = -1; ;) {
      const rows = batch.all(after) as CustomerFields[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const doc = documentOf(row, addressesOf.all(row.id) as AddressFields[]);
        insert.run(row.id, doc.name, doc.email, doc.phone, doc.place, doc.ids);
      }
      after = rows[rows.length - 1]!.id;
    }
  },
};
