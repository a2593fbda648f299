// "No edit lost…", item 10: rebuilding a cache keeps every unsent edit it can read, one by one;
// an unreadable audit page (or a done edit that will not copy) costs nothing else.
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open.ts';
import { carryOutboxOver } from '../../../src-main/outbox/carry.ts';
import { createOutboxRepo } from '../../../src-main/outbox/outbox-repo.ts';
import { billingEdit } from '../../helpers/outbox-edits.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});

describe('carrying the outbox into a rebuilt cache', () => {
  it('keeps unsent edits even when the audit log cannot be copied, and counts only those', () => {
    const dir = tempDir();
    dirs.push(dir);
    const oldPath = dir.path('old.db');
    const old = openDatabase({ path: oldPath });
    const repo = createOutboxRepo(old, Date.now);
    const pending = repo.add(billingEdit(1));
    const conflict = repo.add(billingEdit(2));
    repo.change(conflict.id, { state: 'conflict', theirs: { billing_city: 'X' }, event: 't' });
    const done = repo.add(billingEdit(3));
    repo.change(done.id, { state: 'done', event: 't' });
    // The audit log is damaged: every read of it fails.
    old.exec(`DROP TABLE audit_log; CREATE VIEW audit_log AS SELECT * FROM nothing_here;`);
    old.close();

    const fresh = openDatabase({ path: dir.path('new.db') });
    const kept = carryOutboxOver(fresh, oldPath);
    expect(kept).toBe(2);
    const states = fresh.prepare('SELECT id, state FROM outbox ORDER BY id').all();
    expect(states).toEqual([
      { id: pending.id, state: 'pending' },
      { id: conflict.id, state: 'conflict' },
      { id: done.id, state: 'done' },
    ]);
    fresh.close();
  });

  it('says null (nothing read) only when the old file cannot be opened at all', () => {
    const dir = tempDir();
    dirs.push(dir);
    const fresh = openDatabase({ path: dir.path('new.db') });
    const garbage = dir.path('garbage.db');
    new Database(garbage).close();
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    expect(carryOutboxOver(fresh, garbage)).toBeNull();
    fresh.close();
  });
});
