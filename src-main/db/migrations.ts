// Forward-only schema migrations, numbered, each applied inside one transaction together with the
// new `PRAGMA user_version`. A database newer than the app is refused rather than guessed at.
import type Database from 'better-sqlite3';
import { AppError } from '../../src-shared/errors.ts';
import { domainModelMigration } from './migration-6-domain-model.ts';
import { outboxMigration } from './outbox-schema.ts';
import {
  searchDocument,
  type AddressSearchFields,
  type CustomerSearchFields,
} from './search-document.ts';

export interface Migration {
  version: number;
  name: string;
  /**
   * Rebuilds tables others refer to: foreign keys are off around its transaction (SQLite cannot
   * switch them inside one) and checked before it commits.
   */
  foreignKeysOff?: boolean;
  up(db: Database.Database): void;
}

const v1: Migration = {
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

const v2: Migration = {
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
      const rows = batch.all(after) as CustomerSearchFields[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const doc = searchDocument(row, addressesOf.all(row.id) as AddressSearchFields[]);
        insert.run(row.id, doc.name, doc.email, doc.phone, doc.place, doc.ids);
      }
      after = rows[rows.length - 1]!.id;
    }
  },
};

const v4: Migration = {
  version: 4,
  name: 'search: filter indexes',
  up(db) {
    // Filters are answered (and counted) from an index in the default order, newest change first;
    // the flags that pick out few customers get partial indexes.
    db.exec(`
      CREATE INDEX customers_by_status ON customers(status, updated_at, id);
      CREATE INDEX customers_in_dunning ON customers(updated_at, id)
        WHERE has_card_error_in_dunning = 1;
      CREATE INDEX customers_without_valid_method ON customers(updated_at, id)
        WHERE has_valid_payment_method = 0;
    `);
  },
};

// An upsert, not INSERT OR REPLACE: inside a trigger the outer statement's conflict handling
// (the customers upsert's) would override the OR clause.
const KEEP_FLAGS = `INSERT INTO customer_flags
  VALUES (new.id, new.status, new.has_valid_payment_method, new.has_card_error_in_dunning)
  ON CONFLICT(id) DO UPDATE SET status = excluded.status,
    has_valid_payment_method = excluded.has_valid_payment_method,
    has_card_error_in_dunning = excluded.has_card_error_in_dunning;`;

const v5: Migration = {
  version: 5,
  name: 'narrow filter table and the deletion sweep',
  up(db) {
    // Filters on the hits of a text are checked by id. In `customers` each check reads a wide row
    // (~1 KB of payload each), and an index led by id would sway the planner's choices for sorted
    // pages; a narrow table kept in step by triggers answers the counts instead. The sweep after a
    // full pass finds the rows it did not see through `seen_pass`, a slice at a time.
    db.exec(`
      CREATE TABLE customer_flags (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        has_valid_payment_method INTEGER NOT NULL,
        has_card_error_in_dunning INTEGER NOT NULL
      ) STRICT;
      INSERT INTO customer_flags
        SELECT id, status, has_valid_payment_method, has_card_error_in_dunning FROM customers;
      CREATE TRIGGER customer_flags_insert AFTER INSERT ON customers BEGIN
        ${KEEP_FLAGS}
      END;
      CREATE TRIGGER customer_flags_update
        AFTER UPDATE OF status, has_valid_payment_method, has_card_error_in_dunning ON customers
      BEGIN
        ${KEEP_FLAGS}
      END;
      CREATE TRIGGER customer_flags_delete AFTER DELETE ON customers BEGIN
        DELETE FROM customer_flags WHERE id = old.id;
      END;
      CREATE INDEX customers_by_seen_pass ON customers(seen_pass);
      CREATE INDEX addresses_by_seen_pass ON addresses(seen_pass);
    `);
  },
};

// Version 3 is the outbox's (pending edits, their bases and conflicts), in the same database.
export const MIGRATIONS: readonly Migration[] = [
  v1,
  v2,
  outboxMigration,
  v4,
  v5,
  domainModelMigration,
];
export const LATEST_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function tooNewMessage(found: number, known: number): string {
  return (
    `This cache was written by a newer version of ReCharge Desk (schema ${found}; this app ` +
    `knows up to ${known}). Update the app, or rebuild the cache to start it afresh.`
  );
}

/** Brings the database up to `target`; returns the versions applied. */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  target = migrations.length,
): number[] {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new AppError('unavailable', tooNewMessage(current, migrations.length));
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new AppError('unavailable', `Migration ${migration.version} broke references.`);
        }
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (migration.foreignKeysOff && keysWereOn) db.pragma('foreign_keys = ON');
    }
    applied.push(migration.version);
  }
  return applied;
}
