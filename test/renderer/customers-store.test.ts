import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-shared/errors.ts';
import type { SearchInput } from '../../src-shared/customers/views.ts';
import { COUNT_DELAY_MS, useCustomersStore } from '../../src-renderer/stores/customers.ts';
import { deferred, fakeCore, freshPinia } from './fake-api.ts';
import { row } from './fixtures.ts';

function page(ids: number[], total = ids.length, totalExact = true) {
  return { items: ids.map((id) => row(id)), total, totalExact, page: 1, pageSize: 25, tookMs: 2 };
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

  it('maps table sorting to the search sort keys and back to relevance', async () => {
    const core = fakeCore({ 'customers:search': () => page([]) });
    const store = useCustomersStore();
    store.setOptions({
      page: 2,
      itemsPerPage: 50,
      sortBy: [{ key: 'billing_city', order: 'desc' }],
    });
    await vi.runAllTimersAsync();
    store.setOptions({ page: 1, itemsPerPage: 50, sortBy: [] });
    await vi.runAllTimersAsync();
    const calls = core.callsTo('customers:search') as SearchInput[];
    expect(calls[0]).toMatchObject({ page: 2, pageSize: 50, sort: { key: 'city', dir: 'desc' } });
    expect(calls[1]).toMatchObject({ page: 1, sort: { key: 'relevance', dir: 'desc' } });
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
});
