// Reads for the search box. Results come a page at a time with a total; the
// FTS5 trigram index (or, for one- and two-character input, the sort-key indexes) does the
// finding, never a scan of every row's text.
import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import {
  type CustomerRow,
  type SearchQuery,
  type SearchResult,
} from '../../src-shared/customers/views.ts';
import {
  chooseWalk,
  planSearch,
  type SearchPlan,
  type Walk,
  type WalkInput,
} from './search-query.ts';

/** Which fields of which customers have edits queued (filled in by the outbox). */
export interface PendingOverlay {
  pendingFields(customerIds: readonly number[]): ReadonlyMap<number, readonly string[]>;
}

export const noPendingEdits: PendingOverlay = { pendingFields: () => new Map() };

export interface SearchRepo {
  /** A page and its total, exact up to `exactTotalUpTo` hits (past it, at least that many). */
  search(query: SearchQuery): SearchResult;
  /** The exact number of customers a search matches, however many. */
  count(query: Pick<SearchQuery, 'query' | 'filters'>): number;
  /** Every id a search matches (no paging), for bulk edits. */
  ids(query: Pick<SearchQuery, 'query' | 'filters'>): number[];
  /** The plan SQLite picks for a query, for tests and diagnostics. */
  explain(query: SearchQuery): string[];
}

const ROW_COLUMNS = `c.id, c.hash, c.email, c.first_name, c.last_name, c.phone, c.external_customer_id,
  c.status, c.has_valid_payment_method, c.in_dunning, c.processor_type,
  c.billing_company, c.billing_city, c.billing_province, c.billing_zip, c.billing_country,
  c.updated_at`;

interface RowRecord extends Omit<
  CustomerRow,
  'has_valid_payment_method' | 'in_dunning' | 'pending_fields'
> {
  has_valid_payment_method: number | null;
  in_dunning: number | null;
}

const flagOf = (value: number | null) => (value === null ? null : value === 1);

const SORT_COLUMNS: Record<Exclude<SearchQuery['sort']['key'], 'relevance'>, string> = {
  name: 'name_key',
  email: 'email_key',
  id: 'id',
  updated_at: 'updated_at',
  city: 'city_key',
};

// Every prefix lookup stays on one of these indexes.
const PREFIX_KEYS = ['first_key', 'name_key', 'email_key', 'city_key'] as const;
const TOP = '\u{10FFFF}';
// Short terms beside long ones are checked against these, on the rows the index found.
const RESIDUAL_TEXT = `c.name_key || ' ' || c.email_key || ' ' || c.city_key || ' ' ||
  lower(coalesce(c.billing_zip, '') || ' ' || coalesce(c.billing_company, ''))`;
const RESIDUAL_ADDRESS_TEXT = `lower(coalesce(a.first_name, '') || ' ' || coalesce(a.last_name, '') || ' ' ||
  coalesce(a.city, '') || ' ' || coalesce(a.zip, '') || ' ' || coalesce(a.company, ''))`;
const digitsSql = (column: string) =>
  `replace(replace(replace(replace(replace(replace(coalesce(${column}, ''), ' ', ''), '-', ''),
    '(', ''), ')', ''), '.', ''), '+', '')`;
// What the index would hold, as text, for rows it has not reached yet (a first load in progress).
const SCAN_TEXT = `${RESIDUAL_TEXT} || ' ' || lower(coalesce(c.billing_province, '') || ' ' ||
  coalesce(c.external_customer_id, '') || ' ' || coalesce(c.hash, '')) || ' ' || c.id || ' ' ||
  ${digitsSql('c.phone')} || ' ' || ${digitsSql('c.billing_phone')}`;
const SCAN_ADDRESS_TEXT = `${RESIDUAL_ADDRESS_TEXT} || ' ' || ${digitsSql('a.phone')}`;
const prefixUnion = PREFIX_KEYS.map(
  (key) => `SELECT id FROM customers WHERE ${key} >= @lo AND ${key} < @hi`,
).join(' UNION ');
/** At most this many hits, and the whole text may be a shopify id or hash worth ranking first. */
const EXACT_SCAN_MAX = 200;
const FTS_HITS = 'SELECT rowid FROM customers_fts WHERE customers_fts MATCH @match';

