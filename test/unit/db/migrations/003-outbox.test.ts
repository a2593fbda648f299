import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../../src-main/db/migrations/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migration 3: outbox and audit log', () => {
  it('adds the outbox to a cache at version 2 and keeps its customers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcd-mig3-'));
    dirs.push(dir);
    const db = new Database(join(dir, 'cache.sqlite'));
    migrate(db, MIGRATIONS, 2);
    expect(schemaVersion(db)).toBe(2);
    db.prepare(
      `INSERT INTO customers (id, hash, email, first_name, last_name, status,
         has_valid_payment_method, has_card_error_in_dunning, created_at, updated_at, raw, synced_at)
       VALUES (7, 'h', 'a@b.c', 'A', 'B', 'ACTIVE', 1, 0, '2021-01-01T00:00:00',
         '2021-01-01T00:00:00', '{}', 0)`,
    ).run();

    expect(migrate(db, MIGRATIONS, 3)).toEqual([3]);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    const columns = db
      .prepare("SELECT name FROM pragma_table_info('outbox')")
      .pluck()
      .all() as string[];
    expect(columns).toEqual(
      expect.arrayContaining(['customer_id', 'kind', 'state', 'patch', 'base', 'ambiguous']),
    );
    expect(() =>
      db
        .prepare(
          `INSERT INTO outbox (customer_id, kind, state, patch, base, created_at, updated_at)
           VALUES (7, 'billing', 'lost', '{}', '{}', 'x', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    // No foreign key: deleting the customer keeps its edits.
    db.prepare(
      `INSERT INTO outbox (customer_id, kind, state, patch, base, created_at, updated_at)
       VALUES (7, 'billing', 'pending', '{}', '{}', 'x', 'x')`,
    ).run();
    db.prepare('DELETE FROM customers WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    db.close();
  });
});
