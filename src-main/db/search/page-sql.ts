// SQL for pages of customers. Pure: the planner says which kind of page; every value, the
// window's limit and offset included, is a parameter.
//
// Relevance: exact matches of the whole text first, then the newest customers (highest id). The
// trigram index hands hits back in rowid order, so a page stops after its rows instead of
// ranking every hit (bm25 over tens of thousands of "gmail" hits cost 25 ms per page).
import type { SearchCursor, SearchQuery } from '../../../src-shared/customers/views.ts';
import type { ExactProbe } from '../search-query.ts';
import type { Bound, Param } from './executor.ts';
import { sortedAfter } from './keyset-sql.ts';
import { onlyFilters, type PageKind, type Planned } from './planner.ts';
import {
  BY_STATUS,
  digitsSql,
  dirOf,
  EXACT_SCAN_MAX,
  ROW_COLUMNS,
  rowCount,
  SORT_COLUMNS,
  whereOf,
} from './sql-text.ts';

/**
 * Which rows of the ordered hits a page holds. Every page's ORDER BY ends in the id, so a keyset
 * cursor (the last row's sort key and id) can stand in for `offset` as one more condition.
 */
export interface PageWindow {
  limit: number;
  offset: number;
}

export interface PageOptions {
  /** Exact matches already taken out of the page (a JSON array of ids). */
  exactIds: string;
  /** Every hit, when `head` found them all (a JSON array of ids); null otherwise. */
  hitIds: string | null;
  /** A listing with filters alone walks its sort key's index (see `walksFilters`). */
  walkFilters: boolean;
  /** The page starts after this row instead of at `offset` (see `keyset-sql.ts`). */
  after: SearchCursor | null;
}

const NOT_EXACT = 'c.id NOT IN (SELECT value FROM json_each(@exactIds))';
// The hits found by `head` (with filters and short terms applied), when they were all found.
const LISTED = 'c.id IN (SELECT value FROM json_each(@hitIds))';
const TAIL = `LIMIT ${rowCount('limit')} OFFSET ${rowCount('offset')}`;

/** The first hits, one more than `EXACT_SCAN_MAX` at most (see `listsHead`). */
export function headSql(planned: Planned): Bound {
  const { others, params } = planned.conds;
  const source = others.length === 0 ? '' : onlyFilters(planned) ? 'customer_flags' : 'customers';
  return {
    name: 'head',
    sql: `SELECT f.rowid FROM customers_fts f ${source ? `JOIN ${source} c ON c.id = f.rowid` : ''}
      ${whereOf(['customers_fts MATCH @match', ...others])} LIMIT ${rowCount('headLimit')}`,
    params: { ...params, headLimit: EXACT_SCAN_MAX + 1 },
  };
}

// A ZIP equals the text, or is the text with a ZIP+4 suffix ("19193-4410" for "19193").
const zipIs = (column: string) =>
  `(lower(${column}) = @exactLower OR substr(lower(${column}), 1, length(@exactLower) + 1) = @exactLower || '-')`;
const digitsAre = (column: string) =>
  `${digitsSql(column)} IN (SELECT value FROM json_each(@exactDigits))`;
// What a text can be decides what is checked on each hit: a ZIP is short, has a digit and only
// letters, digits, spaces and dashes; a phone number has seven digits or more; ids and hashes
// have no space. "maria gar" is none of them and checks nothing.
const ZIP_LIKE = /^(?=.*\d)[\p{L}\d][\p{L}\d -]{1,9}$/u;
const PHONE_DIGITS_MIN = 7;

/** A hit whose shopify id, hash, ZIP (billing or delivery) or phone number is the whole text. */
function exactFields(probe: ExactProbe): string | null {
  const own: string[] = [];
  const delivery: string[] = [];
  if (!probe.text.includes(' '))
    own.push('c.external_customer_id = @exactText', 'c.hash = @exactText');
  if (ZIP_LIKE.test(probe.text)) {
    own.push(zipIs('c.billing_zip'));
    delivery.push(zipIs('a.zip'));
  }
  if (probe.digits.some((d) => d.length >= PHONE_DIGITS_MIN)) {
    own.push(digitsAre('c.phone'), digitsAre('c.billing_phone'));
    delivery.push(digitsAre('a.phone'));
  }
  if (delivery.length > 0) {
    own.push(`EXISTS (SELECT 1 FROM addresses a WHERE a.customer_id = c.id
      AND (${delivery.join(' OR ')}))`);
  }
  return own.length > 0 ? `(${own.join(' OR ')})` : null;
}

/**
 * Exact matches of the whole text, ranked first: id and email through their indexes; shopify id,
 * hash, ZIP and phone digits checked on each hit when the hits are few (`fewHits`: a ZIP or a
 * whole phone number has a handful). Past that, a broad text (a city, "gmail") is rarely any of
 * them, and checking every hit's row and addresses would cost more than the page.
 */