const BY_STATUS = 'c.status = @status';

interface Built {
  /** What makes a row a hit of the text (null: every row is). */
  hit: string | null;
  /** Residual short terms and filters, on `c`. */
  others: string[];
  /** How many of `others` are residual terms (they come first; the rest are filters). */
  residuals: number;
  params: Record<string, unknown>;
  /** The trigram index answers the text alone (every customer is indexed). */
  ftsComplete: boolean;
}

function containsAll(text: string, needles: readonly string[], params: Record<string, unknown>) {
  return needles
    .map((needle) => {
      const name = `s${Object.keys(params).length}`;
      params[name] = needle;
      return `instr(${text}, @${name}) > 0`;
    })
    .join(' AND ');
}

function build(
  plan: Exclude<SearchPlan, { kind: 'none' }>,
  query: Pick<SearchQuery, 'filters'>,
  indexedThrough: number | null,
): Built {
  const params: Record<string, unknown> = {};
  const others: string[] = [];
  let hit: string | null = null;
  if (plan.kind === 'fts') {
    params['match'] = plan.match;
    hit = `c.id IN (${FTS_HITS})`;
    if (indexedThrough !== null) {
      params['indexedThrough'] = indexedThrough;
      const anyOf = (text: string) =>
        plan.scan.map((all) => `(${containsAll(text, all, params)})`).join(' OR ');
      hit = `(${hit} OR (c.id > @indexedThrough AND (${anyOf(SCAN_TEXT)} OR EXISTS (SELECT 1
        FROM addresses a WHERE a.customer_id = c.id AND (${anyOf(SCAN_ADDRESS_TEXT)})))))`;
    }
  } else if (plan.kind === 'prefix') {
    params['lo'] = plan.prefix;
    params['hi'] = plan.prefix + TOP;
    hit = `c.id IN (${prefixUnion})`;
  }
  if (plan.kind !== 'all') {
    plan.residual.forEach((term, i) => {
      params[`r${i}`] = term;
      others.push(
        `(instr(${RESIDUAL_TEXT}, @r${i}) > 0 OR EXISTS (SELECT 1 FROM addresses a
          WHERE a.customer_id = c.id AND instr(${RESIDUAL_ADDRESS_TEXT}, @r${i}) > 0))`,
      );
    });
  }
  const residuals = others.length;
  const { status, validPaymentMethod, dunning } = query.filters;
  if (status !== undefined) {
    others.push(BY_STATUS);
    params['status'] = status;
  }
  if (validPaymentMethod !== undefined) {
    others.push('c.has_valid_payment_method = @valid');
    params['valid'] = validPaymentMethod ? 1 : 0;
  }
  if (dunning !== undefined) {
    others.push('c.in_dunning = @dunning');
    params['dunning'] = dunning ? 1 : 0;
  }
  return {
    hit,
    others,
    residuals,
    params,
    ftsComplete: plan.kind === 'fts' && indexedThrough === null,
  };
}

const whereOf = (conditions: (string | null)[]) => {
  const list = conditions.filter((c): c is string => c !== null);
  return list.length > 0 ? `WHERE ${list.join(' AND ')}` : '';
};

interface Planned {
  plan: Exclude<SearchPlan, { kind: 'none' }>;
  built: Built;
}

interface Counted {
  total: number;
  /** Hits of the text alone, before filters. */
  textHits: number;
  /** False: `total` is a lower bound (counting stopped at the cap). */
  exact: boolean;
  /** What the walk's cost model takes for the hits when `total` is a lower bound. */
  estimatedHits?: number;
  /** Every customer, when counting them was needed already. */
  customers?: number;
}

/**
 * Exact totals stop here by default: counting "gmail" (250k hits at 1M customers) costs 30-45 ms
 * in FTS5 alone, a page of it under 3 ms. Past the cap a search answers "at least" and the exact
 * figure comes from `count`, asked for separately (as search engines cap tracked hits).
 */
export const EXACT_TOTAL_UP_TO = 10_000;

