import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-shared/errors.ts';
import type { SearchCursor, SearchInput } from '../../src-shared/customers/views.ts';
import {
  COUNT_DELAY_MS,
  SLOW_SEARCH_MS,
  useCustomersStore,
} from '../../src-renderer/stores/customers.ts';
import { deferred, fakeCore, freshPinia } from './fake-api.ts';
import { row } from './fixtures.ts';

function page(ids: number[], total = ids.length, totalExact = true) {
  return {
    items: ids.map((id) => row(id)),
    total,
    totalExact,
    page: 1,
    pageSize: 25,
    next: null as SearchCursor | null,
    tookMs: 2,
  };
}

/** A core's search over `ids` in order: by cursor when asked with one, else by page number. */
function pagedSearch(ids: number[], total = ids.length, totalExact = true) {
  return (input: SearchInput) => {
    const size = input.pageSize ?? 25;
    const start = input.after ? ids.indexOf(input.after.id) + 1 : ((input.page ?? 1) - 1) * size;
    const shown = ids.slice(start, start + size);
    const more = start + size < ids.length;
    const next = more ? { key: null, id: shown.at(-1)! } : null;
    return { ...page(shown, total, totalExact), page: input.page ?? 1, pageSize: size, next };
  };
}

describe('customers search store', () => {
  beforeEach(() => {
    freshPinia();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('searches on every keystroke, without waiting for a pause in typing', async () => {
    const core = fakeCore({
      'customers:search': (input: SearchInput) => page([input.query.length]),
    });
    const store = useCustomersStore();
    store.setQuery('a');
    store.setQuery('ad');
    store.setQuery('ada');
    const calls = core.callsTo('customers:search') as SearchInput[];
    expect(calls.map((c) => c.query)).toEqual(['a', 'ad', 'ada']);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.items.map((r) => r.id)).toEqual([3]);
    expect(store.shownQuery).toBe('ada');
  });

  it('drops an answer that arrives after a newer search was sent', async () => {
    const slow = deferred<ReturnType<typeof page>>();
    const answers = [slow.promise, Promise.resolve(page([2, 3]))];
    fakeCore({ 'customers:search': () => answers.shift() });
    const store = useCustomersStore();
    store.setQuery('old');
    store.setQuery('new');
    await vi.advanceTimersByTimeAsync(0);
    expect(store.items.map((r) => r.id)).toEqual([2, 3]);
    slow.resolve(page([99]));
    await vi.runAllTimersAsync();
    expect(store.items.map((r) => r.id)).toEqual([2, 3]);
    expect(store.shownQuery).toBe('new');
    expect(store.loading).toBe(false);
  });

  it('drops rows selected from the previous answer when the new search answers', async () => {
    const next = deferred<ReturnType<typeof page>>();
    const answers = [Promise.resolve(page([1, 2])), next.promise];
    fakeCore({ 'customers:search': () => answers.shift() });
    const store = useCustomersStore();
    store.setQuery('old');
    await vi.advanceTimersByTimeAsync(0);
    store.setQuery('new');
    // Picked while the old rows are still on screen, before the answer to "new" arrives.
    store.selectedIds = [1, 2];
    next.resolve(page([7, 8]));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.items.map((r) => r.id)).toEqual([7, 8]);
    expect(store.selectedIds).toEqual([]);
    store.selectedIds = [7];
    answers.push(Promise.resolve(page([7, 8])));
    await store.run();
    expect(store.selectedIds).toEqual([7]);
  });

  it('counts a broad search exactly only once typing pauses', async () => {
    const core = fakeCore({
      'customers:search': () => page([1], 10_000, false),
      'customers:count': () => ({ total: 12_345 }),
    });
    const store = useCustomersStore();
    store.setQuery('g');
    await vi.advanceTimersByTimeAsync(COUNT_DELAY_MS / 2);
    store.setQuery('gm');
    await vi.advanceTimersByTimeAsync(COUNT_DELAY_MS / 2);
    store.setQuery('gma');
    expect(core.callsTo('customers:count')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(COUNT_DELAY_MS);
    expect(core.callsTo('customers:count')).toEqual([{ query: 'gma', filters: {} }]);
    expect(store.totalText).toBe('12,345');
  });

  it('shows the error of a refused search and clears stale rows', async () => {
    let fail = false;
    fakeCore({
      'customers:search': () => {
        if (fail) throw new AppError('unavailable', 'This part of the app is not available yet.');
        return page([1, 2]);
      },
    });
    const store = useCustomersStore();
    await store.run();
    expect(store.items).toHaveLength(2);
    fail = true;
    await store.run();
    expect(store.error).toMatchObject({ kind: 'unavailable' });
    expect(store.error?.message).toContain('not available yet');
    expect(store.items).toEqual([]);
    expect(store.total).toBe(0);
    fail = false;
    await store.run();
    expect(store.error).toBeNull();
  });

  it('asks page 2 at 50 a page, and starts over at page 1 when the page size changes', async () => {
    const core = fakeCore({ 'customers:search': () => page([]) });
    const store = useCustomersStore();
    store.setPageSize(50);
    store.setPage(2);
    await vi.runAllTimersAsync();
    store.setPageSize(100);
    await vi.runAllTimersAsync();
    const calls = core.callsTo('customers:search') as SearchInput[];
    expect(calls.map((c) => [c.page, c.pageSize])).toEqual([
      [1, 50],
      [2, 50],
      [1, 100],
    ]);
  });

  it('sends filters with the search and starts over at page 1', async () => {
    const core = fakeCore({ 'customers:search': () => page([]) });
    const store = useCustomersStore();
    store.page = 3;
    store.setFilter('validPaymentMethod', false);
    store.setFilter('status', 'ACTIVE');
    store.setFilter('validPaymentMethod', undefined);
    await vi.runAllTimersAsync();
    const calls = core.callsTo('customers:search') as SearchInput[];
    expect(calls.at(-1)).toMatchObject({ page: 1, filters: { status: 'ACTIVE' } });
    expect(calls.at(-1)?.filters).not.toHaveProperty('validPaymentMethod');
  });

  it('moves the highlighted row with the arrows within the page', async () => {
    fakeCore({ 'customers:search': () => page([1, 2, 3]) });
    const store = useCustomersStore();
    store.setQuery('c');
    await vi.runAllTimersAsync();
    expect(store.activeIndex).toBe(0);
    store.moveActive(1);
    store.moveActive(1);
    store.moveActive(1);
    expect(store.activeRow?.id).toBe(3);
    store.moveActive(-5);
    expect(store.activeRow?.id).toBe(1);
  });

  it('shows "at least" for a broad search, then the exact total the core counts', async () => {
    const count = deferred<{ total: number }>();
    const core = fakeCore({
      'customers:search': () => page([1, 2], 10_000, false),
      'customers:count': () => count.promise,
    });
    const store = useCustomersStore();
    store.setQuery('gmail');
    store.setFilter('status', 'ACTIVE');
    await vi.runAllTimersAsync();
    expect(store.totalText).toBe('10,000+');
    expect(core.callsTo('customers:count')).toEqual([
      { query: 'gmail', filters: { status: 'ACTIVE' } },
    ]);
    count.resolve({ total: 250_264 });
    await vi.runAllTimersAsync();
    expect(store.total).toBe(250_264);
    expect(store.totalExact).toBe(true);
    expect(store.totalText).toBe('250,264');
  });

  it('drops an exact total that arrives after a newer search answered', async () => {
    const count = deferred<{ total: number }>();
    const answers = [page([1], 10_000, false), page([5, 6])];
    fakeCore({
      'customers:search': () => answers.shift(),
      'customers:count': () => count.promise,
    });
    const store = useCustomersStore();
    store.setQuery('com');
    await vi.runAllTimersAsync();
    store.setQuery('smith');
    await vi.runAllTimersAsync();
    count.resolve({ total: 99_999 });
    await vi.runAllTimersAsync();
    expect(store.totalText).toBe('2');
  });

  it('shows only the latest search when answers come back in any order, and counts it alone', async () => {
    const answers = [1, 2, 3].map(() => deferred<ReturnType<typeof page>>());
    const core = fakeCore({
      'customers:search': () => answers[core.callsTo('customers:search').length - 1]!.promise,
      'customers:count': (input: { query: string }) => ({ total: input.query.length * 1000 }),
    });
    const store = useCustomersStore();
    store.setQuery('j');
    store.setQuery('jo');
    store.setQuery('joh');
    answers[1]!.resolve(page([2], 10_000, false));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.items).toEqual([]);
    expect(store.loading).toBe(true);
    answers[2]!.resolve(page([3], 10_000, false));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.items.map((r) => r.id)).toEqual([3]);
    answers[0]!.resolve(page([1]));
    await vi.runAllTimersAsync();
    expect(store.items.map((r) => r.id)).toEqual([3]);
    expect(store.shownQuery).toBe('joh');
    expect(store.loading).toBe(false);
    expect(core.callsTo('customers:count')).toEqual([{ query: 'joh', filters: {} }]);
    expect(store.total).toBe(3000);
  });

  it('asks for the next page after the shown one by its cursor, and for a jump by number', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => 1000 - i);
    const core = fakeCore({ 'customers:search': pagedSearch(ids) });
    const store = useCustomersStore();
    store.setQuery('a');
    await vi.advanceTimersByTimeAsync(0);
    store.setPage(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.items[0]?.id).toBe(975);
    store.setPage(4);
    await vi.advanceTimersByTimeAsync(0);
    const calls = core.callsTo('customers:search') as SearchInput[];
    expect(calls.map((c) => [c.page, c.after?.id])).toEqual([
      [1, undefined],
      [2, 976],
      [4, undefined],
    ]);
    expect(store.items[0]?.id).toBe(925);
  });

  it('says it is searching only when an answer takes longer than a moment', async () => {
    const answer = deferred<ReturnType<typeof page>>();
    fakeCore({ 'customers:search': () => answer.promise });
    const store = useCustomersStore();
    store.setQuery('slow');
    await vi.advanceTimersByTimeAsync(SLOW_SEARCH_MS - 50);
    expect(store.loading).toBe(true);
    expect(store.slow).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(store.slow).toBe(true);
    answer.resolve(page([1]));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.slow).toBe(false);
    expect(store.loading).toBe(false);
  });
});
