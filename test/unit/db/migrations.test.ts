import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCacheStore, rebuildCacheStore } from '../../../src-main/db/cache-store.ts';
import {
  LATEST_VERSION,
  migrate,
  MIGRATIONS,
  schemaVersion,
} from '../../../src-main/db/migrations/index.ts';
import { openDatabase } from '../../../src-main/db/open.ts';
import { appErrorOfSync } from '../../helpers/app-error.ts';
import { tempDirsPerTest } from '../temp-dirs.ts';
import { insertOldCustomer } from './migrations/old-customer-row.ts';

const fresh = tempDirsPerTest();

/** A cache file migrated only as far as `version`, as an older app left it. */
function oldCache(version: number) {
  const path = fresh().path('cache.db');
  const old = new Database(path);
  migrate(old, MIGRATIONS, version);
  expect(schemaVersion(old)).toBe(version);
  return { path, old };
}

describe('cache migrations', () => {
  it('gives a fresh database the latest schema with WAL, foreign keys and STRICT tables', () => {
    const path = fresh().path('cache.db');
    const db = openDatabase({ path });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'",
      )
      .all() as { name: string; strict: number }[];
    for (const name of ['customers', 'addresses', 'sync_state']) {
      expect(tables.find((t) => t.name === name)?.strict).toBe(1);
    }
    db.close();
  });

  it('migrates a version 1 database with data to version 2 and indexes what it holds', () => {
    const { path, old } = oldCache(1);
    old
      .prepare(
        `INSERT INTO customers (id, hash, email, first_name, last_name, phone, status,
          has_valid_payment_method, has_card_error_in_dunning, billing_city, created_at, updated_at,
          raw, synced_at)
         VALUES (7, 'h7', 'Zed@Example.com', 'Zed', 'Quark', '(310) 555-0199', 'ACTIVE', 1, 0,
          'Boise', '2021-01-01T00:00:00', '2021-01-01T00:00:00', '{}', 0)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO addresses (id, customer_id, city, zip, created_at, updated_at, raw, synced_at)
         VALUES (70, 7, 'Tulsa', '74103', '2021-01-01T00:00:00', '2021-01-01T00:00:00', '{}', 0)`,
      )
      .run();
    old.close();

    const db = openDatabase({ path });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT name_key, email_key FROM customers WHERE id = 7').get()).toEqual({
      name_key: 'quark zed',
      email_key: 'zed@example.com',
    });
    const hits = (match: string) =>
      db.prepare('SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?').pluck().all(match);
    expect(hits('"5550199"')).toEqual([7]);
    expect(hits('"tulsa"')).toEqual([7]);
    db.close();
  });

  it('migrates a version 4 database to 5: flags kept in step by triggers, sweep by index', () => {
    const { old } = oldCache(4);
    const insert = old.prepare(
      `INSERT INTO customers (id, hash, email, first_name, last_name, status,
        has_valid_payment_method, has_card_error_in_dunning, created_at, updated_at, raw,
        synced_at, seen_pass)
       VALUES (?, 'h', 'a@b.c', 'A', 'B', ?, ?, ?, '2021-01-01T00:00:00', '2021-01-01T00:00:00',
        '{}', 0, 1)`,
    );
    insert.run(7, 'ACTIVE', 1, 0);
    insert.run(8, 'INACTIVE', 0, 1);
    migrate(old, MIGRATIONS, 5);
    const db = old;
    expect(schemaVersion(db)).toBe(5);
    const flags = () => db.prepare('SELECT * FROM customer_flags ORDER BY id').all();
    expect(flags()).toEqual([
      { id: 7, status: 'ACTIVE', has_valid_payment_method: 1, has_card_error_in_dunning: 0 },
      { id: 8, status: 'INACTIVE', has_valid_payment_method: 0, has_card_error_in_dunning: 1 },
    ]);
    db.prepare(
      "UPDATE customers SET status = 'INACTIVE', has_valid_payment_method = 0 WHERE id = 7",
    ).run();
    db.prepare('DELETE FROM customers WHERE id = 8').run();
    insertOldCustomer(db, { id: 9, email: 'c@d.e', valid: 1, dunning: 1 });
    expect(flags()).toEqual([
      { id: 7, status: 'INACTIVE', has_valid_payment_method: 0, has_card_error_in_dunning: 0 },
      { id: 9, status: 'ACTIVE', has_valid_payment_method: 1, has_card_error_in_dunning: 1 },
    ]);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM customers
         WHERE seen_pass IS NULL OR seen_pass < 2 OR seen_pass > 2 LIMIT 10`,
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toContain('customers_by_seen_pass');
    db.close();
  });

  it('applies each migration in its own transaction: a failing one leaves the version as it was', () => {
    const path = fresh().path('cache.db');
    const db = new Database(path);
    const broken = [
      MIGRATIONS[0]!,
      {
        version: 2,
        name: 'fails halfway',
        up(d: Database.Database) {
          d.exec('CREATE TABLE half (x INTEGER) STRICT');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(
      0,
    );
    db.close();
  });

  it('refuses a database written by a newer app, with a clear message', () => {
    const path = fresh().path('cache.db');
    const future = new Database(path);
    future.pragma(`user_version = ${LATEST_VERSION + 3}`);
    future.close();
    const error = appErrorOfSync(() => openDatabase({ path }));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('newer version of ReCharge Desk');
    expect(error.message).toContain(`schema ${LATEST_VERSION + 3}`);
  });

  it('reports a garbage file clearly and rebuilds while keeping the bad file aside', () => {
    const dir = fresh();
    const path = dir.path('cache.db');
    const garbage = 'this is not a database, just some bytes '.repeat(200);
    writeFileSync(path, garbage);
    const error = appErrorOfSync(() => openCacheStore({ path }));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/damaged or is not a ReCharge Desk database/);

    const { store, movedTo } = rebuildCacheStore({ path }, () => Date.UTC(2026, 0, 2));
    expect(movedTo).not.toBeNull();
    expect(readFileSync(movedTo!, 'utf8')).toBe(garbage);
    expect(store.customers.count()).toBe(0);
    expect(schemaVersion(store.db)).toBe(LATEST_VERSION);
    store.close();
    expect(readdirSync(dir.dir).filter((name) => name.includes('.broken-'))).toHaveLength(1);
  });
});
