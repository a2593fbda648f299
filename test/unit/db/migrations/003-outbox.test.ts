import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaVersion } from '../../../../src-main/db/migrations/index.ts';
import { insertOldCustomer } from './old-customer-row.ts';

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
    insertOldCustomer(db, { id: 7, valid: 1, dunning: 0 });

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
