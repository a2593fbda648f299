import { describe, expect, it } from 'vitest';
import {
  SearchInput,
  type SearchCursor,
  type SearchInput as SearchInputType,
} from '../../../src-shared/customers/views.ts';
import { loadCache } from '../../helpers/cache.ts';
import { generatedCacheForFile } from './generated-cache.ts';
import { sampleCustomer } from '../../helpers/wire-samples.ts';

// Exact ZIP matches and partial phone matches, so relevance pages cross from one to the other.
const EXTRA = [
  ...[1, 2, 3].map((n) =>
    sampleCustomer({
      id: 9_000_000 + n,
      hash: `zip5555500${n}`,
      phone: null,
      billing_zip: '55555',
    }),
  ),
  ...[4, 5, 6, 7, 8].map((n) =>
    sampleCustomer({ id: 9_000_000 + n, hash: `phone555550${n}`, phone: `(612) 555-55${n}0` }),
  ),
  // No updated_at: nulls come first ascending, last descending.
  ...[9, 10, 11].map((n) =>
    sampleCustomer({ id: 9_000_000 + n, hash: `noupdate000${n}`, updated_at: null }),
  ),
];

const search = (input: SearchInputType) => cached.store.search.search(SearchInput.parse(input));

/** Every page by page number (offset), then every page by cursor: ids in order. */
function pagedBoth(input: SearchInputType) {
  const byPage: number[] = [];
  for (let page = 1; page < 400; page += 1) {
    const items = search({ ...input, page }).items;
    byPage.push(...items.map((r) => r.id));
    if (items.length < (input.pageSize ?? 25)) break;
  }
  const byCursor: number[] = [];
  let after: SearchCursor | undefined;
  for (let page = 1; page < 400; page += 1) {
    const result = search({ ...input, page, after });
    byCursor.push(...result.items.map((r) => r.id));
    if (!result.next) break;
    after = result.next;
  }
  return { byPage, byCursor };
}

const CASES: SearchInputType[] = [
  { query: '', sort: { key: 'name', dir: 'asc' }, pageSize: 100 },
  { query: '', sort: { key: 'relevance', dir: 'desc' }, pageSize: 100 },
  { query: '', sort: { key: 'updated_at', dir: 'asc' }, pageSize: 100 },
  { query: '', sort: { key: 'email', dir: 'desc' }, filters: { status: 'ACTIVE' }, pageSize: 50 },
  { query: 'son', pageSize: 20 },
  { query: 'son', sort: { key: 'city', dir: 'asc' }, pageSize: 20 },
  { query: 'son', sort: { key: 'updated_at', dir: 'desc' }, filters: { status: 'ACTIVE' } },
  { query: 'gmail', sort: { key: 'id', dir: 'desc' }, pageSize: 100 },
  { query: 'a', pageSize: 100 },
  { query: 'ma', sort: { key: 'name', dir: 'desc' }, pageSize: 100 },
  { query: '55555', pageSize: 2 },
];

const cached = generatedCacheForFile(21, 3000, EXTRA);

describe('keyset cursor paging', () => {
  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))(
    'gives the same rows as page numbers, to the last page: %s',
    (_, input) => {
      const { byPage, byCursor } = pagedBoth(input);
      expect(byPage.length).toBeGreaterThan(input.pageSize ?? 25);
      expect(byCursor).toEqual(byPage);
      expect(new Set(byCursor).size).toBe(byCursor.length);
    },
  );

  it('ranks exact matches first across pages, and the cursor says which side it is on', () => {
    const first = search({ query: '55555', pageSize: 2 });
    expect(first.next).toEqual({ key: 0, id: 9_000_002 });
    const second = search({ query: '55555', pageSize: 2, page: 2, after: first.next! });
    expect(second.items.map((r) => r.id)).toEqual([9_000_001, 9_000_008]);
    expect(second.next).toEqual({ key: 1, id: 9_000_008 });
  });

  it('has no next page after the last one', () => {
    expect(search({ query: '55555', pageSize: 100 }).next).toBeNull();
  });

  it('skips nothing and repeats nothing when rows change between pages', () => {
    const input: SearchInputType = { query: '', sort: { key: 'name', dir: 'asc' }, pageSize: 50 };
    const before = pagedBoth(input).byPage;
    const first = search(input);
    // Two customers sorting before the cursor arrive, and one already shown goes away: page
    // numbers would show a row twice.
    loadCache(
      cached.store,
      [1, 2].map((n) =>
        sampleCustomer({
          id: 9_100_000 + n,
          hash: `newcomer0000${n}`,
          first_name: 'Aaa',
          last_name: 'Aaaa',
        }),
      ),
    );
    const gone = first.items[3]!.id;
    cached.store.db.prepare('DELETE FROM customers WHERE id = ?').run(gone);
    const seen = first.items.map((r) => r.id);
    let after = first.next!;
    for (let page = 2; page < 400; page += 1) {
      const result = search({ ...input, page, after });
      seen.push(...result.items.map((r) => r.id));
      if (!result.next) break;
      after = result.next;
    }
    expect(seen).toEqual(before);
    const byOffset = search({ ...input, page: 2 }).items.map((r) => r.id);
    expect(byOffset[0]).toBe(seen[49]);
  });
});
