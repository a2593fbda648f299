import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { LIVE_STATES } from '../../src-shared/outbox/edits.ts';

/** Edits still waiting in a profile's cache file that is not open (0 when there is none). */
export function countLiveEdits(dbPath: string, nativeBinding?: string): number {
  if (!existsSync(dbPath)) return 0;
  const db = new Database(dbPath, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'")
      .get();
    if (!table) return 0;
    return db
      .prepare('SELECT count(*) FROM outbox WHERE state IN (SELECT value FROM json_each(?))')
      .pluck()
      .get(JSON.stringify(LIVE_STATES)) as number;
  } finally {
    db.close();
  }
}
