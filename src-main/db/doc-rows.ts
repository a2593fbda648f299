// What the document tables (customers, addresses, payment methods) do alike on a write: each row
// holds the domain document, a few of its fields as columns, and when it was synced and seen.
import type Database from 'better-sqlite3';
import { formatUtc, inRepeatedHour, instantSeconds } from '../../src-shared/time/eastern.ts';

export type DocTable = 'customers' | 'addresses' | 'payment_methods';

export interface UpsertOptions {
  syncedAt: number;
  /** Marks rows as seen by a full pass, for the deletion sweep at its end. */
  seenPass?: number | null;
  /**
   * What the store just answered (a write's response, a re-read): the truth now, stored even if
   * its updated_at reads older (the autumn clock change repeats an hour of naive timestamps).
   */
  fresh?: boolean;
}

export interface UpsertReport {
  written: number;
  /** Older than what the cache holds (a page that raced a newer write): left as is. */
  stale: number;
}

/** The columns after a document's own: the document itself, when synced, which pass saw it. */
export const ROW_MARKS = ['doc', 'synced_at', 'seen_pass'] as const;

/** A row's values: the document's fields named in `columns`, then the document and its marks. */
export function docRow<T extends object, const K extends keyof T>(
  doc: T,
  columns: readonly K[],
  syncedAt: number,
  seenPass: number | null,
) {
  // A plain loop: this runs for every row of a million-row ingest.
  const row: Record<string, unknown> = {};
  for (const column of columns) row[column as string] = doc[column];
  row['doc'] = JSON.stringify(doc);
  row['synced_at'] = syncedAt;
  row['seen_pass'] = seenPass;
  return row as Pick<T, K> & { doc: string; synced_at: number; seen_pass: number | null };
}

/**
 * The deletion sweep of a table: removes the rows full pass `pass` did not see, at most `limit`
 * (-1: all of them, found through the `seen_pass` index), and names them.
 */
export function unseenSweep(db: Database.Database, table: DocTable) {
  const unseen = db
    .prepare(
      `SELECT id FROM ${table} WHERE seen_pass IS NULL OR seen_pass < @pass OR seen_pass > @pass
       LIMIT @limit`,
    )
    .pluck();
  return (pass: number, limit: number, remove: (ids: readonly number[]) => unknown): number[] => {
    const ids = unseen.all({ pass, limit }) as number[];
    remove(ids);
    return ids;
  };
}

/**
 * True when `facts` is surely older than what is stored (same-second updates are not older). A
 * time in the autumn's repeated hour may have been read an hour early from a naive timestamp
 * (01:20 EST reads as 01:20 EDT): it is older only if it is older even an hour later.
 */
export function isOlder(facts: string | null | undefined, stored: string | null): boolean {
  if (facts === undefined || facts === null || stored === null || facts >= stored) return false;
  const at = instantSeconds(facts);
  return at === null || !inRepeatedHour(at) || formatUtc(at + 3600) < stored;
}

/**
 * Whether a record must be left out as older than the stored row (never when `fresh`). A full
 * pass still saw it, so the row keeps its place through the sweep.
 */
export function staleCheck(db: Database.Database, table: DocTable) {
  const markSeen = db.prepare(`UPDATE ${table} SET seen_pass = ? WHERE id = ?`);
  return (
    id: number,
    updatedAt: string | null | undefined,
    stored: { updated_at: string | null } | null | undefined,
    options: UpsertOptions,
  ): boolean => {
    if (!stored || options.fresh || !isOlder(updatedAt, stored.updated_at)) return false;
    if (options.seenPass != null) markSeen.run(options.seenPass, id);
    return true;
  };
}

/** Keeps the records whose customer is cached; the others go to `orphans`, not written. */
export function ownerCheck(db: Database.Database) {
  const customerExists = db.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  return <T extends { customer_id: number }>(items: readonly T[], orphans: T[]): T[] =>
    items.filter((item) => {
      if (customerExists.get(item.customer_id) !== undefined) return true;
      orphans.push(item);
      return false;
    });
}

/** A row's stored document and the pass that last saw it (null: no such row). */
export function docReader<T>(db: Database.Database, table: DocTable) {
  const getDoc = db.prepare(`SELECT doc, seen_pass FROM ${table} WHERE id = ?`);
  return (id: number) => {
    const row = getDoc.get(id) as { doc: string; seen_pass: number | null } | undefined;
    return row ? { doc: JSON.parse(row.doc) as T, seenPass: row.seen_pass } : null;
  };
}

/**
 * The write loop of a table of merged documents: each record is merged into its stored document
 * and written, unless it is older than that; `wrote` hears of each document and the one it
 * replaced. A write outside a full pass keeps the pass mark: the sweep must not take it for unseen.
 */
export function docUpserter<
  T extends { updated_at: string | null },
  F extends { id: number; updated_at?: string | null },
>(
  db: Database.Database,
  table: 'customers' | 'addresses',
  merge: (previous: T | null, facts: F) => T,
  write: (doc: T, syncedAt: number, seenPass: number | null) => void,
) {
  const stored = docReader<T>(db, table);
  const isStale = staleCheck(db, table);
  return (
    items: readonly F[],
    options: UpsertOptions,
    wrote: (doc: T, previous: T | null) => void,
  ): UpsertReport => {
    const report: UpsertReport = { written: 0, stale: 0 };
    for (const facts of items) {
      const previous = stored(facts.id);
      if (isStale(facts.id, facts.updated_at, previous?.doc, options)) {
        report.stale += 1;
        continue;
      }
      const doc = merge(previous?.doc ?? null, facts);
      write(doc, options.syncedAt, options.seenPass ?? previous?.seenPass ?? null);
      report.written += 1;
      wrote(doc, previous?.doc ?? null);
    }
    return report;
  };
}
