// A statement's text depends only on a search's shape, never on its values, and the statements
// kept prepared are bounded: what used to grow the process by ~19 KB per search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchWorkload } from '../../../bench/search-workload.ts';
import { createSearchEngine, type SearchRepo } from '../../../src-main/db/search/engine.ts';
import { createExecutor, type Bound, type Executor } from '../../../src-main/db/search/executor.ts';
import { createLookups } from '../../../src-main/db/search/lookups.ts';
import { createLru } from '../../../src-main/db/search/lru.ts';
import { noPendingEdits } from '../../../src-main/db/search/rows.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import {
  SearchInput,
  type SearchInput as SearchInputType,
} from '../../../src-shared/customers/views.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';

let cache: ReturnType<typeof tempCache>;

beforeAll(() => {
  cache = tempCache();
  const generated = generateCustomers(41, 2000);
  loadCache(cache.store, generated.customers, generated.addresses);
});
afterAll(() => cache.cleanup());

/** An engine whose every statement run is recorded. */
function recorded(capacity?: number): { engine: SearchRepo; ran: Bound[]; exec: Executor } {
  const inner = createExecutor(cache.store.db, capacity);
  const ran: Bound[] = [];
  const exec: Executor = {
    rows: (bound) => (ran.push(bound), inner.rows(bound)),
    column: (bound) => (ran.push(bound), inner.column(bound)),
    first: (bound) => (ran.push(bound), inner.first(bound)),
    plan: (bound) => inner.plan(bound),
    get cached() {
      return inner.cached;
    },
  };
  const engine = createSearchEngine({
    exec,
    lookups: createLookups(cache.store.db),
    overlay: () => noPendingEdits,
    indexedThrough: () => null,
    exactTotalUpTo: 250,
  });
  return { engine, ran, exec };
}

const textsOf = (input: SearchInputType) => {
  const { engine, ran } = recorded();
  engine.search(SearchInput.parse(input));
  return ran.map((bound) => `${bound.name}: ${bound.sql}`);
};

describe('statement text', () => {
  // Values may change the way a search runs (few hits are listed, many sampled): each pair has
  // the same hits or runs the same way whatever they are, with other texts, values and pages.
  it('is the same for searches that run the same way, whatever their values', () => {
    const newest = { key: 'updated_at', dir: 'desc' } as const;
    const pairs: [SearchInputType, SearchInputType][] = [
      [{ query: 'smith' }, { query: 'SMITH', page: 3, pageSize: 10 }],
      [
        { query: 'com', page: 2 },
        { query: 'COM', page: 7, pageSize: 50 },
      ],
      [
        { query: 'son', filters: { status: 'ACTIVE' }, sort: { key: 'id', dir: 'asc' }, page: 3 },
        { query: 'SON', filters: { status: 'ACTIVE' }, sort: { key: 'id', dir: 'asc' }, page: 9 },
      ],
      [
        { query: '', filters: { status: 'ACTIVE' }, sort: newest, page: 2 },
        { query: '', filters: { status: 'INACTIVE' }, sort: newest, page: 5, pageSize: 50 },
      ],
      [
        { query: 'jo k', filters: { dunning: true } },
        { query: 'JO K', filters: { dunning: true }, page: 2, pageSize: 5 },
      ],
    ];
    for (const [one, other] of pairs) {
      expect(textsOf(one), JSON.stringify(one)).toEqual(textsOf(other));
    }
  });

  it('never holds a value: texts, pages and sizes are parameters', () => {
    const { engine, ran } = recorded();
    const workload = searchWorkload(5);
    for (let i = 0; i < 1500; i += 1) engine.search(workload.next());
    engine.count({ query: 'gmail', filters: { status: 'ACTIVE' } });
    engine.ids({ query: "o'brien", filters: {} });
    expect(ran.length).toBeGreaterThan(1500);
    for (const { name, sql, params } of ran) {
      expect(sql, name).not.toMatch(/(LIMIT|OFFSET)\s+\d/);
      for (const value of Object.values(params)) {
        if (typeof value === 'string' && value.length > 2 && !/^[[\]\d,]*$/.test(value)) {
          const word = new RegExp(`\\b${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
          expect(sql, `${name} holds ${value}`).not.toMatch(word);
        }
      }
    }
  });
});

describe('the statement cache', () => {
  it('keeps the capacity at most, preparing again what it dropped', () => {
    const { engine, exec } = recorded(4);
    const workload = searchWorkload(9);
    const first = SearchInput.parse({ query: 'smith' });
    const expected = engine.search(first).items;
    for (let i = 0; i < 300; i += 1) {
      engine.search(workload.next());
      expect(exec.cached).toBeLessThanOrEqual(4);
    }
    expect(engine.search(first).items).toEqual(expected);
  });

  it('prepares each statement once over a day of searching', () => {
    const db = cache.store.db;
    const prepare = db.prepare.bind(db);
    const prepared: string[] = [];
    db.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      const { engine, exec } = recorded();
      const workload = searchWorkload(13);
      for (let i = 0; i < 5000; i += 1) engine.search(workload.next());
      expect(exec.cached).toBeGreaterThan(40);
      // Beside the cache: the lookups' fixed statements (10), each prepared once.
      expect(prepared.length).toBeLessThanOrEqual(exec.cached + 10);
    } finally {
      Reflect.deleteProperty(db, 'prepare');
    }
    expect(new Set(prepared).size).toBe(prepared.length);
  });
});

describe('a least-recently-used map', () => {
  it('drops the entry used longest ago, and a read counts as a use', () => {
    const lru = createLru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    lru.set('c', 4);
    expect(lru.size).toBe(2);
    expect(lru.get('c')).toBe(4);
    expect(() => createLru(0)).toThrow(RangeError);
  });
});
