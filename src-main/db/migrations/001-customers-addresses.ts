// Version 1: customers, addresses and the pull's key/value state.
import type { Migration } from './migration.ts';

export const migration001: Migration = {
  version: 1,
  name: 'customers, addresses, sync state',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        email TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        phone TEXT,
        billing_phone TEXT,
        shopify_customer_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE')),
        has_valid_payment_method INTEGER NOT NULL,
        has_card_error_in_dunning INTEGER NOT NULL,
        processor_type TEXT,
        billing_company TEXT,
        billing_city TEXT,
        billing_province TEXT,
        billing_zip TEXT,
        billing_country TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        raw TEXT NOT NULL,
        synced_at INTEGER NOT NULL,
        seen_pass INTEGER
      ) STRICT;
      CREATE TABLE addresses (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        first_name TEXT,
        last_name TEXT,
        company TEXT,
        phone TEXT,
        address1 TEXT,
        address2 TEXT,
        city TEXT,
        province TEXT,
        zip TEXT,
        country TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        raw TEXT NOT NULL,
        synced_at INTEGER NOT NULL,
        seen_pass INTEGER
      ) STRICT;
      CREATE INDEX addresses_by_customer ON addresses(customer_id);
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
