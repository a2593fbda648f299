import type { Migration } from './migration.ts';

/**
 * Version 3: the outbox and its audit log, in the cache's database so an edit and the cache
 * state it was based on commit together. No foreign key to customers: a customer deleted on the
 * server (or a rebuilt cache) must never take a pending edit with it.
 */
export const migration003: Migration = {
  version: 3,
  name: 'outbox and audit log',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL,
        address_id INTEGER,
        kind TEXT NOT NULL
          CHECK (kind IN ('billing', 'payment_token', 'address_create', 'address_update')),
        state TEXT NOT NULL
          CHECK (state IN ('pending', 'in_flight', 'done', 'failed', 'conflict', 'discarded')),
        patch TEXT NOT NULL,
        base TEXT NOT NULL,
        base_updated_at TEXT,
        theirs TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        batch_id TEXT,
        -- set when a create may have reached the server: check before sending it again
        ambiguous INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_by_state ON outbox(state, customer_id, id);
      CREATE INDEX outbox_by_customer ON outbox(customer_id, id);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        edit_id INTEGER NOT NULL,
        customer_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        event TEXT NOT NULL,
        state TEXT NOT NULL,
        fields TEXT NOT NULL,
        message TEXT,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_customer ON audit_log(customer_id, id);
    `);
  },
};
