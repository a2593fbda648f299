// Version 6: the cache holds the domain model instead of 2021-01 wire payloads. Fields may be
// unknown (2021-11 customers have no status; real payloads omit fields), so the NOT NULL columns
// go; `raw` (which kept processor tokens some stores send) becomes `doc`, the allow-listed domain
// document; timestamps become UTC instants; payment methods get a table. SQLite cannot drop a
// NOT NULL, so customers, addresses and the flags are rebuilt (foreign keys off meanwhile, as
// SQLite's own recipe for table changes says). Frozen: it never imports code that may change.
import type Database from 'better-sqlite3';
import { formatUtc, parseRechargeTimestamp } from '../../../src-shared/time/eastern.ts';
import type { Migration } from './migration.ts';

/** A 2021-01 (naive US-Eastern) or offset timestamp as a UTC instant; other text kept as is. */
function utc(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const seconds = parseRechargeTimestamp(text);
  return seconds === null ? text : formatUtc(seconds);
}

const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
const bool = (v: unknown): boolean | null =>
  v === true || v === 1 ? true : v === false || v === 0 ? false : null;
const int = (v: unknown): number | null => (Number.isInteger(v) ? (v as number) : null);

const BILLING = [
  'billing_address1',
  'billing_address2',
  'billing_zip',
  'billing_city',
  'billing_company',
  'billing_province',
  'billing_country',
  'billing_phone',
];

/** The domain document of a stored 2021-01 customer payload (tokens and extras left out). */
function customerDoc(rawText: string): string {
  const w = JSON.parse(rawText) as Record<string, unknown>;
  const status = str(w['status']);
  const doc: Record<string, unknown> = {
    id: w['id'],
    hash: str(w['hash']),
    email: str(w['email']),
    first_name: str(w['first_name']),
    last_name: str(w['last_name']),
    phone: str(w['phone']),
    external_customer_id: str(w['shopify_customer_id']),
    accepts_marketing: bool(w['accepts_marketing']),
    tax_exempt: null,
    status: status === 'ACTIVE' || status === 'INACTIVE' ? status : null,
    has_valid_payment_method: bool(w['has_valid_payment_method']),
    reason_payment_method_not_valid: str(w['reason_payment_method_not_valid']),
    in_dunning: bool(w['has_card_error_in_dunning']),
    subscriptions_active: int(w['number_active_subscriptions']),
    subscriptions_total: int(w['number_subscriptions']),
    processor_type: str(w['processor_type']),
    default_payment_method_id: null,
    first_charge_processed_at: utc(w['first_charge_processed_at']),
    created_at: utc(w['created_at']),
    updated_at: utc(w['updated_at']),
  };
  for (const field of BILLING) doc[field] = str(w[field]);
  return JSON.stringify(doc);
}

const COUNTRY_CODES: Record<string, string> = {
  'united states': 'US',
  canada: 'CA',
  'united kingdom': 'GB',
  australia: 'AU',
  'new zealand': 'NZ',
  ireland: 'IE',
  germany: 'DE',
  france: 'FR',
  netherlands: 'NL',
  denmark: 'DK',
};

function addressDoc(rawText: string): string {
  const w = JSON.parse(rawText) as Record<string, unknown>;
  const country = str(w['country']);
  return JSON.stringify({
    id: w['id'],
    customer_id: w['customer_id'],
    first_name: str(w['first_name']),
    last_name: str(w['last_name']),
    company: str(w['company']),
    phone: str(w['phone']),
    address1: str(w['address1']),
    address2: str(w['address2']),
    city: str(w['city']),
    province: str(w['province']),
    zip: str(w['zip']),
    country,
    country_code: country === null ? null : (COUNTRY_CODES[country.toLowerCase()] ?? null),
    payment_method_id: null,
    created_at: utc(w['created_at']),
    updated_at: utc(w['updated_at']),
  });
}

const KEEP_FLAGS = `INSERT INTO customer_flags
  VALUES (new.id, new.status, new.has_valid_payment_method, new.in_dunning)
  ON CONFLICT(id) DO UPDATE SET status = excluded.status,
    has_valid_payment_method = excluded.has_valid_payment_method,
    in_dunning = excluded.in_dunning;`;

