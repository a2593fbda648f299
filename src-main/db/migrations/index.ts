// Forward-only schema migrations, one file each, applied in order inside one transaction each
// together with the new `PRAGMA user_version`. A database newer than the app is refused rather
// than guessed at.
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors.ts';
import { migration001 } from './001-customers-addresses.ts';
import { migration002 } from './002-search-index.ts';
import { migration003 } from './003-outbox.ts';
import { migration004 } from './004-filter-indexes.ts';
import { migration005 } from './005-flags-and-sweep.ts';
import { migration006 } from './006-domain-model.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
];
export const LATEST_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function tooNewMessage(found: number, known: number): string {
  return (
    `This cache was written by a newer version of ReCharge Desk (schema ${found}; this app ` +
    `knows up to ${known}). Update the app, or rebuild the cache to start it afresh.`
  );
}

/** Brings the database up to `target`; returns the versions applied. */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  target = migrations.length,
): number[] {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new AppError('unavailable', tooNewMessage(current, migrations.length));
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    const keysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new AppError('unavailable', `Migration ${migration.version} broke references.`);
        }
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (migration.foreignKeysOff && keysWereOn) db.pragma('foreign_keys = ON');
    }
    applied.push(migration.version);
  }
  return applied;
}
