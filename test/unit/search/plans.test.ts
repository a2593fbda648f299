// Each way the search engine finds a total or a page, pinned to the index it must use: a change
// to the SQL (or to the schema) that sends one of them to a scan or a sort fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countSql,
  idsSql,
  listingCountSql,
  sampledCountSql,
  textCountSql,
} from '../../../src-main/db/search/count-sql.ts';
import { createExecutor, type Bound, type Executor } from '../../../src-main/db/search/executor.ts';
import {
  exactSql,
  headSql,
  pageSql,
  type PageOptions,
} from '../../../src-main/db/search/page-sql.ts';
import { planQuery, type PageKind, type Planned } from '../../../src-main/db/search/planner.ts';
import { walkSql } from '../../../src-main/db/search/walk-sql.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import {
  SearchInput,
  type SearchFilters,
  type SearchQuery,
  type SearchSort,
} from '../../../src-shared/customers/views.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';

let cache: ReturnType<typeof tempCache>;
let exec: Executor;

beforeAll(() => {
  cache = tempCache();
  const generated = generateCustomers(5, 300);
  loadCache(cache.store, generated.customers, generated.addresses);
  exec = createExecutor(cache.store.db);
});
afterAll(() => cache.cleanup());

const planned = (text: string, filters: SearchFilters = {}): Planned =>
  planQuery({ query: text, filters }, null)!;
const queryOf = (sort: SearchSort, filters: SearchFilters = {}): SearchQuery =>
  SearchInput.parse({ query: '', sort, filters });
const planOf = (bound: Bound) => exec.plan(bound).join('\n');
const WINDOW = { limit: 25, offset: 50 };
const NOTHING_LISTED: PageOptions = {
  exactIds: '[]',
  hitIds: null,
  walkFilters: false,
  after: null,
};
const page = (kind: PageKind, of: Planned, query: SearchQuery, options = NOTHING_LISTED) =>
  pageSql(kind, of, query, WINDOW, options);

const TRIGRAMS = /SCAN f VIRTUAL TABLE INDEX \d+:M/;
const TRIGRAM_LIST = /LIST SUBQUERY \d+\nSCAN customers_fts VIRTUAL TABLE INDEX \d+:M/;
const BY_ID = /SEARCH c USING INTEGER PRIMARY KEY/;
const SORTED = /USE TEMP B-TREE FOR ORDER BY/;

describe('relevance', () => {
  it('lists the first hits off the trigram index alone, rows by id only for filters', () => {
    const head = headSql(planned('smith'));
    expect(head.name).toBe('head');
    expect(planOf(head)).toMatch(TRIGRAMS);
    expect(planOf(head)).not.toMatch(BY_ID);
    const filtered = planOf(headSql(planned('smith', { status: 'ACTIVE' })));
    expect(filtered).toMatch(TRIGRAMS);
    expect(filtered).toMatch(BY_ID);
  });

  it('finds exact matches by id and through the email index, and few hits by their ids', () => {
    const text = planned('jane.doe@example.com');
    if (text.plan.kind !== 'fts') throw new Error('expected a trigram plan');
    const broad = planOf(exactSql(text, text.plan.exact, false, null));
    expect(broad).toContain('SEARCH customers USING INTEGER PRIMARY KEY');
    expect(broad).toContain('customers_by_email (email_key=?)');
    expect(broad).not.toMatch(/VIRTUAL TABLE/);
    expect(planOf(exactSql(text, text.plan.exact, true, '[1,2]'))).toMatch(/SCAN json_each/);
    expect(planOf(exactSql(text, text.plan.exact, true, null))).toMatch(/customers_fts VIRTUAL/);
  });

  it('pages in the trigram index order, never sorting the hits', () => {
    const query = queryOf({ key: 'relevance', dir: 'desc' });
    const relevance = page('relevance', planned('com'), query);
    expect(relevance.name).toBe('page.relevance');
    expect(planOf(relevance)).toMatch(TRIGRAMS);
    expect(planOf(relevance)).toMatch(BY_ID);
    expect(planOf(relevance)).not.toMatch(SORTED);
    const listed = page('relevance', planned('com'), query, { ...NOTHING_LISTED, hitIds: '[3]' });
    expect(listed.name).toBe('page.listed');
    expect(planOf(listed)).toMatch(/SCAN json_each/);
    expect(planOf(listed)).not.toMatch(/VIRTUAL TABLE INDEX \d+:M|TEMP B-TREE FOR ORDER BY/);
  });

  it('merges the four key ranges of a short prefix beside another short term', () => {
    const newest = page('relevance', planned('jo k'), queryOf({ key: 'relevance', dir: 'desc' }));
    expect(newest.name).toBe('page.newest');
    for (const index of ['first', 'name', 'email', 'city']) {
      expect(planOf(newest)).toContain(`customers_by_${index} (${index}_key>? AND ${index}_key<?)`);
    }
  });
});

