// Small typed key/value state of the pull: high-water marks, the checkpoint of a run in
// progress, run counters. Values are JSON.
import type Database from 'better-sqlite3';

export interface SyncStateRepo {
  get<T>(key: string): T | null;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function createSyncStateRepo(db: Database.Database): SyncStateRepo {
  const get = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const set = db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  const del = db.prepare('DELETE FROM sync_state WHERE key = ?');
  return {
    get<T>(key: string): T | null {
      const text = get.get(key) as string | undefined;
      return text === undefined ? null : (JSON.parse(text) as T);
    },
    set(key, value) {
      set.run(key, JSON.stringify(value));
    },
    delete(key) {
      del.run(key);
    },
  };
}