interface PageSql {
  /** Exact id / email / shopify id / hash matches, ranked first (relevance only). */
  exact: string | null;
  /** The page after the exact matches, which it leaves out. */
  page: string;
  /** The total; for filters on text hits, also the text's hits before them (same cost). */
  count: string;
  /**
   * The trigram index's first `@cap` hits only, for a total that may stop at the cap: how many
   * there are and, with filters, how many of them pass. Null: the count is cheap or needs rows.
   */
  capped: string | null;
  /** The text's hits alone, exactly (the cost model needs them when filters are sampled). */
  textCount: string | null;
  /**
   * A listing with filters alone: its first `@cap` customers in id order, and the last one's id
   * (how far the scan went, for the share that passes). Null: not such a listing.
   */
  cappedListing: string | null;
  /**
   * The first hits, one more than `EXACT_SCAN_MAX` at most (relevance, trigram index only): when
   * fewer come back they are all the hits, and the total, exact matches and page need no other
   * pass over the index ("maria gar": 3 ms a pass at 1M customers).
   */
  head: string | null;
  params: Record<string, unknown>;
}

interface PageOptions {
  /** At most `EXACT_SCAN_MAX` hits: exact shopify ids and hashes are looked for among them. */
  fewHits: boolean;
  /** `@hitIds` lists every hit (see `PageSql.head`). */
  hitIds: boolean;
  /** A listing with filters alone walks its sort key's index (see `walksFilters`). */
  walkFilters: boolean;
}

/**
 * One filter that an index counts (the flags' partial indexes hold only dunning customers and
 * those without a valid method). Other filters on listings count in the narrow flags table:
 * ~40 ms at 1M customers, where reading the wide rows takes 0.6 to 2 s.
 */
const byOneIndex = (filters: SearchQuery['filters']) => {
  const set = Object.values(filters).filter((value) => value !== undefined).length;
  return set === 1 && filters.dunning !== false && filters.validPaymentMethod !== true;
};

/**
 * A listing with filters alone, sorted by name, email, city or id: SQLite reads every customer
 * of a status through the status index and sorts them (3 s for ACTIVE by name at 1M customers).
 * Walking the sort key's index and checking each row reads `need / share` rows instead, cheaper
 * unless the filters leave very few customers (the partial indexes then list them directly).
 */
export function walksFilters(need: number, matching: number, customers: number): boolean {
  return matching > 0 && need * customers < matching * matching;
}

/**
 * Relevance: exact matches of the whole text first, then the newest customers (highest id). The
 * trigram index hands hits back in rowid order, so a page stops after its rows instead of
 * ranking every hit (bm25 over tens of thousands of "gmail" hits cost 25 ms per page).
 */
