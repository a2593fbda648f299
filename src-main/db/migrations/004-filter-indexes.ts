// Version 4: indexes that answer (and count) filters in the default order.
import type { Migration } from './migration.ts';

export const migration004: Migration = {
  version: 4,
  name: 'search: filter indexes',
  up(db) {
    // Filters are answered (and counted) from an index in the default order, newest change first;
    // the flags that pick out few customers get partial indexes.
    db.exec(`
      CREATE INDEX customers_by_status ON customers(status, updated_at, id);
      CREATE INDEX customers_in_dunning ON customers(updated_at, id)
        WHERE has_card_error_in_dunning = 1;
      CREATE INDEX customers_without_valid_method ON customers(updated_at, id)
        WHERE has_valid_payment_method = 0;
    `);
  },
};
