// A page of text hits in a sort key's order is found either by sorting every hit or by walking
// the key's index from its start; whichever runs, the page must be the one sorting every hit
// gives — including when the hits all lie at the far end of the order and the walk gives up.
import { describe, expect, it } from 'vitest';
import { distinctNewestFirst } from '../../../src-main/db/search-repo.ts';
import { chooseWalk } from '../../../src-main/db/search-query.ts';
import {
  SearchInput,
  type SearchFilters,
  type SearchInput as SearchInputType,
} from '../../../src-shared/customers/views.ts';
import { generatedCacheForFile } from './generated-cache.ts';
import { sampleCustomer } from '../../helpers/wire-samples.ts';

// Hits that all sort last by city and first by name: a walk by city meets none of them.
const CLUSTERED = Array.from({ length: 400 }, (_, i) =>
  sampleCustomer({
    id: 9_000_000 + i,
    hash: `c1u5${String(i).padStart(11, '0')}`,
    email: `aaron.qqvvx${i}@example.org`,
    first_name: 'Aaron',
    last_name: `Aaqqvvx${i}`,
    shopify_customer_id: null,
    phone: null,
    billing_city: 'Zzyzx',
    billing_zip: '92309',
    billing_company: null,
    updated_at: `2024-02-${String((i % 28) + 1).padStart(2, '0')}T10:00:00`,
  }),
);

const COLUMN = {
  name: 'name_key',
  email: 'email_key',
  id: 'id',
  updated_at: 'updated_at',
  city: 'city_key',
};

