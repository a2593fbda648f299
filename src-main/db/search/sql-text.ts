// Fragments of SQL the search builders share. Nothing here holds a value from a query: values are
// bound as parameters, so a statement's text depends only on the query's shape.
import type { CustomerRow, SearchQuery } from '../../../src-shared/customers/views.ts';
import { DIGITS_SQL_FUNCTION } from '../phone-digits.ts';

export const ROW_COLUMNS = `c.id, c.hash, c.email, c.first_name, c.last_name, c.phone, c.external_customer_id,
  c.status, c.has_valid_payment_method, c.in_dunning, c.processor_type,
  c.billing_company, c.billing_city, c.billing_province, c.billing_zip, c.billing_country,
  c.updated_at`;

/** A result row as SQLite returns it (flags as 0/1). */
export interface RowRecord extends Omit<
  CustomerRow,
  'has_valid_payment_method' | 'in_dunning' | 'pending_fields' | 'matched'
> {
  has_valid_payment_method: number | null;
  in_dunning: number | null;
}

export type SortKey = Exclude<SearchQuery['sort']['key'], 'relevance'>;

export const SORT_COLUMNS: Record<SortKey, string> = {
  name: 'name_key',
  email: 'email_key',
  id: 'id',
  updated_at: 'updated_at',
  city: 'city_key',
};

export const dirOf = (query: Pick<SearchQuery, 'sort'>): 'ASC' | 'DESC' =>
  query.sort.dir === 'asc' ? 'ASC' : 'DESC';

// Every prefix lookup stays on one of these indexes.
export const PREFIX_KEYS = ['first_key', 'name_key', 'email_key', 'city_key'] as const;
/** The highest code point: `key < prefix || TOP` bounds a prefix range on an index. */
export const TOP = '\u{10FFFF}';

// Short terms beside long ones are checked against these, on the rows the index found.
export const RESIDUAL_TEXT = `c.name_key || ' ' || c.email_key || ' ' || c.city_key || ' ' ||
  lower(coalesce(c.billing_zip, '') || ' ' || coalesce(c.billing_company, ''))`;
export const RESIDUAL_ADDRESS_TEXT = `lower(coalesce(a.first_name, '') || ' ' || coalesce(a.last_name, '') || ' ' ||
  coalesce(a.city, '') || ' ' || coalesce(a.zip, '') || ' ' || coalesce(a.company, ''))`;
/** A phone column as the index holds it: digits only (`digits()` is registered by db/open.ts). */
export const digitsSql = (column: string) => `${DIGITS_SQL_FUNCTION}(${column})`;
// What the index would hold, as text, for rows it has not reached yet (a first load in progress).
export const SCAN_TEXT = `${RESIDUAL_TEXT} || ' ' || lower(coalesce(c.billing_province, '') || ' ' ||
  coalesce(c.external_customer_id, '') || ' ' || coalesce(c.hash, '')) || ' ' || c.id || ' ' ||
  ${digitsSql('c.phone')} || ' ' || ${digitsSql('c.billing_phone')}`;
export const SCAN_ADDRESS_TEXT = `${RESIDUAL_ADDRESS_TEXT} || ' ' || ${digitsSql('a.phone')}`;

export const PREFIX_UNION = PREFIX_KEYS.map(
  (key) => `SELECT id FROM customers WHERE ${key} >= @lo AND ${key} < @hi`,
).join(' UNION ');
export const FTS_HITS = 'SELECT rowid FROM customers_fts WHERE customers_fts MATCH @match';

export const BY_STATUS = 'c.status = @status';

/** At most this many hits, and the whole text may be a shopify id or hash worth ranking first. */
export const EXACT_SCAN_MAX = 200;

/**
 * A bound LIMIT or OFFSET. The `+` keeps SQLite's planner from reading the value: a statement
 * whose plan used a bound value is prepared again each time a value is bound (every run).
 */
export const rowCount = (param: string): string => `+@${param}`;

export const whereOf = (conditions: readonly (string | null)[]): string => {
  const list = conditions.filter((c): c is string => c !== null);
  return list.length > 0 ? `WHERE ${list.join(' AND ')}` : '';
};