export const migration006: Migration = {
  version: 6,
  name: 'domain model: nullable fields, documents, UTC instants, payment methods',
  foreignKeysOff: true,
  up(db: Database.Database) {
    db.function('v6_customer_doc', { deterministic: true }, (raw) => customerDoc(String(raw)));
    db.function('v6_address_doc', { deterministic: true }, (raw) => addressDoc(String(raw)));
    db.function('v6_utc', { deterministic: true }, (text) => utc(text));
    db.exec(`
      CREATE TABLE customers_v6 (
        id INTEGER PRIMARY KEY,
        hash TEXT,
        email TEXT,
        first_name TEXT,
        last_name TEXT,
        phone TEXT,
        billing_phone TEXT,
        external_customer_id TEXT,
        status TEXT CHECK (status IS NULL OR status IN ('ACTIVE', 'INACTIVE')),
        has_valid_payment_method INTEGER,
        in_dunning INTEGER,
        processor_type TEXT,
        billing_company TEXT,
        billing_city TEXT,
        billing_province TEXT,
        billing_zip TEXT,
        billing_country TEXT,
        created_at TEXT,
        updated_at TEXT,
        doc TEXT NOT NULL,
        synced_at INTEGER NOT NULL,
        seen_pass INTEGER,
        name_key TEXT NOT NULL DEFAULT '',
        first_key TEXT NOT NULL DEFAULT '',
        email_key TEXT NOT NULL DEFAULT '',
        city_key TEXT NOT NULL DEFAULT ''
      ) STRICT;
      INSERT INTO customers_v6 SELECT id, hash, email, first_name, last_name, phone, billing_phone,
        shopify_customer_id, status, has_valid_payment_method, has_card_error_in_dunning,
        processor_type, billing_company, billing_city, billing_province, billing_zip,
        billing_country, v6_utc(created_at), v6_utc(updated_at), v6_customer_doc(raw), synced_at,
        seen_pass, name_key, first_key, email_key, city_key
      FROM customers;
      DROP TABLE customers;
      ALTER TABLE customers_v6 RENAME TO customers;
      CREATE INDEX customers_by_name ON customers(name_key, id);
      CREATE INDEX customers_by_first ON customers(first_key, id);
      CREATE INDEX customers_by_email ON customers(email_key, id);
      CREATE INDEX customers_by_city ON customers(city_key, id);
      CREATE INDEX customers_by_updated ON customers(updated_at, id);
      CREATE INDEX customers_by_status ON customers(status, updated_at, id);
      CREATE INDEX customers_in_dunning ON customers(updated_at, id) WHERE in_dunning = 1;
      CREATE INDEX customers_without_valid_method ON customers(updated_at, id)
        WHERE has_valid_payment_method = 0;
      CREATE INDEX customers_by_seen_pass ON customers(seen_pass);

      CREATE TABLE addresses_v6 (
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
        created_at TEXT,
        updated_at TEXT,
        doc TEXT NOT NULL,
        synced_at INTEGER NOT NULL,
        seen_pass INTEGER
      ) STRICT;
      INSERT INTO addresses_v6 SELECT id, customer_id, first_name, last_name, company, phone,
        address1, address2, city, province, zip, country, v6_utc(created_at), v6_utc(updated_at),
        v6_address_doc(raw), synced_at, seen_pass
      FROM addresses;
      DROP TABLE addresses;
      ALTER TABLE addresses_v6 RENAME TO addresses;
      CREATE INDEX addresses_by_customer ON addresses(customer_id);
      CREATE INDEX addresses_by_seen_pass ON addresses(seen_pass);

      CREATE TABLE customer_flags_v6 (
        id INTEGER PRIMARY KEY,
        status TEXT,
        has_valid_payment_method INTEGER,
        in_dunning INTEGER
      ) STRICT;
      INSERT INTO customer_flags_v6
        SELECT id, status, has_valid_payment_method, in_dunning FROM customers;
      DROP TABLE customer_flags;
      ALTER TABLE customer_flags_v6 RENAME TO customer_flags;
      CREATE TRIGGER customer_flags_insert AFTER INSERT ON customers BEGIN
        ${KEEP_FLAGS}
      END;
      CREATE TRIGGER customer_flags_update
        AFTER UPDATE OF status, has_valid_payment_method, in_dunning ON customers
      BEGIN
        ${KEEP_FLAGS}
      END;
      CREATE TRIGGER customer_flags_delete AFTER DELETE ON customers BEGIN
        DELETE FROM customer_flags WHERE id = old.id;
      END;

      CREATE TABLE payment_methods (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        is_default INTEGER,
        updated_at TEXT,
        doc TEXT NOT NULL,
        synced_at INTEGER NOT NULL,
        seen_pass INTEGER
      ) STRICT;
      CREATE INDEX payment_methods_by_customer ON payment_methods(customer_id);
      CREATE INDEX payment_methods_by_seen_pass ON payment_methods(seen_pass);

      UPDATE outbox SET base_updated_at = v6_utc(base_updated_at)
        WHERE base_updated_at IS NOT NULL;
      -- High-water marks are JSON strings; a run in progress starts over (pages are idempotent).
      UPDATE sync_state SET value = json_quote(v6_utc(json_extract(value, '$')))
        WHERE key IN ('pull.customers.high_water', 'pull.addresses.high_water');
      DELETE FROM sync_state WHERE key = 'pull.checkpoint';
    `);
  },
};
