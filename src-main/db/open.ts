// Opening the cache file: pragmas, migrations, and a clear error (plus a way out) when the file
// is damaged or not a database at all.
import { existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../src-shared/errors.ts';
import type { WorkerFailure } from '../lib/worker-calls.ts';
import { LATEST_VERSION, migrate, type Migration, MIGRATIONS } from './migrations/index.ts';
import { registerPhoneDigits } from './phone-digits.ts';

export interface OpenOptions {
  path: string;
  /** better-sqlite3's `nativeBinding` (the Electron-ABI build, when one exists). */
  nativeBinding?: string | undefined;
  migrations?: readonly Migration[];
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB']);

export const CORRUPT_MESSAGE =
  'The local cache file is damaged or is not a ReCharge Desk database. Rebuild the cache: the ' +
  'damaged file is kept aside and customers are downloaded again.';

export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

/**
 * The error a caller gets for a failure a cache worker thread sent back: its kind kept, a damaged
 * file named as such (with the rebuild it offers), anything else as a plain error with its code.
 */
export function cacheFailureError(failure: WorkerFailure): Error {
  if (failure.kind) return new AppError(failure.kind, failure.message);
  if (isCorruptionError(failure)) return new AppError('unavailable', CORRUPT_MESSAGE);
  return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
}

/** Opens (creating if needed) and migrates the cache. Throws AppError, never a raw SQLite error. */
export function openDatabase(options: OpenOptions): Database.Database {
  let db: Database.Database | null = null;
  try {
    db = new Database(
      options.path,
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across app crashes in WAL mode; the outbox asks for FULL on its own writes.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    registerPhoneDigits(db);
    // Up to 64 MiB of pages (the default is 2 MiB): a search over 100k customers reads a few MB
    // of trigram doclists, and ingest updates indexes at random places.
    db.pragma('cache_size = -65536');
    // Deleted and replaced rows are zeroed where that costs no extra I/O; a migration that drops
    // content (version 6 drops stored processor tokens) zeroes freed pages as well.
    db.pragma('secure_delete = ON');
    const applied = migrate(db, options.migrations ?? MIGRATIONS);
    // Nothing of the old pages stays in the write-ahead log either.
    if (applied.length > 0) db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('secure_delete = FAST');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof AppError) throw error;
    if (isCorruptionError(error))
      throw new AppError('unavailable', CORRUPT_MESSAGE, { cause: error });
    throw new AppError(
      'unavailable',
      `The local cache could not be opened: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

export interface RebuildResult {
  db: Database.Database;
  /** Where the previous file went (null when there was none). Never deleted: it may hold edits. */
  movedTo: string | null;
}

/** Moves the cache file (and its WAL/SHM) aside and opens a fresh, empty cache in its place. */
export function rebuildCache(options: OpenOptions, now: () => number = Date.now): RebuildResult {
  let movedTo: string | null = null;
  if (existsSync(options.path)) {
    const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
    movedTo = `${options.path}.broken-${stamp}`;
    renameSync(options.path, movedTo);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(options.path + suffix)) renameSync(options.path + suffix, movedTo + suffix);
    }
  }
  return { db: openDatabase(options), movedTo };
}

export { LATEST_VERSION };