function pageSql(
  plan: Exclude<SearchPlan, { kind: 'none' }>,
  built: Built,
  query: SearchQuery,
  limit: number,
  offset: number,
  options: PageOptions = { fewHits: false, hitIds: false, walkFilters: false },
): PageSql {
  const { hit, others, params } = built;
  const dir = query.sort.dir === 'asc' ? 'ASC' : 'DESC';
  const notExact = 'c.id NOT IN (SELECT value FROM json_each(@exactIds))';
  const tail = `LIMIT ${limit} OFFSET ${offset}`;
  // Filters alone on the hits of the text are checked in the narrow flags table, not the wide rows.
  const onlyFilters =
    (built.ftsComplete || plan.kind === 'prefix') && built.residuals === 0 && others.length > 0;
  const textCount = built.ftsComplete
    ? 'SELECT count(*) FROM customers_fts WHERE customers_fts MATCH @match'
    : null;
  const firstHits = `SELECT rowid FROM customers_fts WHERE customers_fts MATCH @match LIMIT @cap`;
  const capped = !built.ftsComplete
    ? null
    : others.length === 0
      ? `SELECT count(*), count(*) FROM (${firstHits})`
      : onlyFilters
        ? `SELECT count(*) FILTER (WHERE ${others.join(' AND ')}), count(*)
            FROM (${firstHits}) f JOIN customer_flags c ON c.id = f.rowid`
        : null;
  const flagsListing = plan.kind === 'all' && others.length > 0 && !byOneIndex(query.filters);
  // A status alone counts through its index (~40 ms for ACTIVE at 1M): capped in the flags
  // table instead. A flag's partial index lists few customers: counting it stays cheap.
  const statusAlone = byOneIndex(query.filters) && query.filters.status !== undefined;
  const cappedListing =
    plan.kind === 'all' && others.length > 0 && (flagsListing || statusAlone)
      ? `SELECT count(*), max(id) FROM (SELECT c.id FROM customer_flags c ${whereOf(others)}
        ORDER BY c.id LIMIT @cap)`
      : null;
  const count =
    textCount !== null && others.length === 0
      ? textCount
      : plan.kind === 'prefix' && others.length === 0
        ? `SELECT count(*) FROM (${prefixUnion})`
        : built.ftsComplete && onlyFilters
          ? `SELECT count(*) FILTER (WHERE ${others.join(' AND ')}), count(*)
              FROM customers_fts f JOIN customer_flags c ON c.id = f.rowid
              WHERE customers_fts MATCH @match`
          : onlyFilters || flagsListing
            ? `SELECT count(*) FROM customer_flags c ${whereOf([hit, ...others])}`
            : `SELECT count(*) FROM customers c ${whereOf([hit, ...others])}`;
  const counts = { count, capped, textCount, cappedListing };
  if (query.sort.key === 'id' && built.ftsComplete) {
    // The trigram index hands hits back in id order either way: a page stops after its rows.
    return {
      exact: null,
      page: `SELECT ${ROW_COLUMNS} FROM customers_fts f JOIN customers c ON c.id = f.rowid
         ${whereOf(['customers_fts MATCH @match', ...others])} ORDER BY f.rowid ${dir} ${tail}`,
      ...counts,
      head: null,
      params,
    };
  }
  if (query.sort.key !== 'relevance' || plan.kind === 'all') {
    const listing =
      plan.kind === 'all' && query.sort.key !== 'relevance' && query.sort.key !== 'updated_at';
    const order =
      query.sort.key === 'relevance'
        ? 'c.updated_at DESC, c.id DESC'
        : `c.${SORT_COLUMNS[query.sort.key]} ${dir}, c.id ${dir}`;
    // `+` keeps a filter from choosing the index: the sort key's index is walked instead, or a
    // flag's partial index (tens of thousands at 1M) lists the customers instead of a status's.
    const partial = query.filters.dunning === true || query.filters.validPaymentMethod === false;
    const conditions = others.map((other) =>
      options.walkFilters || (listing && partial && other === BY_STATUS) ? `+${other}` : other,
    );
    return {
      exact: null,
      page: `SELECT ${ROW_COLUMNS} FROM customers c ${whereOf([hit, ...conditions])} ORDER BY ${order} ${tail}`,
      ...counts,
      head: null,
      params,
    };
  }
  const exactParams = plan.exact;
  params['exactId'] = exactParams.id;
  params['exactLower'] = exactParams.lower;
  params['exactText'] = exactParams.text;
  const candidates = [
    'SELECT id FROM customers WHERE id = @exactId',
    'SELECT id FROM customers WHERE email_key = @exactLower',
  ];
  // The hits found by `head` (with filters and short terms applied), when they were all found.
  const listed = 'c.id IN (SELECT value FROM json_each(@hitIds))';
  // A shopify id or hash is long and rare: its hits are few, so checking them all is cheap; a
  // broad text cannot equal one of them (see `EXACT_SCAN_MAX`).
  if (plan.kind === 'fts' && options.fewHits) {
    candidates.push(`SELECT c.id FROM customers c WHERE ${options.hitIds ? listed : hit}
      AND (c.external_customer_id = @exactText OR c.hash = @exactText)`);
  }
  const exact = `SELECT ${ROW_COLUMNS} FROM customers c
    ${whereOf([`c.id IN (${candidates.join(' UNION ')})`, ...others])} ORDER BY c.id DESC`;
  const page = options.hitIds
    ? `SELECT ${ROW_COLUMNS} FROM customers c WHERE ${listed} AND ${notExact}
         ORDER BY c.id DESC ${tail}`
    : built.ftsComplete
      ? `SELECT ${ROW_COLUMNS} FROM customers_fts f JOIN customers c ON c.id = f.rowid
         ${whereOf(['customers_fts MATCH @match', ...others, notExact])} ORDER BY f.rowid DESC ${tail}`
      : `SELECT ${ROW_COLUMNS} FROM customers c ${whereOf([hit, ...others, notExact])}
         ORDER BY c.id DESC ${tail}`;
  const source = others.length === 0 ? '' : onlyFilters ? 'customer_flags' : 'customers';
  const head = built.ftsComplete
    ? `SELECT f.rowid FROM customers_fts f ${source ? `JOIN ${source} c ON c.id = f.rowid` : ''}
        ${whereOf(['customers_fts MATCH @match', ...others])} LIMIT ${EXACT_SCAN_MAX + 1}`
    : null;
  return { exact, page, ...counts, head, params };
}

