import type Database from 'better-sqlite3';
import {
  QUEUED_STATES,
  SHOWN_STATES,
  type AuditEntry,
  type EditState,
  type OutboxCounts,
} from '../../src-shared/outbox/edits.ts';
import {
  auditFromRaw,
  fromRaw,
  jsonOrNull,
  type AuditRaw,
  type EditChange,
  type EditRow,
  type NewEdit,
  type Raw,
} from './edit-rows.ts';

export type { EditChange, EditRow, NewEdit } from './edit-rows.ts';

/** A fixed set of states as SQL text: constants from the shared enum, so the plan stays fixed. */
const sqlStates = (states: readonly EditState[]) => states.map((s) => `'${s}'`).join(', ');

/** Longer than any retry backoff or settle time the pusher sets. */
export const LONGEST_WAIT_MS = 15 * 60_000;

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;

/** The only code that reads or writes the outbox and audit tables. */
export function createOutboxRepo(db: Database.Database, now: () => number) {
  const iso = () => new Date(now()).toISOString();
  const insertEdit = db.prepare(`
    INSERT INTO outbox (customer_id, address_id, kind, state, patch, base, base_updated_at,
                        batch_id, created_at, updated_at)
    VALUES (@customerId, @addressId, @kind, 'pending', @patch, @base, @baseUpdatedAt,
            @batchId, @at, @at)`);
  const insertAudit = db.prepare(`
    INSERT INTO audit_log (edit_id, customer_id, kind, event, state, fields, message, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare('SELECT * FROM outbox WHERE id = ?');
  const update = db.prepare(`
    UPDATE outbox SET state = @state, patch = @patch, base = @base,
      base_updated_at = @baseUpdatedAt, theirs = @theirs, last_error = @lastError,
      address_id = @addressId, ambiguous = @ambiguous, next_attempt_at = @nextAttemptAt,
      attempts = attempts + @attempt, updated_at = @at
    WHERE id = @id`);
  // A due time further away than any backoff can only come from a clock that went back: due now.
  const ready = db.prepare(`
    SELECT * FROM outbox o
    WHERE o.state = 'pending' AND o.id > @after
      AND (o.next_attempt_at <= @now OR o.next_attempt_at > @now + ${LONGEST_WAIT_MS})
      AND NOT EXISTS (
        SELECT 1 FROM outbox p
        WHERE p.customer_id = o.customer_id AND p.id < o.id AND p.state IN (${sqlStates(QUEUED_STATES)}))
    ORDER BY o.id LIMIT @limit`);
  const countsStmt = db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state');
  const oldestStmt = db.prepare(
    `SELECT min(created_at) AS at FROM outbox WHERE state IN (${sqlStates(QUEUED_STATES)})`,
  );
  const nextDue = db.prepare(
    "SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'pending'",
  );

  // Lists of states and customers are bound as one JSON array: the text stays fixed, so each
  // statement is prepared once (one per call held ~19 KB of native memory until collected).
  const inStates = db.prepare(
    'SELECT * FROM outbox WHERE state IN (SELECT value FROM json_each(?)) ORDER BY id',
  );
  const listWhere = 'state IN (SELECT value FROM json_each(@states))';
  const ofCustomer = `${listWhere} AND customer_id = @customerId`;
  const listCount = db.prepare(`SELECT count(*) AS n FROM outbox WHERE ${listWhere}`);
  const listPage = db.prepare(
    `SELECT * FROM outbox WHERE ${listWhere} ORDER BY id LIMIT @limit OFFSET @offset`,
  );
  const customerListCount = db.prepare(`SELECT count(*) AS n FROM outbox WHERE ${ofCustomer}`);
  const customerListPage = db.prepare(
    `SELECT * FROM outbox WHERE ${ofCustomer} ORDER BY id LIMIT @limit OFFSET @offset`,
  );
  const shownOf = db.prepare(
    `SELECT * FROM outbox WHERE customer_id IN (SELECT value FROM json_each(?))
       AND state IN (${sqlStates(SHOWN_STATES)}) ORDER BY id`,
  );
  const syncFull = db.prepare('PRAGMA synchronous = FULL');
  const syncNormal = db.prepare('PRAGMA synchronous = NORMAL');

  const auditColumns = 'id, edit_id, customer_id, kind, event, state, fields, message, at';
  const historyStmt = db.prepare(
    `SELECT ${auditColumns} FROM audit_log WHERE customer_id = ? ORDER BY id DESC LIMIT ?`,
  );
  const auditAll = db.prepare(`SELECT ${auditColumns} FROM audit_log ORDER BY id`);

  const audit = (row: EditRow, event: string, state: EditState, message: string | null) => {
    insertAudit.run(
      row.id,
      row.customerId,
      row.kind,
      event,
      state,
      JSON.stringify(Object.keys(row.patch)),
      message,
      iso(),
    );
  };

  const get = (id: number): EditRow | null => {
    const raw = byId.get(id) as Raw | undefined;
    return raw ? fromRaw(raw) : null;
  };

  // Outbox commits are what "never lose an edit" rests on: fsync them even though the cache
  // itself runs with synchronous=NORMAL.
  const durably = <T>(fn: () => T): T => {
    syncFull.run();
    try {
      return db.transaction(fn).immediate();
    } finally {
      syncNormal.run();
    }
  };

  const changeIf = (
    id: number,
    from: readonly EditState[] | null,
    change: EditChange,
  ): EditRow | null =>
    durably(() => {
      const row = get(id);
      if (!row || (from !== null && !from.includes(row.state))) return null;
      update.run({
        id,
        state: change.state,
        patch: JSON.stringify(change.patch ?? row.patch),
        base: JSON.stringify(change.base ?? row.base),
        baseUpdatedAt:
          change.baseUpdatedAt === undefined ? row.baseUpdatedAt : change.baseUpdatedAt,
        theirs: jsonOrNull(change.theirs === undefined ? row.theirs : change.theirs),
        lastError: jsonOrNull(change.lastError === undefined ? row.lastError : change.lastError),
        addressId: change.addressId === undefined ? row.addressId : change.addressId,
        ambiguous: (change.ambiguous ?? row.ambiguous) ? 1 : 0,
        nextAttemptAt: change.nextAttemptAt ?? row.nextAttemptAt,
        attempt: change.countAttempt ? 1 : 0,
        at: iso(),
      });
      const next = get(id)!;
      audit(next, change.event, change.state, change.message ?? null);
      return next;
    });

  const addOne = (edit: NewEdit): EditRow => {
    const at = iso();
    const info = insertEdit.run({
      ...edit,
      patch: JSON.stringify(edit.patch),
      base: JSON.stringify(edit.base),
      at,
    });
    const row: EditRow = {
      ...edit,
      id: Number(info.lastInsertRowid),
      state: 'pending',
      theirs: null,
      attempts: 0,
      lastError: null,
      ambiguous: false,
      nextAttemptAt: 0,
      createdAt: at,
      updatedAt: at,
    };
    audit(row, 'queued', 'pending', null);
    return row;
  };

  return {
    add: (edit: NewEdit): EditRow => durably(() => addOne(edit)),

    /** Many edits in one transaction: a bulk edit is queued whole or not at all. */
    addMany: (edits: readonly NewEdit[]): number => {
      durably(() => {
        for (const edit of edits) addOne(edit);
      });
      return edits.length;
    },

    get,

    /** Every state change commits with its audit entry. */
    change(id: number, change: EditChange): EditRow {
      const next = changeIf(id, null, change);
      if (!next) throw new Error(`outbox edit ${id} is gone`);
      return next;
    },

    /**
     * A state change only from one of `from` (compare-and-set): null, and nothing written, when
     * the edit has moved on meanwhile (discarded, resolved, taken by another drain).
     */
    changeIf: (id: number, from: readonly EditState[], change: EditChange): EditRow | null =>
      changeIf(id, from, change),

    /**
     * The oldest ready edit of each customer whose earlier edits are settled, in creation order
     * (from after edit `after`, to page past edits the caller cannot send now).
     */
    ready(limit: number, after = 0): EditRow[] {
      return (ready.all({ now: now(), limit, after }) as Raw[]).map(fromRaw);
    },

    inState(states: readonly EditState[]): EditRow[] {
      return (inStates.all(JSON.stringify(states)) as Raw[]).map(fromRaw);
    },

    list(filter: {
      states: readonly EditState[];
      customerId?: number;
      limit: number;
      offset: number;
    }) {
      const [count, page] =
        filter.customerId === undefined
          ? [listCount, listPage]
          : [customerListCount, customerListPage];
      // A statement ignores the values it has no parameter for (customerId, for all customers).
      const args = {
        states: JSON.stringify(filter.states),
        customerId: filter.customerId ?? null,
        limit: filter.limit,
        offset: filter.offset,
      };
      const total = (count.get(args) as { n: number }).n;
      const items = (page.all(args) as Raw[]).map(fromRaw);
      return { items, total };
    },

    /** The edits of these customers whose values reads show (SHOWN_STATES), oldest first. */
    shownFor(customerIds: readonly number[]): EditRow[] {
      if (customerIds.length === 0) return [];
      return (shownOf.all(JSON.stringify(customerIds)) as Raw[]).map(fromRaw);
    },

    counts(): OutboxCounts {
      const counts: OutboxCounts = {
        pending: 0,
        in_flight: 0,
        failed: 0,
        conflict: 0,
        done: 0,
        discarded: 0,
      };
      for (const { state, n } of countsStmt.all() as { state: EditState; n: number }[]) {
        counts[state] = n;
      }
      return counts;
    },

    oldestPendingAt: (): string | null => (oldestStmt.get() as { at: string | null }).at,

    nextDueAt: (): number | null => (nextDue.get() as { at: number | null }).at,

    history(customerId: number, limit = 200): AuditEntry[] {
      return (historyStmt.all(customerId, limit) as AuditRaw[]).map(auditFromRaw);
    },

    *auditRows(): Generator<AuditEntry> {
      for (const raw of auditAll.iterate() as Iterable<AuditRaw>) yield auditFromRaw(raw);
    },
  };
}
