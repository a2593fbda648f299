// Reads for the search box and the detail view. Results come a page at a time with a total; the
// FTS5 trigram index (or, for one- and two-character input, the sort-key indexes) does the
// finding, never a scan of every row's text.
import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../src-shared/errors.ts';
import {
  AddressView,
  CustomerView,
  type CustomerDetail,
  type CustomerRow,
  type SearchQuery,
  type SearchResult,
} from '../../src-shared/customers/views.ts';
import { planSearch, type SearchPlan } from './search-query.ts';

/** Which fields of which customers have edits queued (filled in by the outbox). */
export interface PendingOverlay {
  pendingFields(customerIds: readonly number[]): ReadonlyMap<number, readonly string[]>;
}

export const noPendingEdits: PendingOverlay = { pendingFields: () => new Map() };

export interface SearchRepo {
  search(query: SearchQuery): SearchResult;
  detail(id: number): CustomerDetail;
  /** Every id a search matches (no paging), for bulk edits. */
  ids(query: Pick<SearchQuery, 'query' | 'filters'>): number[];
  /** The plan SQLite picks for a query, for tests and diagnostics. */
  explain(query: SearchQuery): string[];
}

const ROW_COLUMNS = `c.id, c.hash, c.email, c.first_name, c.last_name, c.phone, c.shopify_customer_id,
  c.status, c.has_valid_payment_method, c.has_card_error_in_dunning, c.processor_type,
  c.billing_company, c.billing_city, c.billing_province, c.billing_zip, c.billing_country,
  c.updated_at`;

interface RowRecord extends Omit<
  CustomerRow,
  'has_valid_payment_method' | 'has_card_error_in_dunning' | 'pending_fields' | 'status'
> {
  status: 'ACTIVE' | 'INACTIVE';
  has_valid_payment_method: number;
  has_card_error_in_dunning: number;
}

