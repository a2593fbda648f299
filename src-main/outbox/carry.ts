import type Database from 'better-sqlite3';
import { isLive } from '../../src-shared/outbox/edits.ts';

/**
 * Copies the outbox and audit log from a cache file that was moved aside into the fresh cache,
 * so rebuilding a damaged cache never drops an edit. Edits come over one by one (a damaged row
 * costs only itself), live ones first; the audit log is copied best effort. Returns how many
 * live edits came over, or null when the old file cannot be read at all (it stays aside,
 * untouched, for a person to recover).
 */
export function carryOutboxOver(db: Database.Database, oldPath: string): number | null {
  try {
    db.prepare('ATTACH DATABASE ? AS old').run(oldPath);
  } catch {
    return null;
  }
  try {
    let ids: { id: number; state: string }[];
    try {
      const hasOutbox = db
        .prepare("SELECT 1 FROM old.sqlite_master WHERE type = 'table' AND name = 'outbox'")
        .get();
      if (!hasOutbox) return 0;
      ids = db.prepare('SELECT id, state FROM old.outbox ORDER BY id').all() as typeof ids;
    } catch {
      return null;
    }
    const copyEdit = db.prepare(
      'INSERT OR IGNORE INTO main.outbox SELECT * FROM old.outbox WHERE id = ?',
    );
    const unsentFirst = [
      ...ids.filter((row) => isLive(row.state)),
      ...ids.filter((row) => !isLive(row.state)),
    ];
    let kept = 0;
    for (const row of unsentFirst) {
      try {
        if (copyEdit.run(row.id).changes > 0 && isLive(row.state)) kept += 1;
      } catch {
        // A damaged row: the others still come over; the old file keeps it for recovery.
      }
    }
    try {
      db.exec('INSERT OR IGNORE INTO main.audit_log SELECT * FROM old.audit_log');
    } catch {
      // History is worth less than the edits it describes.
    }
    return kept;
  } finally {
    db.exec('DETACH DATABASE old');
  }
}
