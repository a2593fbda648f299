import type Database from 'better-sqlite3';

export interface OldCustomerRow {
  id: number;
  email?: string;
  status?: 'ACTIVE' | 'INACTIVE';
  valid: 0 | 1;
  dunning: 0 | 1;
}

/** Inserts a customer as schema versions 1 to 5 held it (the wire JSON in `raw`). */
export function insertOldCustomer(db: Database.Database, row: OldCustomerRow): void {
  db.prepare(
    `INSERT INTO customers (id, hash, email, first_name, last_name, status,
       has_valid_payment_method, has_card_error_in_dunning, created_at, updated_at, raw, synced_at)
     VALUES (@id, 'h', @email, 'A', 'B', @status, @valid, @dunning, '2021-01-01T00:00:00',
       '2021-01-01T00:00:00', '{}', 0)`,
  ).run({ email: 'a@b.c', status: 'ACTIVE', ...row });
}