describe('sorted pages', () => {
  it('by id: the trigram index in either direction, never a sort', () => {
    for (const dir of ['asc', 'desc'] as const) {
      const byId = page('byId', planned('com'), queryOf({ key: 'id', dir }));
      expect(byId.name).toBe('page.byId');
      expect(planOf(byId)).toMatch(TRIGRAMS);
      expect(planOf(byId)).not.toMatch(SORTED);
    }
  });

  it("listings walk the sort key's index", () => {
    const indexes = {
      name: 'by_name',
      email: 'by_email',
      city: 'by_city',
      updated_at: 'by_updated',
    };
    for (const [key, index] of Object.entries(indexes)) {
      for (const dir of ['asc', 'desc'] as const) {
        const sorted = page('sorted', planned(''), queryOf({ key: key as 'name', dir }));
        expect(sorted.name).toBe('page.sorted');
        expect(planOf(sorted), `${key} ${dir}`).toContain(`SCAN c USING INDEX customers_${index}`);
        expect(planOf(sorted), `${key} ${dir}`).not.toMatch(SORTED);
      }
    }
    expect(planOf(page('sorted', planned(''), queryOf({ key: 'id', dir: 'asc' })))).toBe('SCAN c');
    const newest = page('sorted', planned(''), queryOf({ key: 'relevance', dir: 'desc' }));
    expect(planOf(newest)).toContain('customers_by_updated');
  });

  it("after a cursor, listings start on the sort key's index at the cursor, never a sort", () => {
    const indexes = { name: 'by_name', email: 'by_email', city: 'by_city' };
    for (const [key, index] of Object.entries(indexes)) {
      for (const dir of ['asc', 'desc'] as const) {
        const after = { ...NOTHING_LISTED, after: { key: 'm', id: 5 } };
        const sorted = page('sorted', planned(''), queryOf({ key: key as 'name', dir }), after);
        // A range search on the index (its start is the cursor), not a scan from its start.
        expect(planOf(sorted), `${key} ${dir}`).toMatch(
          new RegExp(`SEARCH c USING INDEX customers_${index} \\(\\w+_key[<>]\\?\\)`),
        );
        expect(planOf(sorted), `${key} ${dir}`).not.toMatch(SORTED);
      }
    }
    const relevance = { ...NOTHING_LISTED, after: { key: 1, id: 5000 } };
    const next = page(
      'relevance',
      planned('com'),
      queryOf({ key: 'relevance', dir: 'desc' }),
      relevance,
    );
    expect(planOf(next)).toMatch(TRIGRAMS);
    expect(planOf(next)).not.toMatch(SORTED);
  });

  it('with filters: the status index, a flag partial index, or the sort key with filters checked', () => {
    const listing = (sort: SearchSort, filters: SearchFilters, walkFilters = false) =>
      planOf(
        page('sorted', planned('', filters), queryOf(sort, filters), {
          ...NOTHING_LISTED,
          walkFilters,
        }),
      );
    const newest = { key: 'updated_at', dir: 'desc' } as const;
    const byName = { key: 'name', dir: 'asc' } as const;
    expect(listing(newest, { status: 'ACTIVE' })).toContain('customers_by_status (status=?)');
    expect(listing(newest, { dunning: true })).toContain('customers_in_dunning');
    expect(listing(newest, { validPaymentMethod: false })).toContain(
      'customers_without_valid_method',
    );
    // A flag's partial index or the name index, never every customer of a status.
    expect(listing(byName, { status: 'INACTIVE', dunning: true })).not.toContain(
      'customers_by_status',
    );
    const walked = listing(byName, { status: 'ACTIVE' }, true);
    expect(walked).toContain('customers_by_name');
    expect(walked).not.toMatch(SORTED);
  });

  it('of rare text hits: listed by the trigram index, then sorted', () => {
    const sorted = planOf(page('sorted', planned('smith'), queryOf({ key: 'city', dir: 'asc' })));
    expect(sorted).toMatch(TRIGRAM_LIST);
    expect(sorted).toMatch(SORTED);
  });

  it("of common text hits: walked off the sort key's index, each entry tested", () => {
    const name = { key: 'name', dir: 'asc' } as const;
    const probe = walkSql(planned('com'), queryOf(name), 'probe', WINDOW, 1000);
    expect(probe.name).toBe('walk.probe');
    expect(planOf(probe)).toContain('SCAN s USING COVERING INDEX customers_by_name');
    expect(planOf(probe)).toMatch(/customers_fts VIRTUAL TABLE INDEX \d+:=M/);
    expect(planOf(probe)).not.toMatch(SORTED);
    const active = { status: 'ACTIVE' } as const;
    const newest = queryOf({ key: 'updated_at', dir: 'desc' }, active);
    const list = walkSql(planned('son', active), newest, 'list', WINDOW, 1000);
    expect(list.name).toBe('walk.list');
    expect(planOf(list)).toContain('customers_by_status (status=?)');
    expect(planOf(list)).toMatch(TRIGRAM_LIST);
    expect(planOf(list)).not.toMatch(SORTED);
  });
});

