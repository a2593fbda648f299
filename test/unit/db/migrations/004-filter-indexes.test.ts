import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../../src-main/db/migrations/index.ts';
import { tempDirsPerTest } from '../../temp-dirs.ts';
import { insertOldCustomer } from './old-customer-row.ts';

const tempDir = tempDirsPerTest();

describe('migration 4: filter indexes', () => {
  it('answers status and flag filters from indexes, newest change first', () => {
    const dir = tempDir();
    const db = new Database(dir.path('cache.db'));
    migrate(db, MIGRATIONS, 3);
    insertOldCustomer(db, { id: 7, valid: 0, dunning: 1 });

    expect(migrate(db, MIGRATIONS, 4)).toEqual([4]);
    expect(schemaVersion(db)).toBe(4);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('\n');
    expect(
      plan("SELECT id FROM customers WHERE status = 'ACTIVE' ORDER BY updated_at DESC, id DESC"),
    ).toContain('customers_by_status');
    expect(
      plan('SELECT id FROM customers WHERE has_card_error_in_dunning = 1 ORDER BY updated_at DESC'),
    ).toContain('customers_in_dunning');
    expect(
      plan('SELECT id FROM customers WHERE has_valid_payment_method = 0 ORDER BY updated_at DESC'),
    ).toContain('customers_without_valid_method');
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    db.close();
  });
});