const RADIX_BITS = 16;
const RADIX = 1 << RADIX_BITS;
// Below this many ids the radix sort's two 64K-entry tables cost more than a comparison sort.
const RADIX_MIN = 4096;

/**
 * Every id of the lists once, highest first. Ids that fit 32 bits (all of ReCharge's) are
 * radix-sorted: a typed array's own sort compares, 8 ms for the 100k ids of a one-letter query.
 */
export function distinctNewestFirst(lists: readonly (readonly number[])[]): Float64Array {
  let count = 0;
  let narrow = true;
  for (const list of lists) {
    count += list.length;
    for (let i = 0; i < list.length; i += 1) narrow &&= list[i]! >>> 0 === list[i];
  }
  const sorted = narrow ? new Uint32Array(count) : new Float64Array(count);
  let at = 0;
  for (const list of lists) {
    sorted.set(list, at);
    at += list.length;
  }
  if (narrow && count >= RADIX_MIN) radixSort(sorted as Uint32Array);
  else sorted.sort();
  const out = new Float64Array(count);
  let n = 0;
  for (let i = count - 1; i >= 0; i -= 1) {
    if (sorted[i] !== sorted[i + 1]) out[n++] = sorted[i]!;
  }
  return out.subarray(0, n);
}

/** Sorts in place, ascending: two passes of 16 bits. */
function radixSort(keys: Uint32Array): void {
  const buffers = [keys, new Uint32Array(keys.length)] as const;
  const starts = new Uint32Array(RADIX);
  for (let pass = 0; pass < 2; pass += 1) {
    const from = buffers[pass]!;
    const to = buffers[1 - pass]!;
    const shift = pass * RADIX_BITS;
    starts.fill(0);
    for (let i = 0; i < from.length; i += 1) starts[(from[i]! >>> shift) & (RADIX - 1)]! += 1;
    let total = 0;
    for (let digit = 0; digit < RADIX; digit += 1) {
      const n = starts[digit]!;
      starts[digit] = total;
      total += n;
    }
    for (let i = 0; i < from.length; i += 1) {
      const key = from[i]!;
      to[starts[(key >>> shift) & (RADIX - 1)]!++] = key;
    }
  }
}

/** What each hit a walk meets is checked against: filters on its flags, short terms on its row. */
const checkOf = (built: Built): WalkInput['check'] =>
  built.residuals > 0 ? 'row' : built.others.length > 0 ? 'flags' : 'none';

/**
 * A page of text hits in sort order, walked off the sort key's index (status with updated_at)
 * from its start, each entry tested for being a hit, then filters checked in the narrow flags
 * table and short terms on the row. The walk yields the index's order and the outer queries keep
 * it (no sort), so the page is exact when the walk met a page's worth before its budget ran out.
 */
