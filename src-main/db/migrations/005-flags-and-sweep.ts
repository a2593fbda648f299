// Version 5: the narrow filter table kept in step by triggers, and the deletion sweep's index.
import type { Migration } from './migration.ts';

// An upsert, not INSERT OR REPLACE: inside a trigger the outer statement's conflict handling
// (the customers upsert's) would override the OR clause.
const KEEP_FLAGS = `INSERT INTO customer_flags
  VALUES (new.id, new.status, new.has_valid_payment_method, new.has_card_error_in_dunning)
  ON CONFLICT(id) DO UPDATE SET status = excluded.status,
    has_valid_payment_method = excluded.has_valid_payment_method,
    has_card_error_in_dunning = excluded.has_card_error_in_dunning;`;

export const migration005: Migration = {
  version: 5,
  name: 'narrow filter table and the deletion sweep',
  up(db) {
    // Filters on the hits of a text are checked by id. In `customers` each check reads a wide row
    // (~1 KB of payload each), and an index led by id would sway the planner's choices for sorted
    // pages; a narrow table kept in step by triggers answers the counts instead. The sweep after a
    // full pass finds the rows it did not see through `seen_pass`, a slice at a time.
    db.exec(`
      CREATE TABLE customer_flags (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        has_valid_payment_method INTEGER NOT NULL,
        has_card_error_in_dunning INTEGER NOT NULL
      ) STRICT;
      INSERT INTO customer_flags
        SELECT id, status, has_valid_payment_method, has_card_error_in_dunning FROM customers;
      CREATE TRIGGER customer_flags_insert AFTER INSERT ON customers BEGIN
        ${KEEP_FLAGS}
      END;
      CREATE TRIGGER customer_flags_update
        AFTER UPDATE OF status, has_valid_payment_method, has_card_error_in_dunning ON customers
      BEGIN
        ${KEEP_FLAGS}
      END;
      CREATE TRIGGER customer_flags_delete AFTER DELETE ON customers BEGIN
        DELETE FROM customer_flags WHERE id = old.id;
      END;
      CREATE INDEX customers_by_seen_pass ON customers(seen_pass);
      CREATE INDEX addresses_by_seen_pass ON addresses(seen_pass);
    `);
  },
};