const SORT_COLUMNS: Record<Exclude<SearchQuery['sort']['key'], 'relevance'>, string> = {
  name: 'c.name_key',
  email: 'c.email_key',
  id: 'c.id',
  updated_at: 'c.updated_at',
  city: 'c.city_key',
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
  coalesce(c.shopify_customer_id, '') || ' ' || c.hash) || ' ' || c.id || ' ' ||
  ${digitsSql('c.phone')} || ' ' || ${digitsSql('c.billing_phone')}`;
const SCAN_ADDRESS_TEXT = `${RESIDUAL_ADDRESS_TEXT} || ' ' || ${digitsSql('a.phone')}`;
const prefixUnion = PREFIX_KEYS.map(
  (key) => `SELECT id FROM customers WHERE ${key} >= @lo AND ${key} < @hi`,
).join(' UNION ');
/** At most this many hits, and the whole text may be a shopify id or hash worth ranking first. */
const EXACT_SCAN_MAX = 200;
const FTS_HITS = 'SELECT rowid FROM customers_fts WHERE customers_fts MATCH @match';

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
    others.push('c.status = @status');
    params['status'] = status;
  }
  if (validPaymentMethod !== undefined) {
    others.push('c.has_valid_payment_method = @valid');
    params['valid'] = validPaymentMethod ? 1 : 0;
  }
  if (dunning !== undefined) {
    others.push('c.has_card_error_in_dunning = @dunning');
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

interface PageSql {
  /** Exact id / email / shopify id / hash matches, ranked first (relevance only). */
  exact: string | null;
  /** The page after the exact matches, which it leaves out. */
  page: string;
  count: string;
  params: Record<string, unknown>;
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
  options: { fewHits: boolean } = { fewHits: false },
): PageSql {
  const { hit, others, params } = built;
  const dir = query.sort.dir === 'asc' ? 'ASC' : 'DESC';
  const notExact = 'c.id NOT IN (SELECT value FROM json_each(@exactIds))';
  const tail = `LIMIT ${limit} OFFSET ${offset}`;
  // Filters alone on the hits of the text are checked in the narrow flags table, not the wide rows.
  const onlyFilters =
    (built.ftsComplete || plan.kind === 'prefix') && built.residuals === 0 && others.length > 0;
  const count =
    built.ftsComplete && others.length === 0
      ? 'SELECT count(*) FROM customers_fts WHERE customers_fts MATCH @match'
      : plan.kind === 'prefix' && others.length === 0
        ? `SELECT count(*) FROM (${prefixUnion})`
        : built.ftsComplete && onlyFilters
          ? `SELECT count(*) FROM customers_fts f JOIN customer_flags c ON c.id = f.rowid
              ${whereOf(['customers_fts MATCH @match', ...others])}`
          : onlyFilters
            ? `SELECT count(*) FROM customer_flags c ${whereOf([hit, ...others])}`
            : `SELECT count(*) FROM customers c ${whereOf([hit, ...others])}`;
  if (query.sort.key !== 'relevance' || plan.kind === 'all') {
    const order =
      query.sort.key === 'relevance'
        ? 'c.updated_at DESC, c.id DESC'
        : `${SORT_COLUMNS[query.sort.key]} ${dir}, c.id ${dir}`;
    return {
      exact: null,
      page: `SELECT ${ROW_COLUMNS} FROM customers c ${whereOf([hit, ...others])} ORDER BY ${order} ${tail}`,
      count,
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
  // A shopify id or hash is long and rare: its hits are few, so checking them all is cheap; a
  // broad text cannot equal one of them (see `EXACT_SCAN_MAX`).
  if (plan.kind === 'fts' && options.fewHits) {
    candidates.push(`SELECT c.id FROM customers c WHERE ${hit}
      AND (c.shopify_customer_id = @exactText OR c.hash = @exactText)`);
  }
  const exact = `SELECT ${ROW_COLUMNS} FROM customers c
    ${whereOf([`c.id IN (${candidates.join(' UNION ')})`, ...others])} ORDER BY c.id DESC`;
  const page = built.ftsComplete
    ? `SELECT ${ROW_COLUMNS} FROM customers_fts f JOIN customers c ON c.id = f.rowid
         ${whereOf(['customers_fts MATCH @match', ...others, notExact])} ORDER BY f.rowid DESC ${tail}`
    : `SELECT ${ROW_COLUMNS} FROM customers c ${whereOf([hit, ...others, notExact])}
         ORDER BY c.id DESC ${tail}`;
  return { exact, page, count, params };
}

export function createSearchRepo(
  db: Database.Database,
  overlay: () => PendingOverlay = () => noPendingEdits,
  indexedThrough: () => number | null = () => null,
): SearchRepo {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const customerRaw = db.prepare('SELECT raw FROM customers WHERE id = ?').pluck();
  const rowsByIds = db.prepare(
    `SELECT ${ROW_COLUMNS} FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))
     ORDER BY c.id DESC`,
  );
  const prefixRanges = PREFIX_KEYS.map((key) =>
    db.prepare(`SELECT id FROM customers WHERE ${key} >= ? AND ${key} < ?`).pluck(),
  );
  // A bare one- or two-character prefix: the four key ranges merged here, once, for both the
  // total and the page (SQL sorts every range to merge it, and would do so twice), newest first.
  const prefixIds = (prefix: string): number[] => {
    const found: number[] = [];
    for (const range of prefixRanges) {
      for (const id of range.all(prefix, prefix + TOP) as number[]) found.push(id);
    }
    // A typed array sorts numbers natively, several times faster than a comparator.
    const sorted = Float64Array.from(found).sort();
    const ids: number[] = [];
    for (let i = sorted.length - 1; i >= 0; i -= 1) {
      if (sorted[i] !== sorted[i + 1]) ids.push(sorted[i]!);
    }
    return ids;
  };
  const addressesRaw = db
    .prepare('SELECT raw FROM addresses WHERE customer_id = ? ORDER BY id')
    .pluck();

  const plannedFor = (query: SearchQuery) => {
    const plan = planSearch(query.query);
    if (plan.kind === 'none') return null;
    return { plan, built: build(plan, query, indexedThrough()) };
  };
  const toRows = (records: RowRecord[]): CustomerRow[] => {
    const pending = overlay().pendingFields(records.map((r) => r.id));
    return records.map((r) => ({
      ...r,
      has_valid_payment_method: r.has_valid_payment_method === 1,
      has_card_error_in_dunning: r.has_card_error_in_dunning === 1,
      pending_fields: [...(pending.get(r.id) ?? [])],
    }));
  };

  return {
    search(query) {
      const started = performance.now();
      const planned = plannedFor(query);
      if (!planned) {
        return { items: [], total: 0, page: query.page, pageSize: query.pageSize, tookMs: 0 };
      }
      const start = (query.page - 1) * query.pageSize;
      const { plan, built } = planned;
      const bare =
        plan.kind === 'prefix' && built.others.length === 0 ? prefixIds(plan.prefix) : null;
      const counted = pageSql(plan, built, query, query.pageSize, start);
      const total = bare
        ? bare.length
        : (prepared(counted.count).pluck().get(counted.params) as number);
      const fewHits = total <= EXACT_SCAN_MAX;
      const sqlFor = (limit: number, offset: number) =>
        pageSql(plan, built, query, limit, offset, { fewHits });
      const probe = sqlFor(query.pageSize, start);
      const exact = probe.exact ? (prepared(probe.exact).all(probe.params) as RowRecord[]) : [];
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
        const sql = sqlFor(remaining, Math.max(0, start - exact.length));
        const params = { ...sql.params, exactIds: JSON.stringify(exact.map((r) => r.id)) };
        records.push(...(prepared(sql.page).all(params) as RowRecord[]));
      }
      return {
        items: toRows(records),
        total,
        page: query.page,
        pageSize: query.pageSize,
        tookMs: Math.round((performance.now() - started) * 1000) / 1000,
      };
    },
    detail(id) {
      const raw = customerRaw.get(id) as string | undefined;
      if (raw === undefined) {
        throw new AppError(
          'not_found',
          'This customer is not in the local cache (it may have been deleted).',
        );
      }
      const addresses = (addressesRaw.all(id) as string[]).map((text) =>
        AddressView.parse(JSON.parse(text)),
      );
      return {
        customer: CustomerView.parse(JSON.parse(raw)),
        addresses,
        pending_fields: [...(overlay().pendingFields([id]).get(id) ?? [])],
      };
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
      const sql = pageSql(planned.plan, planned.built, query, query.pageSize, 0);
      const rows = db
        .prepare(`EXPLAIN QUERY PLAN ${sql.page}`)
        .all({ ...sql.params, exactIds: '[]' }) as { detail: string }[];
      return rows.map((row) => row.detail);
    },
  };
}
