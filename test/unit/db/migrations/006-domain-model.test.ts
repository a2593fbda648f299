import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../../src-main/db/migrations/index.ts';
import { openDatabase } from '../../../../src-main/db/open.ts';
import { tempDir } from '../../../helpers/temp-dir.ts';
import { sampleAddress, sampleCustomer } from '../../../helpers/wire-samples.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});

const TOKEN = 'cus_PLAINTEXTsecret42';

/** A version 5 cache holding 2021-01 payloads as they used to be stored (tokens included). */
function seedVersion5(path: string) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  migrate(db, MIGRATIONS, 5);
  const customer = db.prepare(
    `INSERT INTO customers (id, hash, email, first_name, last_name, phone, billing_phone,
       shopify_customer_id, status, has_valid_payment_method, has_card_error_in_dunning,
       processor_type, billing_company, billing_city, billing_province, billing_zip,
       billing_country, created_at, updated_at, raw, synced_at, seen_pass, name_key, first_key,
       email_key, city_key)
     VALUES (@id, @hash, @email, @first_name, @last_name, @phone, @billing_phone,
       @shopify_customer_id, @status, 1, 0, @processor_type, @billing_company, @billing_city,
       @billing_province, @billing_zip, @billing_country, @created_at, @updated_at, @raw, 0, 3,
       '', '', '', '')`,
  );
  const winter = sampleCustomer({
    stripe_customer_token: TOKEN,
    updated_at: '2021-01-20T10:15:02',
  });
  const summer = sampleCustomer({
    id: 40_000_002,
    email: 'summer@example.com',
    updated_at: '2021-07-04T10:15:02',
  });
  for (const c of [winter, summer]) customer.run({ ...c, raw: JSON.stringify(c) });
  const address = sampleAddress({ country: 'Canada' });
  db.prepare(
    `INSERT INTO addresses (id, customer_id, first_name, last_name, company, phone, address1,
       address2, city, province, zip, country, created_at, updated_at, raw, synced_at)
     VALUES (@id, @customer_id, @first_name, @last_name, @company, @phone, @address1, @address2,
       @city, @province, @zip, @country, @created_at, @updated_at, @raw, 0)`,
  ).run({ ...address, raw: JSON.stringify(address) });
  db.prepare(
    `INSERT INTO outbox (customer_id, kind, state, patch, base, base_updated_at, created_at,
       updated_at) VALUES (40000001, 'billing', 'pending', '{}', '{}', '2021-07-04T10:15:02',
       'x', 'x')`,
  ).run();
  const state = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)');
  state.run('pull.customers.high_water', JSON.stringify('2021-07-04T10:15:02'));
  state.run('pull.checkpoint', JSON.stringify({ mode: 'full', phase: 'addresses' }));
  db.close();
}

describe('migration 6: the domain model', () => {
  it('turns stored payloads into documents with UTC instants and drops processor tokens', () => {
    const dir = tempDir();
    dirs.push(dir);
    const path = dir.path('cache.db');
    seedVersion5(path);
    expect(readFileSync(path).includes(TOKEN) || existsSync(`${path}-wal`)).toBe(true);

    const db = openDatabase({ path });
    expect(schemaVersion(db)).toBe(6);
    const doc = (id: number) =>
      JSON.parse(db.prepare('SELECT doc FROM customers WHERE id = ?').pluck().get(id) as string);
    // US Eastern local time: EST (-5) in January, EDT (-4) in July.
    expect(doc(40_000_001)).toMatchObject({
      updated_at: '2021-01-20T15:15:02Z',
      external_customer_id: '5123456789012',
      in_dunning: false,
      accepts_marketing: true,
    });
    expect(doc(40_000_002).updated_at).toBe('2021-07-04T14:15:02Z');
    expect(db.prepare('SELECT updated_at FROM customers WHERE id = 40000002').pluck().get()).toBe(
      '2021-07-04T14:15:02Z',
    );
    const address = JSON.parse(db.prepare('SELECT doc FROM addresses').pluck().get() as string);
    expect(address).toMatchObject({
      country: 'Canada',
      country_code: 'CA',
      customer_id: 40_000_001,
    });
    expect(db.prepare('SELECT base_updated_at FROM outbox').pluck().get()).toBe(
      '2021-07-04T14:15:02Z',
    );
    expect(
      db
        .prepare("SELECT value FROM sync_state WHERE key = 'pull.customers.high_water'")
        .pluck()
        .get(),
    ).toBe(JSON.stringify('2021-07-04T14:15:02Z'));
    expect(
      db.prepare("SELECT value FROM sync_state WHERE key = 'pull.checkpoint'").pluck().get(),
    ).toBeUndefined();
    // Fields may now be unknown (2021-11 has no status); flags follow through triggers.
    db.prepare("INSERT INTO customers (id, doc, synced_at) VALUES (7, '{}', 0)").run();
    expect(db.prepare('SELECT status FROM customer_flags WHERE id = 7').pluck().get()).toBeNull();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM addresses').pluck().get()).toBe(1);
    db.close();

    for (const file of [path, `${path}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(TOKEN), file).toBe(false);
    }
  });
});
