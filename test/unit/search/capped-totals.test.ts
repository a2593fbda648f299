// A search stops counting at a cap ("at least N") so broad text answers as fast as narrow text;
// the page must not change because of it, and `count` must give the exact figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheStore } from '../../../src-main/db/cache-store.ts';
import { createSearchRepo, type SearchRepo } from '../../../src-main/db/search-repo.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import {
  SearchInput,
  type SearchFilters,
  type SearchInput as SearchInputType,
} from '../../../src-shared/customers/views.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';

const CAP = 250;

let cache: ReturnType<typeof tempCache>;
let store: CacheStore;
let capped: SearchRepo;

/** The capped and the uncapped answer, after checking they hold the same page. */
function bothAnswers(input: SearchInputType) {
  const query = SearchInput.parse(input);
  const full = store.search.search(query);
  const result = capped.search(query);
  const label = JSON.stringify(query);
  expect(
    result.items.map((r) => r.id),
    label,
  ).toEqual(full.items.map((r) => r.id));
  return { full, result, label, query };
}

const exactTotal = (input: SearchInputType) =>
  store.search.ids({ query: input.query, filters: SearchInput.parse(input).filters }).length;

beforeAll(() => {
  cache = tempCache();
  store = cache.store;
  const generated = generateCustomers(31, 3000);
  loadCache(store, generated.customers, generated.addresses);
  capped = createSearchRepo(store.db, undefined, () => store.searchIndex.indexedThrough(), {
    exactTotalUpTo: CAP,
  });
});
afterAll(() => cache.cleanup());

describe('totals past the cap', () => {
  it('says "at least" the cap for broad text, and count gives the exact figure', () => {
    const input = { query: 'com' };
    const exact = exactTotal(input);
    expect(exact).toBeGreaterThan(CAP);
    const result = capped.search(SearchInput.parse(input));
    expect(result).toMatchObject({ total: CAP, totalExact: false });
    expect(capped.count({ query: 'com', filters: {} })).toBe(exact);
    // The default cap is far above this cache: the same search is exact there.
    expect(store.search.search(SearchInput.parse(input))).toMatchObject({
      total: exact,
      totalExact: true,
    });
  });

  it('stays exact for text with fewer hits than the cap, for prefixes and for rare flags', () => {
    const cases: SearchInputType[] = [
      { query: 'smith', filters: { status: 'ACTIVE' } },
      { query: 'jo' },
      { query: 'k', filters: { status: 'INACTIVE' } },
      { query: '', filters: { dunning: true } },
      { query: '', filters: { status: 'INACTIVE', dunning: true } },
    ];
    for (const input of cases) {
      const result = capped.search(SearchInput.parse(input));
      expect(result.totalExact, JSON.stringify(input)).toBe(true);
      expect(result.total, JSON.stringify(input)).toBe(exactTotal(input));
    }
  });

  it('says "at least" for listings whose filters pass many, keeping every page', () => {
    const filters: SearchFilters[] = [
      { status: 'ACTIVE' },
      { status: 'ACTIVE', validPaymentMethod: true },
      { dunning: false },
    ];
    for (const filter of filters) {
      for (const key of ['relevance', 'name', 'email', 'id', 'updated_at', 'city'] as const) {
        for (const page of [1, 4, 40]) {
          const { full, result, label, query } = bothAnswers({
            query: '',
            filters: filter,
            sort: { key, dir: 'asc' },
            page,
          });
          expect(result, label).toMatchObject({ total: CAP, totalExact: false });
          expect(capped.count(query), label).toBe(full.total);
        }
      }
    }
  });

  it('never changes a page, in any order, filter or page, and never overstates the total', () => {
    const filters: SearchFilters[] = [
      {},
      { status: 'ACTIVE' },
      { dunning: true },
      { validPaymentMethod: false },
    ];
    let estimated = 0;
    for (const query of ['com', 'son', 'mar', 'gmail.com', 'an e']) {
      for (const key of ['relevance', 'name', 'id', 'updated_at', 'city'] as const) {
        for (const filter of filters) {
          for (const page of [1, 3]) {
            const answers = bothAnswers({
              query,
              filters: filter,
              sort: { key, dir: 'asc' },
              page,
            });
            const { full, result, label } = answers;
            if (result.totalExact) {
              expect(result.total, label).toBe(full.total);
            } else {
              estimated += 1;
              expect(result.total, label).toBeLessThanOrEqual(full.total);
              expect(result.total, label).toBeGreaterThan(200);
              expect(capped.count(answers.query), label).toBe(full.total);
            }
          }
        }
      }
    }
    expect(estimated).toBeGreaterThan(20);
  });

  it('counts rare filters on broad text exactly (a lower bound of a few would mislead)', () => {
    const input = { query: 'com', filters: { dunning: true } };
    const exact = exactTotal(input);
    expect(exact).toBeLessThanOrEqual(200);
    expect(capped.search(SearchInput.parse(input))).toMatchObject({
      total: exact,
      totalExact: true,
    });
  });

  it('counts nothing for text that cannot match', () => {
    expect(capped.count({ query: '!!!', filters: {} })).toBe(0);
    expect(capped.count({ query: 'zzqqxx', filters: {} })).toBe(0);
  });
});