export function exactSql(
  { plan, conds }: Planned,
  probe: ExactProbe,
  fewHits: boolean,
  hitIds: string | null,
): Bound {
  const candidates = [
    'SELECT id FROM customers WHERE id = @exactId',
    'SELECT id FROM customers WHERE email_key = @exactLower',
  ];
  const fields = exactFields(probe);
  if (plan.kind === 'fts' && fewHits && fields) {
    candidates.push(`SELECT c.id FROM customers c WHERE ${hitIds !== null ? LISTED : conds.hit}
      AND ${fields}`);
  }
  return {
    name: 'exact',
    sql: `SELECT ${ROW_COLUMNS} FROM customers c
      ${whereOf([`c.id IN (${candidates.join(' UNION ')})`, ...conds.others])} ORDER BY c.id DESC`,
    params: {
      ...conds.params,
      exactId: probe.id,
      exactLower: probe.lower,
      exactText: probe.text,
      exactDigits: JSON.stringify(probe.digits),
      hitIds,
    },
  };
}

/** A page of the kind the planner chose (a walk is built by `walkSql`). */
export function pageSql(
  kind: PageKind,
  planned: Planned,
  query: Pick<SearchQuery, 'sort' | 'filters'>,
  window: PageWindow,
  options: PageOptions,
): Bound {
  const { after } = options;
  const params: Record<string, Param> = {
    ...planned.conds.params,
    limit: window.limit,
    offset: window.offset,
    exactIds: options.exactIds,
    hitIds: options.hitIds,
  };
  // By id or relevance, the cursor is an id (past the exact matches: key 1).
  const below = (id: string, dir: 'ASC' | 'DESC') => {
    if (!after || (kind === 'relevance' && after.key !== 1)) return null;
    params['afterId'] = after.id;
    return `${id} ${dir === 'ASC' ? '>' : '<'} @afterId`;
  };
  if (kind === 'byId') {
    const dir = dirOf(query);
    return { name: 'page.byId', sql: byIdSql(planned, dir, below('f.rowid', dir)), params };
  }
  if (kind === 'sorted') {
    const keyset = after ? sortedAfter(query, 'c', after) : null;
    Object.assign(params, keyset?.params);
    const sql = sortedSql(planned, query, options.walkFilters, keyset?.sql ?? null);
    return { name: 'page.sorted', sql, params };
  }
  const { conds } = planned;
  if (options.hitIds !== null) {
    return {
      name: 'page.listed',
      sql: `SELECT ${ROW_COLUMNS} FROM customers c ${whereOf([LISTED, NOT_EXACT, below('c.id', 'DESC')])}
        ORDER BY c.id DESC ${TAIL}`,
      params,
    };
  }
  if (conds.ftsComplete) {
    const where = [
      'customers_fts MATCH @match',
      ...conds.others,
      NOT_EXACT,
      below('f.rowid', 'DESC'),
    ];
    return {
      name: 'page.relevance',
      sql: `SELECT ${ROW_COLUMNS} FROM customers_fts f JOIN customers c ON c.id = f.rowid
        ${whereOf(where)} ORDER BY f.rowid DESC ${TAIL}`,
      params,
    };
  }
  return {
    name: 'page.newest',
    sql: `SELECT ${ROW_COLUMNS} FROM customers c ${whereOf([conds.hit, ...conds.others, NOT_EXACT, below('c.id', 'DESC')])}
      ORDER BY c.id DESC ${TAIL}`,
    params,
  };
}

// The trigram index hands hits back in id order either way: a page stops after its rows.
const byIdSql = ({ conds }: Planned, dir: 'ASC' | 'DESC', after: string | null) =>
  `SELECT ${ROW_COLUMNS} FROM customers_fts f JOIN customers c ON c.id = f.rowid
    ${whereOf(['customers_fts MATCH @match', ...conds.others, after])} ORDER BY f.rowid ${dir} ${TAIL}`;

function sortedSql(
  { plan, conds }: Planned,
  query: Pick<SearchQuery, 'sort' | 'filters'>,
  walkFilters: boolean,
  after: string | null,
): string {
  const { key } = query.sort;
  const listing = plan.kind === 'all' && key !== 'relevance' && key !== 'updated_at';
  const dir = dirOf(query);
  const order =
    key === 'relevance'
      ? 'c.updated_at DESC, c.id DESC'
      : `c.${SORT_COLUMNS[key]} ${dir}, c.id ${dir}`;
  // `+` keeps a filter from choosing the index: the sort key's index is walked instead, or a
  // flag's partial index (tens of thousands at 1M) lists the customers instead of a status's.
  const partial = query.filters.dunning === true || query.filters.validPaymentMethod === false;
  const conditions = conds.others.map((other) =>
    walkFilters || (listing && partial && other === BY_STATUS) ? `+${other}` : other,
  );
  return `SELECT ${ROW_COLUMNS} FROM customers c ${whereOf([conds.hit, ...conditions, after])}
    ORDER BY ${order} ${TAIL}`;
}
