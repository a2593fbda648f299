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
import { planSearch, type ExactProbe, type SearchPlan } from './search-query.ts';

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

interface Built {
  from: string;
  where: string[];
  params: Record<string, unknown>;
  rank: string | null;
}

function exactRank(exact: ExactProbe, params: Record<string, unknown>): string {
  params['exactId'] = exact.id;
  params['exactText'] = exact.text;
  params['exactLower'] = exact.lower;
  return `CASE WHEN c.id = @exactId OR c.shopify_customer_id = @exactText
    OR c.email_key = @exactLower OR c.hash = @exactText THEN 0 ELSE 1 END`;
}

function build(plan: Exclude<SearchPlan, { kind: 'none' }>, query: SearchQuery): Built {
  const params: Record<string, unknown> = {};
  const where: string[] = [];
  let from = 'customers c';
  let rank: string | null = null;
  if (plan.kind === 'fts') {
    from = 'customers_fts f JOIN customers c ON c.id = f.rowid';
    where.push('customers_fts MATCH @match');
    params['match'] = plan.match;
    rank = `${exactRank(plan.exact, params)}, f.rank`;
  } else if (plan.kind === 'prefix') {
    params['lo'] = plan.prefix;
    params['hi'] = plan.prefix + TOP;
    const union = PREFIX_KEYS.map(
      (key) => `SELECT id FROM customers WHERE ${key} >= @lo AND ${key} < @hi`,
    ).join(' UNION ');
    where.push(`c.id IN (${union})`);
    rank = `${exactRank(plan.exact, params)}, c.name_key`;
  }
  if (plan.kind !== 'all') {
    plan.residual.forEach((term, i) => {
      params[`r${i}`] = term;
      where.push(
        `(instr(${RESIDUAL_TEXT}, @r${i}) > 0 OR EXISTS (SELECT 1 FROM addresses a
          WHERE a.customer_id = c.id AND instr(${RESIDUAL_ADDRESS_TEXT}, @r${i}) > 0))`,
      );
    });
  }
  const { status, validPaymentMethod, dunning } = query.filters;
  if (status !== undefined) {
    where.push('c.status = @status');
    params['status'] = status;
  }
  if (validPaymentMethod !== undefined) {
    where.push('c.has_valid_payment_method = @valid');
    params['valid'] = validPaymentMethod ? 1 : 0;
  }
  if (dunning !== undefined) {
    where.push('c.has_card_error_in_dunning = @dunning');
    params['dunning'] = dunning ? 1 : 0;
  }
  return { from, where, params, rank };
}

function orderBy(built: Built, sort: SearchQuery['sort']): string {
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  if (sort.key === 'relevance') {
    // Relevance is best-first whatever the direction; without a text query, newest changes first.
    return built.rank ? `${built.rank}, c.id DESC` : 'c.updated_at DESC, c.id DESC';
  }
  return `${SORT_COLUMNS[sort.key]} ${dir}, c.id ${dir}`;
}

export function createSearchRepo(
  db: Database.Database,
  overlay: () => PendingOverlay = () => noPendingEdits,
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
  const addressesRaw = db
    .prepare('SELECT raw FROM addresses WHERE customer_id = ? ORDER BY id')
    .pluck();

  const sqlFor = (query: SearchQuery) => {
    const plan = planSearch(query.query);
    if (plan.kind === 'none') return null;
    const built = build(plan, query);
    const where = built.where.length > 0 ? `WHERE ${built.where.join(' AND ')}` : '';
    const offset = (query.page - 1) * query.pageSize;
    return {
      page: `SELECT ${ROW_COLUMNS} FROM ${built.from} ${where} ORDER BY ${orderBy(built, query.sort)}
             LIMIT ${query.pageSize} OFFSET ${offset}`,
      count: `SELECT count(*) FROM ${built.from} ${where}`,
      params: built.params,
    };
  };

  return {
    search(query) {
      const started = performance.now();
      const sql = sqlFor(query);
      if (!sql) {
        return { items: [], total: 0, page: query.page, pageSize: query.pageSize, tookMs: 0 };
      }
      const records = prepared(sql.page).all(sql.params) as RowRecord[];
      const total = prepared(sql.count).pluck().get(sql.params) as number;
      const pending = overlay().pendingFields(records.map((r) => r.id));
      const items: CustomerRow[] = records.map((r) => ({
        ...r,
        has_valid_payment_method: r.has_valid_payment_method === 1,
        has_card_error_in_dunning: r.has_card_error_in_dunning === 1,
        pending_fields: [...(pending.get(r.id) ?? [])],
      }));
      return {
        items,
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
      const built = build(plan, {
        query,
        filters,
        sort: { key: 'id', dir: 'asc' },
        page: 1,
        pageSize: 1,
      });
      const where = built.where.length > 0 ? `WHERE ${built.where.join(' AND ')}` : '';
      return prepared(`SELECT c.id FROM ${built.from} ${where} ORDER BY c.id`)
        .pluck()
        .all(built.params) as number[];
    },
    explain(query) {
      const sql = sqlFor(query);
      if (!sql) return [];
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql.page}`).all(sql.params) as {
        detail: string;
      }[];
      return rows.map((row) => row.detail);
    },
  };
}