describe('totals and id lists', () => {
  it('count text hits in the trigram index, with filters in the flags table', () => {
    const text = countSql(planned('com'), {});
    expect(text.name).toBe('count.fts');
    expect(planOf(text)).toBe('SCAN customers_fts VIRTUAL TABLE INDEX 0:M5');
    expect(planOf(textCountSql(planned('com', { status: 'ACTIVE' })))).toBe(planOf(text));
    const filtered = countSql(planned('com', { status: 'ACTIVE' }), { status: 'ACTIVE' });
    expect(filtered.name).toBe('count.ftsFlags');
    expect(planOf(filtered)).toMatch(TRIGRAMS);
    expect(planOf(filtered)).toMatch(BY_ID);
    const sampled = sampledCountSql(planned('com', { status: 'ACTIVE' }), 251);
    expect(sampled.name).toBe('count.sampled');
    expect(planOf(sampled)).toMatch(/SCAN customers_fts VIRTUAL TABLE INDEX \d+:M/);
    expect(planOf(sampled)).toMatch(BY_ID);
  });

  it('count listings in the flags table, or through a flag partial index', () => {
    const filters = { status: 'ACTIVE', validPaymentMethod: true } as const;
    const flags = countSql(planned('', filters), filters);
    expect(flags.name).toBe('count.flags');
    expect(planOf(flags)).toBe('SCAN c');
    const dunning = countSql(planned('', { dunning: true }), { dunning: true });
    expect(dunning.name).toBe('count.rows');
    expect(planOf(dunning)).toContain('customers_in_dunning');
    const listing = listingCountSql(planned('', { status: 'ACTIVE' }), 251);
    expect(listing.name).toBe('count.listing');
    expect(planOf(listing)).toMatch(/SCAN c\n/);
    expect(planOf(listing)).not.toMatch(SORTED);
  });

  it('list ids through the trigram index', () => {
    const ids = idsSql(planned('smith'));
    expect(planOf(ids)).toMatch(TRIGRAM_LIST);
    expect(planOf(ids)).toMatch(BY_ID);
  });
});
