import { describe, expect, it } from 'vitest';
import { planSearch } from '../../../src-main/db/search-query.ts';
import {
  SearchInput,
  type SearchInput as SearchInputType,
} from '../../../src-shared/customers/views.ts';
import { appErrorOfSync } from '../../helpers/app-error.ts';
import { customerFacts } from '../../../src-main/recharge/v2021-01.ts';
import { generatedCacheForFile } from './generated-cache.ts';
import { sampleAddress, sampleCustomer } from '../../helpers/wire-samples.ts';

const JANE = sampleCustomer({
  id: 7_000_001,
  hash: 'f00dfacecafe123',
  email: 'jane.doe@example.com',
  first_name: 'Jane',
  last_name: 'Doe',
  phone: '(310) 384-3698',
  shopify_customer_id: '5123456789012',
  billing_city: 'Santa Monica',
  billing_zip: '90404',
  billing_company: 'Zyxwv Widgets LLC',
});
const PIERRE = sampleCustomer({
  id: 7_000_002,
  hash: 'beadbeadbead999',
  email: 'pierre@boulangerie.fr',
  first_name: 'Pierre',
  last_name: 'Lefèvre',
  phone: '+33 1 42 68 53 00',
  shopify_customer_id: null,
  billing_city: 'Qwertyville',
  billing_zip: 'H2X 1Y4',
  billing_company: null,
  status: 'INACTIVE',
  has_valid_payment_method: false,
  has_card_error_in_dunning: true,
});
// Its id appears inside JANE's shopify id, so the exact match must win the ranking.
const NUMERIC = sampleCustomer({
  id: 1_234_567,
  hash: 'abcabcabc000111',
  email: 'num@example.org',
  first_name: 'Numa',
  last_name: 'Ric',
  phone: null,
  shopify_customer_id: '9991234567',
  billing_city: 'Ames',
});

const search = (input: SearchInputType) => cached.store.search.search(SearchInput.parse(input));
const ids = (query: string, extra: Partial<SearchInputType> = {}) =>
  search({ query, pageSize: 100, ...extra }).items.map((row) => row.id);

const cached = generatedCacheForFile(
  11,
  3000,
  [JANE, PIERRE, NUMERIC],
  [
    sampleAddress({
      id: 95_000_001,
      customer_id: PIERRE.id,
      city: 'Ouagadougou',
      zip: 'BF-01',
      company: 'Kplmno SARL',
    }),
  ],
);

describe('search by any part of any field', () => {
  it('finds a substring of name, email, city, zip, company, hash and ids', () => {
    expect(ids('Jane Doe')).toContain(JANE.id);
    expect(ids('ne.do')).toEqual([JANE.id]);
    expect(ids('boulangerie')).toEqual([PIERRE.id]);
    expect(ids('tyvill')).toEqual([PIERRE.id]);
    expect(ids('H2X 1Y')).toEqual([PIERRE.id]);
    expect(ids('xwv widg')).toEqual([JANE.id]);
    expect(ids('facecafe')).toEqual([JANE.id]);
    expect(ids('7000002')).toEqual([PIERRE.id]);
    expect(ids('456789012')).toEqual([JANE.id]);
  });

  it('finds delivery-address cities, zips and companies too', () => {
    expect(ids('agadoug')).toEqual([PIERRE.id]);
    expect(ids('kplmno')).toEqual([PIERRE.id]);
  });

  it('ignores case and accents', () => {
    expect(ids('LEFEVRE')).toEqual([PIERRE.id]);
    expect(ids('lefèvre')).toEqual([PIERRE.id]);
  });

  it('finds a phone in any formatting', () => {
    for (const query of [
      '(310) 384-3698',
      '310.384',
      '3843698',
      '310-384-3698',
      '+1 310 384 3698',
    ]) {
      expect(ids(query), query).toContain(JANE.id);
    }
    expect(ids('42 68 53')).toContain(PIERRE.id);
  });

  it('ranks an exact id, shopify id or email match first', () => {
    const byId = ids('1234567');
    expect(byId.length).toBeGreaterThan(1);
    expect(byId[0]).toBe(NUMERIC.id);
    expect(ids('5123456789012')[0]).toBe(JANE.id);
    expect(ids('JANE.DOE@example.com')[0]).toBe(JANE.id);
  });

  it('answers one and two characters through the prefix path', () => {
    const hits = search({ query: 'Ja', pageSize: 100 });
    expect(hits.total).toBeGreaterThan(0);
    for (const row of hits.items) {
      const keys = [row.first_name, row.last_name, row.email, row.billing_city].map((k) =>
        (k ?? '').toLowerCase(),
      );
      expect(keys.some((k) => k.startsWith('ja'))).toBe(true);
    }
    expect(ids('qw')).toEqual([PIERRE.id]);
  });

  it('combines a long term with a short one', () => {
    const hits = search({ query: 'pierre le', pageSize: 100 }).items;
    expect(hits.map((row) => row.id)).toContain(PIERRE.id);
    expect(hits.length).toBeLessThan(ids('pierre').length);
  });
});

