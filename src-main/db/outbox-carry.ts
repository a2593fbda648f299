import type Database from 'better-sqlite3';

/**
 * Copies the outbox and audit log from a cache file that was moved aside into the fresh cache,
 * so rebuilding a damaged cache never drops an edit. Returns how many edits came over, or null
 * when the old file cannot be read (it stays aside, untouched, for a person to recover).
 */
export function carryOutboxOver(db: Database.Database, oldPath: string): number | null {
  try {
    db.prepare('ATTACH DATABASE ? AS old').run(oldPath);
  } catch {
    return null;
  }
  try {
    const hasOutbox = db
      .prepare("SELECT 1 FROM old.sqlite_master WHERE type = 'table' AND name = 'outbox'")
      .get();
    if (!hasOutbox) return 0;
    return db.transaction(() => {
      db.exec('INSERT INTO main.outbox SELECT * FROM old.outbox');
      db.exec('INSERT INTO main.audit_log SELECT * FROM old.audit_log');
      return db.prepare('SELECT count(*) FROM main.outbox').pluck().get() as number;
    })();
  } catch {
    return null;
  } finally {
    db.exec('DETACH DATABASE old');
  }
}
