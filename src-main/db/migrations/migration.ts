import type Database from 'better-sqlite3';

/**
 * One numbered step of the cache's schema. Frozen once released: a migration never imports code
 * that may change later (it carries its own copy of what it needs).
 */
export interface Migration {
  version: number;
  name: string;
  /**
   * Rebuilds tables others refer to: foreign keys are off around its transaction (SQLite cannot
   * switch them inside one) and checked before it commits.
   */
  foreignKeysOff?: boolean;
  up(db: Database.Database): void;
}