function walkSql(
  built: Built,
  query: SearchQuery,
  test: Walk['test'],
  limit: number,
  offset: number,
) {
  const key = SORT_COLUMNS[query.sort.key as Exclude<SearchQuery['sort']['key'], 'relevance'>];
  const dir = query.sort.dir === 'asc' ? 'ASC' : 'DESC';
  const byStatus = query.sort.key === 'updated_at' && query.filters.status !== undefined;
  const hit =
    test === 'probe'
      ? 'EXISTS (SELECT 1 FROM customers_fts WHERE customers_fts MATCH @match AND rowid = w.id)'
      : `w.id IN (${FTS_HITS})`;
  const filters = built.others.slice(built.residuals);
  const terms = built.others.slice(0, built.residuals);
  const walked = `SELECT s.id, s.${key} AS k FROM customers s
    ${byStatus ? 'WHERE s.status = @status' : ''} ORDER BY s.${key} ${dir}, s.id ${dir} LIMIT @budget`;
  const hits = `SELECT w.id, w.k FROM (${walked}) w
    ${filters.length > 0 ? 'CROSS JOIN customer_flags c ON c.id = w.id' : ''} ${whereOf([hit, ...filters])}`;
  return `SELECT ${ROW_COLUMNS} FROM (${hits}) h CROSS JOIN customers c ON c.id = h.id
    ${whereOf(terms)} ORDER BY h.k ${dir}, h.id ${dir} LIMIT ${limit} OFFSET ${offset}`;
}

export interface SearchRepoOptions {
  /** Totals past this many hits are left at "at least" (tests use a small cap). */
  exactTotalUpTo?: number;
}

