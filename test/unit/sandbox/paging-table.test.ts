import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parseListRequest } from '../../../src-main/sandbox/paging.ts';
import { SORT_ORDERS, Table, type Row } from '../../../src-main/sandbox/table.ts';
import { createRng } from '../../../src-main/sandbox/prng.ts';

describe('cursor', () => {
  it('round-trips and rejects garbage', () => {
    const payload = {
      r: 'customers' as const,
      s: 'id-desc' as const,
      f: { status: 'ACTIVE' },
      k: 5,
      i: 5,
      d: 'next' as const,
    };
    const text = encodeCursor(payload);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(payload);
    expect(decodeCursor('not-a-cursor')).toBeNull();
  });

  it('parses page mode and refuses page_info with extra parameters', () => {
    const parsed = parseListRequest(
      'customers',
      new URLSearchParams('page=3&limit=20&status=ACTIVE&other=1'),
      ['status'],
    );
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        limit: 20,
        page: 3,
        start: { kind: 'page', offset: 40 },
        filterParams: { status: 'ACTIVE' },
      },
    });
    const cursor = encodeCursor({ r: 'customers', s: 'id-asc', f: {}, k: 1, i: 1, d: 'next' });
    expect(
      parseListRequest('customers', new URLSearchParams(`page_info=${cursor}&limit=5`), []).ok,
    ).toBe(true);
    expect(
      parseListRequest('customers', new URLSearchParams(`page_info=${cursor}&page=2`), []).ok,
    ).toBe(false);
    expect(parseListRequest('addresses', new URLSearchParams(`page_info=${cursor}`), []).ok).toBe(
      false,
    );
  });

  it('2021-11 follows `cursor` (not page_info), with only limit beside it, and has no pages', () => {
    const cursor = encodeCursor({
      r: 'payment_methods',
      s: 'id-asc',
      f: {},
      k: 1,
      i: 1,
      d: 'next',
    });
    const params = (text: string) => new URLSearchParams(text);
    const ok = parseListRequest(
      'payment_methods',
      params(`cursor=${cursor}&limit=5`),
      [],
      '2021-11',
    );
    expect(ok).toMatchObject({ ok: true, value: { limit: 5, start: { kind: 'after' } } });
    const extra = parseListRequest(
      'payment_methods',
      params(`cursor=${cursor}&customer_id=4`),
      ['customer_id'],
      '2021-11',
    );
    expect(extra).toMatchObject({
      ok: false,
      errors: { cursor: [expect.stringContaining('customer_id')] },
    });
    const paged = parseListRequest('customers', params('page=3&limit=10'), [], '2021-11');
    expect(paged).toMatchObject({ ok: true, value: { start: { kind: 'page', offset: 0 } } });
  });
});

describe('Table keyset queries', () => {
  type Item = { id: number };
  const rows = (count: number): Row<Item>[] =>
    Array.from({ length: count }, (_, i) => ({
      data: { id: i + 1 },
      created: 1000 + Math.floor(i / 3),
      updated: 0,
      rev: i + 1,
    }));

  it('walks forward and back over a filtered list without gaps or repeats', () => {
    const table = new Table<Item>();
    table.load(rows(1000));
    const predicate = (row: Row<Item>) => row.data.id % 3 !== 0;
    for (const sortBy of SORT_ORDERS) {
      const seen: number[] = [];
      let page = table.query({ sortBy, limit: 37, start: { kind: 'page', offset: 0 }, predicate });
      seen.push(...page.rows.map((r) => r.data.id));
      while (page.hasNext) {
        const last = page.rows[page.rows.length - 1] as Row<Item>;
        const key = sortBy.startsWith('id')
          ? last.data.id
          : sortBy.startsWith('created')
            ? last.created
            : last.rev;
        page = table.query({
          sortBy,
          limit: 37,
          start: { kind: 'after', key, id: last.data.id },
          predicate,
        });
        seen.push(...page.rows.map((r) => r.data.id));
      }
      expect(seen.length).toBe(667);
      expect(new Set(seen).size).toBe(667);
      const first = page.rows[0] as Row<Item>;
      const key = sortBy.startsWith('id')
        ? first.data.id
        : sortBy.startsWith('created')
          ? first.created
          : first.rev;
      const back = table.query({
        sortBy,
        limit: 37,
        start: { kind: 'before', key, id: first.data.id },
        predicate,
      });
      const index = seen.indexOf(first.data.id);
      expect(back.rows.map((r) => r.data.id)).toEqual(seen.slice(index - 37, index));
      expect(back.hasNext).toBe(true);
    }
  });

  it('stays sorted through random inserts, updates and deletes', () => {
    const table = new Table<Item>();
    table.load(rows(200));
    const rng = createRng(5);
    let rev = 1000;
    for (let i = 0; i < 500; i += 1) {
      const id = rng.between(1, 260);
      const existing = table.get(id);
      if (existing && rng.chance(0.3)) table.delete(id);
      else if (existing) table.replace({ ...existing, rev: (rev += 1) });
      else table.insert({ data: { id }, created: 5000 + i, updated: 0, rev: (rev += 1) });
    }
    const all = table.query({
      sortBy: 'updated_at-asc',
      limit: 1000,
      start: { kind: 'page', offset: 0 },
      predicate: () => true,
    });
    const revs = all.rows.map((r) => r.rev);
    expect(revs).toEqual([...revs].sort((a, b) => a - b));
    expect(all.rows.length).toBe(table.size);
  });
});
