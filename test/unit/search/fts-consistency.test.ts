// The trigram index must say what a plain substring scan of the same fields says — after
// updates, deletions and addresses moving between customers, and while a first load's deferred
// index is only partly built.
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheStore } from '../../../src-main/db/cache-store.ts';
import { searchDocument } from '../../../src-main/db/search-document.ts';
import { createSlicer } from '../../../src-main/db/sliced-writes.ts';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import type { Customer } from '../../../src-shared/customers/model.ts';
import { loadCache, tempCache } from '../../helpers/cache.ts';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** A small deterministic PRNG, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Words (no spaces) of every customer's document: what the reference scan looks in. */
function referenceWords(store: CacheStore): Map<number, string[]> {
  const customers = store.db.prepare('SELECT doc FROM customers').pluck().all() as string[];
  const words = new Map<number, string[]>();
  for (const text of customers) {
    const customer = JSON.parse(text) as Customer;
    const addresses = store.addresses.ofCustomer(customer.id);
    const doc = searchDocument(customer, addresses);
    const all = [doc.name, doc.email, doc.place, doc.ids, doc.phone].join(' ');
    words.set(
      customer.id,
      fold(all)
        .split(/[\s|]+/)
        .filter(Boolean),
    );
  }
  return words;
}

function expected(words: Map<number, string[]>, term: string): number[] {
  const needle = fold(term);
  return [...words]
    .filter(([, list]) => list.some((word) => word.includes(needle)))
    .map(([id]) => id)
    .sort((a, b) => a - b);
}

function sampleTerms(words: Map<number, string[]>, next: () => number, count: number): string[] {
  const all = [...words.values()].flat().filter((w) => /^[a-z]{4,}$/.test(w));
  const terms: string[] = [];
  while (terms.length < count && all.length > 0) {
    const word = all[Math.floor(next() * all.length)]!;
    const length = 3 + Math.floor(next() * 3);
    const start = Math.floor(next() * Math.max(1, word.length - length + 1));
    terms.push(word.slice(start, start + length));
  }
  return terms;
}

const found = (store: CacheStore, term: string) =>
  store.search.ids({ query: term, filters: SearchInput.parse({ query: '' }).filters });

function expectSameAsScan(store: CacheStore, seed: number) {
  const words = referenceWords(store);
  for (const term of sampleTerms(words, random(seed), 40)) {
    expect(found(store, term), term).toEqual(expected(words, term));
  }
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function freshCache() {
  const cache = tempCache();
  cleanup = cache.cleanup;
  return cache.store;
}

function mutate(store: CacheStore, data: ReturnType<typeof generateCustomers>, seed: number) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const renamed = Array.from({ length: 60 }, () => pick(data.customers)).map((c, i) => ({
    ...c,
    first_name: `Zephyrine${i}`,
    billing_city: pick(data.customers).billing_city,
    updated_at: '2031-01-01T00:00:00',
  }));
  const moved = Array.from({ length: 30 }, () => pick(data.addresses)).map((a) => ({
    ...a,
    customer_id: pick(data.customers).id,
    city: 'Quillonbury',
    updated_at: '2031-01-01T00:00:00',
  }));
  store.transaction(() => {
    loadCache(store, renamed, moved);
    store.addresses.delete(Array.from({ length: 25 }, () => pick(data.addresses).id));
    store.customers.delete(Array.from({ length: 25 }, () => pick(data.customers).id));
  });
}

describe('the trigram index agrees with a substring scan', () => {
  it('after updates, deletions and addresses moving between customers', () => {
    const store = freshCache();
    const data = generateCustomers(21, 600);
    loadCache(store, data.customers, data.addresses);
    expectSameAsScan(store, 1);
    mutate(store, data, 2);
    expectSameAsScan(store, 3);
    expect(found(store, 'zephyrine')).toHaveLength(
      new Set(found(store, 'zephyrine')).size, // no duplicate hits after rewrites
    );
  });

  it('while a first load defers the index, part way through its build, and after it', async () => {
    const store = freshCache();
    const data = generateCustomers(22, 600);
    store.transaction(() => store.searchIndex.defer());
    loadCache(store, data.customers, data.addresses);
    expect(store.searchIndex.indexedThrough()).toBe(0);
    expectSameAsScan(store, 4);

    store.transaction(() => store.searchIndex.buildSlice(250));
    expect(store.searchIndex.indexedThrough()).toBeGreaterThan(0);
    mutate(store, data, 5);
    expectSameAsScan(store, 6);

    await createSlicer(store, { yieldToLoop: () => Promise.resolve() }).buildSearchIndex();
    expect(store.searchIndex.indexedThrough()).toBeNull();
    expectSameAsScan(store, 7);
    mutate(store, data, 8);
    expectSameAsScan(store, 9);
  });
});