export function createSearchRepo(
  db: Database.Database,
  overlay: () => PendingOverlay = () => noPendingEdits,
  indexedThrough: () => number | null = () => null,
  options: SearchRepoOptions = {},
): SearchRepo {
  const cap = options.exactTotalUpTo ?? EXACT_TOTAL_UP_TO;
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const rowsByIds = db.prepare(
    `SELECT ${ROW_COLUMNS} FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))
     ORDER BY c.id DESC`,
  );
  const prefixRanges = PREFIX_KEYS.map((key) =>
    db.prepare(`SELECT id FROM customers WHERE ${key} >= ? AND ${key} < ?`).pluck(),
  );
  // A bare one- or two-character prefix: the four key ranges merged here, once, for both the
  // total and the page (SQL sorts every range to merge it, and would do so twice), newest first.
  const prefixIds = (prefix: string): Float64Array =>
    distinctNewestFirst(prefixRanges.map((range) => range.all(prefix, prefix + TOP) as number[]));
  const customerCount = db.prepare('SELECT count(*) FROM customers').pluck();
  // Sorted pages of the trigram index's hits may be walked (see `chooseWalk`).
  const walkable = ({ plan, built }: Planned, query: SearchQuery) =>
    plan.kind === 'fts' &&
    built.ftsComplete &&
    query.sort.key !== 'relevance' &&
    query.sort.key !== 'id';
  const countOf = (sql: PageSql): Counted => {
    const [total, textHits] = prepared(sql.count).raw().get(sql.params) as number[];
    return { total: total!, textHits: textHits ?? total!, exact: true };
  };
  /**
   * The total, counted through the first hits only when there are more than the cap. A sorted
   * page of them is walked by a cost model that needs the text's hits exactly (cheap for one
   * trigram, and the whole of today's cost otherwise) and the filters' share, taken from the
   * sample. Filters that pass few of the sample are counted exactly: a page of them may be rare.
   */
  const countUpTo = (sql: PageSql, planned: Planned, query: SearchQuery): Counted => {
    if (sql.cappedListing) return listingUpTo(sql, planned, query);
    const sampledWalk = walkable(planned, query) && planned.built.others.length > 0;
    if (!sql.capped || (walkable(planned, query) && !sampledWalk)) return countOf(sql);
    // A walk would count the text's hits on top of the sample: up to twice the cap, one exact
    // pass over them costs no more ("son" + ACTIVE at 100k customers: 10.8k hits).
    const limit = sampledWalk ? 2 * cap : cap;
    const [passing, sampled] = prepared(sql.capped)
      .raw()
      .get({ ...sql.params, cap: limit + 1 }) as [number, number];
    if (sampled <= limit) return { total: passing, textHits: sampled, exact: true };
    if (passing <= EXACT_SCAN_MAX) return countOf(sql);
    const total = Math.min(passing, cap);
    if (!sampledWalk) return { total, textHits: sampled, exact: false };
    const textHits = prepared(sql.textCount!).pluck().get(sql.params) as number;
    const estimatedHits = Math.max(total, Math.round((textHits * passing) / sampled));
    return { total, textHits, exact: false, estimatedHits };
  };
  const flagsThrough = db.prepare('SELECT count(*) FROM customer_flags WHERE id <= ?').pluck();
  /**
   * A listing with filters alone ("ACTIVE": 500k at 1M customers, 40 ms to count): past the cap,
   * a listing sorted by a key is walked or sorted by how many pass, estimated from their share
   * among the customers the capped count went through.
   */
  const listingUpTo = (sql: PageSql, planned: Planned, query: SearchQuery): Counted => {
    const [passing, lastId] = prepared(sql.cappedListing!)
      .raw()
      .get({ ...sql.params, cap: cap + 1 }) as [number, number | null];
    if (passing <= cap) return { total: passing, textHits: passing, exact: true };
    const counted = { total: cap, textHits: cap, exact: false };
    if (!filteredListing(planned, query)) return counted;
    const share = passing / (flagsThrough.get(lastId) as number);
    const customers = customerCount.get() as number;
    return { ...counted, estimatedHits: Math.max(cap, Math.round(share * customers)), customers };
  };
  const walkFor = (
    { plan, built }: Planned,
    query: SearchQuery,
    offset: number,
    counted: Counted,
  ) => {
    if (plan.kind !== 'fts') return null;
    const input = {
      trigrams: plan.trigrams,
      need: offset + query.pageSize,
      hits: counted.estimatedHits ?? counted.total,
      textHits: counted.textHits,
      check: checkOf(built),
    };
    // There are at least as many customers as hits, and more only make a walk longer: counting
    // them (a pass over an index, several ms when its pages are not cached) waits until a walk
    // could pay off.
    if (!chooseWalk({ ...input, customers: counted.textHits })) return null;
    const customers = customerCount.get() as number;
    const walk = chooseWalk({ ...input, customers });
    if (!walk) return null;
    return {
      sql: walkSql(built, query, walk.test, query.pageSize, offset),
      params: { ...built.params, budget: Math.min(walk.budget, customers) },
      whole: walk.budget >= customers,
    };
  };
  const filteredListing = ({ plan, built }: Planned, query: SearchQuery) =>
    plan.kind === 'all' &&
    built.others.length > 0 &&
    query.sort.key !== 'relevance' &&
    query.sort.key !== 'updated_at';
  const filtersWalked = (planned: Planned, query: SearchQuery, offset: number, counted: Counted) =>
    filteredListing(planned, query) &&
    walksFilters(
      offset + query.pageSize,
      counted.estimatedHits ?? counted.total,
      counted.customers ?? (customerCount.get() as number),
    );
  /** The walk's page, or null when sorting the hits is cheaper or needed after all. */
  const walkedPage = (planned: Planned, query: SearchQuery, offset: number, counted: Counted) => {
    const walk = walkable(planned, query) ? walkFor(planned, query, offset, counted) : null;
    if (!walk) return null;
    const rows = prepared(walk.sql).all(walk.params) as RowRecord[];
    // A full page, or every entry walked: exact. Else the rest of the hits lie past the budget.
    return rows.length === query.pageSize || walk.whole ? rows : null;
  };

  const plannedFor = (query: SearchQuery): Planned | null => {
    const plan = planSearch(query.query);
    if (plan.kind === 'none') return null;
    return { plan, built: build(plan, query, indexedThrough()) };
  };
  const toRows = (records: RowRecord[]): CustomerRow[] => {
    const pending = overlay().pendingFields(records.map((r) => r.id));
    return records.map((r) => ({
      ...r,
      has_valid_payment_method: flagOf(r.has_valid_payment_method),
      in_dunning: flagOf(r.in_dunning),
      pending_fields: [...(pending.get(r.id) ?? [])],
    }));
  };

  return {
    search(query) {
      const started = performance.now();
      const planned = plannedFor(query);
      if (!planned) {
        return {
          items: [],
          total: 0,
          totalExact: true,
          page: query.page,
          pageSize: query.pageSize,
          tookMs: 0,
        };
      }
      const start = (query.page - 1) * query.pageSize;
      const { plan, built } = planned;
      const bare =
        plan.kind === 'prefix' && built.others.length === 0 ? prefixIds(plan.prefix) : null;
      const first = pageSql(plan, built, query, query.pageSize, start);
      const head = first.head ? (prepared(first.head).pluck().all(first.params) as number[]) : null;
      const allHits = head && head.length <= EXACT_SCAN_MAX ? head : null;
      const hitIds = allHits ? JSON.stringify(allHits) : null;
      const counted: Counted = bare
        ? { total: bare.length, textHits: bare.length, exact: true }
        : allHits
          ? { total: allHits.length, textHits: allHits.length, exact: true }
          : countUpTo(first, planned, query);
      const { total } = counted;
      const fewHits = counted.exact && total <= EXACT_SCAN_MAX;
      const walkFilters = filtersWalked(planned, query, start, counted);
      const sqlFor = (limit: number, offset: number) =>
        pageSql(plan, built, query, limit, offset, {
          fewHits,
          hitIds: hitIds !== null,
          walkFilters,
        });
      const probe = sqlFor(query.pageSize, start);
      const exact = probe.exact
        ? (prepared(probe.exact).all({ ...probe.params, hitIds }) as RowRecord[])
        : [];
      const records = exact.slice(start, start + query.pageSize);
      const remaining = query.pageSize - records.length;
      if (remaining > 0 && total > 0 && bare && query.sort.key === 'relevance') {
        const skip = new Set(exact.map((r) => r.id));
        let from = Math.max(0, start - exact.length);
        const ids: number[] = [];
        for (const id of bare) {
          if (skip.has(id)) continue;
          if (from > 0) {
            from -= 1;
            continue;
          }
          ids.push(id);
          if (ids.length === remaining) break;
        }
        records.push(...(rowsByIds.all(JSON.stringify(ids)) as RowRecord[]));
      } else if (remaining > 0 && total > 0) {
        const walked = walkedPage(planned, query, start, counted);
        if (walked) {
          records.push(...walked);
        } else {
          const sql = sqlFor(remaining, Math.max(0, start - exact.length));
          const exactIds = JSON.stringify(exact.map((r) => r.id));
          const params = { ...sql.params, exactIds, hitIds };
          records.push(...(prepared(sql.page).all(params) as RowRecord[]));
        }
      }
      return {
        items: toRows(records),
        total,
        totalExact: counted.exact,
        page: query.page,
        pageSize: query.pageSize,
        tookMs: Math.round((performance.now() - started) * 1000) / 1000,
      };
    },
    count({ query, filters }) {
      // Sort and page do not change a total; the text is checked by `planSearch`.
      const full: SearchQuery = {
        query,
        filters,
        sort: { key: 'relevance', dir: 'desc' },
        page: 1,
        pageSize: 1,
      };
      const planned = plannedFor(full);
      if (!planned) return 0;
      const { plan, built } = planned;
      if (plan.kind === 'prefix' && built.others.length === 0) return prefixIds(plan.prefix).length;
      return countOf(pageSql(plan, built, full, 1, 0)).total;
    },
    ids({ query, filters }) {
      const plan = planSearch(query);
      if (plan.kind === 'none') return [];
      const built = build(plan, { filters }, indexedThrough());
      return prepared(
        `SELECT c.id FROM customers c ${whereOf([built.hit, ...built.others])} ORDER BY c.id`,
      )
        .pluck()
        .all(built.params) as number[];
    },
    explain(query) {
      const planned = plannedFor(query);
      if (!planned) return [];
      const start = (query.page - 1) * query.pageSize;
      const first = pageSql(planned.plan, planned.built, query, query.pageSize, start);
      // How a sorted page is found depends on how many hits there are (`sql.page`: the fallback).
      const counted =
        walkable(planned, query) || filteredListing(planned, query) ? countOf(first) : null;
      const walk =
        counted && walkable(planned, query) ? walkFor(planned, query, start, counted) : null;
      const walkFilters = counted !== null && filtersWalked(planned, query, start, counted);
      const sql = pageSql(planned.plan, planned.built, query, query.pageSize, start, {
        fewHits: false,
        hitIds: false,
        walkFilters,
      });
      const rows = db
        .prepare(`EXPLAIN QUERY PLAN ${walk ? walk.sql : sql.page}`)
        .all(walk ? walk.params : { ...sql.params, exactIds: '[]' }) as { detail: string }[];
      return rows.map((row) => row.detail);
    },
  };
}
