// Phone numbers are searched by their digits alone. One function says what that means, for the
// index (search-document.ts), for typed text (search-query.ts) and, registered on every
// connection as `digits(text)`, for SQL that reads rows the index has not reached yet.
import type Database from 'better-sqlite3';

export const digitsOf = (text: string | null | undefined): string =>
  text ? text.replace(/\D+/g, '') : '';

export const DIGITS_SQL_FUNCTION = 'digits';

export function registerPhoneDigits(db: Database.Database): void {
  db.function(DIGITS_SQL_FUNCTION, { deterministic: true }, (value: unknown) =>
    digitsOf(typeof value === 'string' ? value : value == null ? null : String(value)),
  );
}