/** The page sorting every hit gives, straight from SQL. */
function reference(input: SearchInputType): { total: number; ids: number[] } {
  const query = SearchInput.parse(input);
  const key = query.sort.key as keyof typeof COLUMN;
  const dir = query.sort.dir === 'asc' ? 'ASC' : 'DESC';
  const hits = cached.store.search.ids({ query: query.query, filters: query.filters });
  const ids = cached.store.db
    .prepare(
      `SELECT id FROM customers WHERE id IN (SELECT value FROM json_each(?))
       ORDER BY ${COLUMN[key]} ${dir}, id ${dir} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(JSON.stringify(hits), query.pageSize, (query.page - 1) * query.pageSize) as number[];
  return { total: hits.length, ids };
}

const pageOf = (input: SearchInputType) => {
  const result = cached.store.search.search(SearchInput.parse(input));
  return { total: result.total, ids: result.items.map((row) => row.id) };
};
const planOf = (input: SearchInputType) =>
  cached.store.search.explain(SearchInput.parse(input)).join('\n');

const cached = generatedCacheForFile(23, 3000, CLUSTERED);

describe('sorted pages of text hits', () => {
  it('are the pages sorting every hit gives, in every order, filter and page', () => {
    const filters: SearchFilters[] = [{}, { status: 'ACTIVE' }, { dunning: true }];
    let compared = 0;
    for (const query of ['com', 'son', 'mar', 'qqvvx', 'william', 'gmail.com']) {
      for (const key of ['name', 'email', 'id', 'updated_at', 'city'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          for (const filter of filters) {
            for (const [page, pageSize] of [
              [1, 1],
              [1, 25],
              [3, 25],
              [2, 100],
            ] as const) {
              const input = { query, filters: filter, sort: { key, dir }, page, pageSize };
              expect(pageOf(input), JSON.stringify(input)).toEqual(reference(input));
              compared += 1;
            }
          }
        }
      }
    }
    expect(compared).toBe(720);
  });

  it('lists customers with filters alone in every order, filter and page', () => {
    const filters: SearchFilters[] = [
      { status: 'ACTIVE' },
      { status: 'INACTIVE' },
      { dunning: false },
      { validPaymentMethod: true, status: 'ACTIVE' },
      { status: 'INACTIVE', dunning: true },
      { status: 'ACTIVE', validPaymentMethod: false, dunning: false },
    ];
    for (const key of ['name', 'email', 'id', 'updated_at', 'city'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const filter of filters) {
          for (const page of [1, 4]) {
            const input = { query: '', filters: filter, sort: { key, dir }, page };
            expect(pageOf(input), JSON.stringify(input)).toEqual(reference(input));
          }
        }
      }
    }
  });

  it('never lists a whole status to sort it by another key', () => {
    const common = planOf({
      query: '',
      filters: { status: 'ACTIVE' },
      sort: { key: 'name', dir: 'asc' },
    });
    expect(common).toContain('customers_by_name');
    expect(common).not.toMatch(/TEMP B-TREE/);
    const rare = planOf({
      query: '',
      filters: { status: 'INACTIVE', dunning: true },
      sort: { key: 'name', dir: 'asc' },
    });
    expect(rare).not.toContain('customers_by_status');
  });

  it('walks the sort index for common hits and sorts rare ones', () => {
    const common = planOf({ query: 'com', sort: { key: 'name', dir: 'asc' }, pageSize: 1 });
    expect(common).toContain('customers_by_name');
    // Each entry looked up in the trigram index by id (a page of one needs few entries).
    expect(common).toMatch(/VIRTUAL TABLE INDEX 0:=M/);
    expect(common).not.toMatch(/TEMP B-TREE/);
    const byStatus = planOf({
      query: 'son',
      filters: { status: 'ACTIVE' },
      sort: { key: 'updated_at', dir: 'desc' },
    });
    expect(byStatus).toContain('customers_by_status');
    expect(byStatus).toMatch(/LIST SUBQUERY/);
    expect(planOf({ query: 'qqvvx1', sort: { key: 'city', dir: 'asc' } })).toMatch(
      /USE TEMP B-TREE FOR ORDER BY/,
    );
  });

  it('still finds the hits when all of them lie past the walk', () => {
    const input = { query: 'qqvvx', sort: { key: 'city', dir: 'asc' } } as const;
    expect(planOf(input)).toContain('customers_by_city');
    const page = pageOf(input);
    expect(page.total).toBe(CLUSTERED.length);
    expect(page).toEqual(reference(input));
  });
});

describe('choosing how to find a sorted page', () => {
  const walk = (trigrams: number, need: number, hits: number, textHits = hits) =>
    chooseWalk({ trigrams, need, hits, textHits, customers: 1_000_000, check: 'none' });

  it('probes the trigram index when hits are everywhere, lists them when middling, else sorts', () => {
    expect(walk(1, 25, 100_000)?.test).toBe('probe');
    expect(walk(5, 25, 10_000)?.test).toBe('list');
    expect(walk(3, 25, 150)).toBeNull();
    expect(walk(1, 1_000, 150)).toBeNull();
    expect(walk(1, 25, 0)).toBeNull();
  });

  it('walks at least three times the entries expected, longer when sorting would cost more', () => {
    const spread = walk(1, 25, 100_000)!;
    expect(spread.budget).toBeGreaterThanOrEqual(3 * 250 + 64);
    const fewer = walk(1, 25, 50_000)!;
    expect(fewer.budget).toBeGreaterThanOrEqual(3 * 500 + 64);
    expect(fewer.budget).toBeLessThan(spread.budget);
  });

  it('sorts when a walk three times as long as expected could cost more than half of sorting', () => {
    // 189 of 100,000 text hits pass rare filters: 132k entries expected, each maybe checked.
    const input = { trigrams: 3, need: 25, textHits: 100_000, customers: 1_000_000 };
    expect(chooseWalk({ ...input, hits: 189, check: 'flags' })).toBeNull();
    expect(chooseWalk({ ...input, hits: 3_000, check: 'flags' })?.test).toBe('list');
  });

  it('counts reading the rows of text hits that the filters then leave out', () => {
    // 3,000 of 120,000 text hits pass the filters: sorting reads all 120,000 rows.
    expect(walk(1, 75, 3_000)).toBeNull();
    expect(walk(1, 75, 3_000, 120_000)?.test).toBe('list');
  });

  it('walks less far when every hit met must be checked on its row', () => {
    const input = { trigrams: 3, need: 25, hits: 3_000, textHits: 100_000, customers: 1_000_000 };
    const flags = chooseWalk({ ...input, check: 'flags' })!;
    const row = chooseWalk({ ...input, check: 'row' })!;
    expect(row.budget).toBeLessThan(flags.budget);
  });
});

describe('merging the id lists of a one- or two-letter prefix', () => {
  const reference = (lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => b - a);
  const random = (seed: number) => {
    let state = seed;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state;
    };
  };

  it('gives every id once, highest first, however many and however large', () => {
    const next = random(7);
    const many = [0, 1, 2].map(() => Array.from({ length: 3000 }, () => next() % 200_000));
    many.push(many[0]!.slice(0, 500));
    expect(Array.from(distinctNewestFirst(many))).toEqual(reference(many));
    const few = [[5, 3, 9], [3], [], [9, 1]];
    expect(Array.from(distinctNewestFirst(few))).toEqual([9, 5, 3, 1]);
    const wide = [[2 ** 40, 7, 2 ** 33], Array.from({ length: 5000 }, (_, i) => i * 3)];
    expect(Array.from(distinctNewestFirst(wide))).toEqual(reference(wide));
    expect(Array.from(distinctNewestFirst([]))).toEqual([]);
  });
});