describe('search filters, sort and paging', () => {
  it('filters by status, payment method and dunning', () => {
    const inactive = search({ query: '', filters: { status: 'INACTIVE' }, pageSize: 100 });
    expect(inactive.items.every((row) => row.status === 'INACTIVE')).toBe(true);
    const dunning = search({
      query: '',
      filters: { dunning: true, validPaymentMethod: false },
      pageSize: 100,
    });
    expect(dunning.total).toBeGreaterThan(0);
    expect(dunning.items.every((r) => r.in_dunning && !r.has_valid_payment_method)).toBe(true);
    expect(ids('boulangerie', { filters: { status: 'ACTIVE' } })).toEqual([]);
  });

  it('pages through every result exactly once, with the total', () => {
    const first = search({ query: 'son', pageSize: 25, sort: { key: 'name', dir: 'asc' } });
    expect(first.total).toBeGreaterThan(50);
    const seen = new Set<number>();
    const pages = Math.ceil(first.total / 25);
    for (let page = 1; page <= pages; page += 1) {
      for (const row of search({
        query: 'son',
        page,
        pageSize: 25,
        sort: { key: 'name', dir: 'asc' },
      }).items) {
        seen.add(row.id);
      }
    }
    expect(seen.size).toBe(first.total);
  });

  it('pages a one-letter query newest first, every hit once, as the total says', () => {
    const all = cached.store.search.ids({ query: 'm', filters: {} });
    const first = search({ query: 'm', pageSize: 50 });
    expect(first.total).toBe(all.length);
    expect(first.total).toBeGreaterThan(150);
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(first.total / 50); page += 1) {
      seen.push(...search({ query: 'm', page, pageSize: 50 }).items.map((row) => row.id));
    }
    expect(seen).toEqual([...all].sort((a, b) => b - a));
  });

  it('counts text hits under filters exactly, and keeps the count in step with changes', () => {
    const expectedTotal = (query: string, status: 'ACTIVE' | 'INACTIVE') =>
      cached.store.search.ids({ query, filters: { status } }).length;
    for (const query of ['son', 'ma', 'gmail']) {
      const total = search({ query, filters: { status: 'INACTIVE' } }).total;
      expect(total).toBe(expectedTotal(query, 'INACTIVE'));
      expect(total).toBe(
        cached.store.search
          .ids({ query, filters: {} })
          .filter((id) => cached.store.customers.get(id)?.status === 'INACTIVE').length,
      );
    }
    const before = search({ query: 'boulangerie', filters: { status: 'INACTIVE' } }).total;
    expect(before).toBe(1);
    cached.store.customers.upsert(
      [customerFacts({ ...PIERRE, status: 'ACTIVE', updated_at: '2031-01-01T00:00:00' })],
      { syncedAt: 1 },
    );
    expect(search({ query: 'boulangerie', filters: { status: 'INACTIVE' } }).total).toBe(0);
    expect(search({ query: 'boulangerie', filters: { status: 'ACTIVE' } }).total).toBe(1);
    cached.store.customers.upsert(
      [customerFacts({ ...PIERRE, updated_at: '2032-01-01T00:00:00' })],
      {
        syncedAt: 1,
      },
    );
    expect(search({ query: 'boulangerie', filters: { status: 'INACTIVE' } }).total).toBe(1);
  });

  it('sorts by each key in both directions', () => {
    const keyOf: Record<
      string,
      (r: {
        id: number;
        email: string | null;
        last_name: string | null;
        first_name: string | null;
        updated_at: string | null;
        billing_city: string | null;
      }) => string | number
    > = {
      id: (r) => r.id,
      email: (r) => (r.email ?? '').toLowerCase(),
      name: (r) => `${r.last_name ?? ''} ${r.first_name ?? ''}`.toLowerCase(),
      updated_at: (r) => r.updated_at ?? '',
      city: (r) => (r.billing_city ?? '').toLowerCase(),
    };
    for (const [key, of] of Object.entries(keyOf)) {
      for (const dir of ['asc', 'desc'] as const) {
        const rows = search({ query: 'ma', pageSize: 100, sort: { key: key as 'id', dir } }).items;
        const values = rows.map(of);
        const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(values, `${key} ${dir}`).toEqual(dir === 'asc' ? sorted : sorted.reverse());
      }
    }
  });

  it('lists everything for an empty query, a page at a time', () => {
    const all = search({ query: '   ', pageSize: 10 });
    expect(all.total).toBe(3003);
    expect(all.items).toHaveLength(10);
  });

  it('returns nothing (and no error) for punctuation only or FTS syntax', () => {
    for (const query of ['!!!', '"', '(((', '*', '-', '"" OR', 'NEAR(', ':', '^']) {
      expect(() => search({ query }), query).not.toThrow();
    }
    expect(search({ query: '!!!' }).total).toBe(0);
    expect(search({ query: '"' }).total).toBe(0);
    expect(ids('jane OR pierre')).toEqual([]);
  });

  it('refuses a 10,000-character query cleanly', () => {
    const query = SearchInput.parse({ query: '' });
    const error = appErrorOfSync(() =>
      cached.store.search.search({ ...query, query: 'a'.repeat(10_000) }),
    );
    expect(error.kind).toBe('validation');
    expect(SearchInput.safeParse({ query: 'a'.repeat(10_000) }).success).toBe(false);
  });

  it('shows the customer with its addresses', () => {
    const detail = cached.store.detail(PIERRE.id);
    expect(detail.customer.email).toBe(PIERRE.email);
    expect(detail.addresses.map((a) => a.id)).toEqual([95_000_001]);
    expect(detail.pending_fields).toEqual([]);
    expect(() => cached.store.detail(1)).toThrow(/not in the local cache/);
  });
});

describe('query plans', () => {
  const plan = (query: string, extra: Partial<SearchInputType> = {}) =>
    cached.store.search.explain(SearchInput.parse({ query, ...extra })).join('\n');

  it('uses the trigram index for text, phone and id queries', () => {
    for (const query of ['smith', '(310) 384-3698', '40000123', 'jane doe']) {
      const text = plan(query);
      expect(text, query).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
      expect(text, query).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
    }
  });

  it('uses the sort-key indexes for short queries and sorted listings', () => {
    const short = plan('ja');
    for (const index of [
      'customers_by_first',
      'customers_by_name',
      'customers_by_email',
      'customers_by_city',
    ]) {
      expect(short).toContain(index);
    }
    expect(plan('', { sort: { key: 'name', dir: 'asc' } })).toContain('customers_by_name');
    expect(plan('', { sort: { key: 'updated_at', dir: 'desc' } })).toContain(
      'customers_by_updated',
    );
  });

  it('never passes user text to FTS5 as syntax', () => {
    expect(planSearch('jane OR "x" NEAR(a)')).toMatchObject({
      kind: 'fts',
      match: '"jane" AND """x""" AND "NEAR(a)"',
      residual: ['or'],
    });
  });
});
