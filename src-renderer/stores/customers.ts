import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type {
  CustomerRow,
  SearchCursor,
  SearchFilters,
  SearchInput,
  SearchSort,
} from '../../src-shared/customers/views.ts';
import type { VersionTraits } from '../../src-shared/recharge/versions.ts';
import { getApi } from '../api/index.ts';
import { BEST_MATCH } from '../lib/column-sort.ts';
import { toUiError, type UiError } from '../lib/errors.ts';
import { useOutboxStore } from './outbox.ts';

/** A broad search's exact count waits this long for typing to pause: it costs more than a page. */
export const COUNT_DELAY_MS = 250;
/** The results say "searching" only when an answer takes longer than this. */
export const SLOW_SEARCH_MS = 150;

/** A request without its cursor: what a cursor's page answered. */
const requestKey = (asked: SearchInput) =>
  JSON.stringify([asked.query, asked.filters, asked.sort, asked.page, asked.pageSize]);

/** The search screen's state: one query, its filters, sort and page, and the rows it returned. */
export const useCustomersStore = defineStore('customers', () => {
  const query = ref('');
  const filters = ref<SearchFilters>({});
  const sort = ref<SearchSort>({ ...BEST_MATCH });
  const page = ref(1);
  const pageSize = ref(25);

  // Rows are replaced, never changed in place: no deep proxy per row and field.
  const items = shallowRef<CustomerRow[]>([]);
  const total = ref(0);
  /** False while `total` is only "at least" (a broad search); the exact figure follows. */
  const totalExact = ref(true);
  const tookMs = ref<number | null>(null);
  const loading = ref(false);
  /** A search has been running long enough to say so (a bar on every keystroke would flicker). */
  const slow = ref(false);
  const error = ref<UiError | null>(null);
  /** The query the shown rows answer (highlighting must match what is on screen). */
  const shownQuery = ref('');
  const loaded = ref(false);
  /** Counts answers that put another page on screen; a refresh of the same page does not count. */
  const pagesShown = ref(0);

  const activeIndex = ref(-1);
  const selectedIds = ref<number[]>([]);
  const allMatching = ref(false);

  let sequence = 0;
  let shownSearch = JSON.stringify(['', {}]);
  let shownPage = '';
  /** Where the page after the shown one starts, and the request that shown one answered. */
  let nextCursor: { after: SearchCursor; of: string } | null = null;
  let countTimer: ReturnType<typeof setTimeout> | null = null;
  let slowTimer: ReturnType<typeof setTimeout> | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  // Rows marked pending lose their mark when their edits land: the page is asked again once a
  // burst of outbox changes is over.
  watch(
    () => useOutboxStore().summary,
    () => {
      if (!items.value.some((row) => row.pending_fields.length > 0)) return;
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void run(), 300);
    },
  );

  const activeRow = computed(() => items.value[activeIndex.value] ?? null);
  const totalText = computed(() => `${total.value.toLocaleString()}${totalExact.value ? '' : '+'}`);
  const filterCount = computed(
    () => Object.values(filters.value).filter((v) => v !== undefined).length,
  );

  function input(overrides: Partial<SearchInput> = {}): SearchInput {
    const asked: SearchInput = {
      query: query.value,
      filters: { ...filters.value },
      sort: { ...sort.value },
      page: page.value,
      pageSize: pageSize.value,
      ...overrides,
    };
    // The page after the shown one starts at its last row, whatever changed since; page
    // numbers alone find the first pages and jumps.
    if (nextCursor && nextCursor.of === requestKey({ ...asked, page: (asked.page ?? 1) - 1 })) {
      asked.after = nextCursor.after;
    }
    return asked;
  }

  /**
   * Runs the search now, one per keystroke: a page costs a few milliseconds, so nothing waits for
   * typing to pause. An answer to an older request than the latest is dropped.
   */
  async function run() {
    if (countTimer) clearTimeout(countTimer);
    countTimer = null;
    const mine = ++sequence;
    const asked = input();
    // The request leaves before any state changes here, so it does not wait for a re-render.
    const answer = getApi().customers.search(asked);
    loading.value = true;
    if (slowTimer) clearTimeout(slowTimer);
    slowTimer = setTimeout(() => (slow.value = loading.value), SLOW_SEARCH_MS);
    try {
      const result = await answer;
      if (mine !== sequence) return;
      // Rows picked while the previous answer was still on screen belong to another search.
      const answered = JSON.stringify([asked.query, asked.filters]);
      if (answered !== shownSearch) resetSelection();
      // The same page asked again (a refresh) keeps the highlighted row where it was.
      const samePage =
        answered === shownSearch &&
        JSON.stringify([asked.sort, asked.page, asked.pageSize]) === shownPage;
      shownSearch = answered;
      shownPage = JSON.stringify([asked.sort, asked.page, asked.pageSize]);
      if (!samePage) pagesShown.value += 1;
      nextCursor = result.next ? { after: result.next, of: requestKey(asked) } : null;
      items.value = result.items;
      total.value = result.total;
      totalExact.value = result.totalExact;
      tookMs.value = result.tookMs;
      if (!result.totalExact) {
        countTimer = setTimeout(() => void countExactly(mine, asked), COUNT_DELAY_MS);
      }
      shownQuery.value = asked.query;
      error.value = null;
      activeIndex.value = samePage
        ? Math.min(activeIndex.value, result.items.length - 1)
        : result.items.length > 0 && asked.query.trim() !== ''
          ? 0
          : -1;
    } catch (e) {
      if (mine !== sequence) return;
      error.value = toUiError(e);
      items.value = [];
      total.value = 0;
      totalExact.value = true;
      activeIndex.value = -1;
    } finally {
      if (mine === sequence) {
        loading.value = false;
        slow.value = false;
        if (slowTimer) clearTimeout(slowTimer);
        loaded.value = true;
      }
    }
  }

  /** How many customers a search matches, however many (its answer may have said "at least"). */
  const exactTotal = async (asked: SearchInput) =>
    (await getApi().customers.count({ query: asked.query, filters: asked.filters ?? {} })).total;

  /** The exact total of a search answered with "at least"; dropped if another search ran since. */
  async function countExactly(mine: number, asked: SearchInput) {
    try {
      const counted = await exactTotal(asked);
      if (mine !== sequence) return;
      total.value = counted;
      totalExact.value = true;
    } catch {
      // The lower bound stays on screen; the next search asks again.
    }
  }

  // Left alone when already empty: a new empty list would re-render every row's checkbox.
  function resetSelection() {
    if (selectedIds.value.length > 0) selectedIds.value = [];
    allMatching.value = false;
  }

  function setQuery(text: string) {
    if (text === query.value) return;
    query.value = text;
    page.value = 1;
    resetSelection();
    void run();
  }

  function setFilter<K extends keyof SearchFilters>(key: K, value: SearchFilters[K] | undefined) {
    const next = { ...filters.value };
    if (value === undefined) delete next[key];
    else next[key] = value;
    filters.value = next;
    page.value = 1;
    resetSelection();
    void run();
  }

  function clearFilters() {
    filters.value = {};
    page.value = 1;
    resetSelection();
    void run();
  }

  /** From the pager: a page of the same search (the page after the shown one goes by its cursor). */
  function setPage(next: number) {
    if (next === page.value || next < 1) return;
    page.value = next;
    void run();
  }

  /** From the pager: rows per page, from the first page again. */
  function setPageSize(size: number) {
    const next = Math.min(100, Math.max(1, size));
    if (next === pageSize.value) return;
    pageSize.value = next;
    page.value = 1;
    void run();
  }

  /** From the sort menu: any order the search knows, relevance included. */
  function setSort(next: SearchSort) {
    if (next.key === sort.value.key && next.dir === sort.value.dir) return;
    sort.value = { ...next };
    page.value = 1;
    void run();
  }

  function moveActive(step: number) {
    if (items.value.length === 0) return;
    const next = activeIndex.value + step;
    activeIndex.value = Math.max(0, Math.min(items.value.length - 1, next));
  }

  /** Drops filters the store's API version cannot answer (status on 2021-11); no search runs. */
  function dropUnsupportedFilters(traits: VersionTraits) {
    if (traits.customerStatus || filters.value.status === undefined) return;
    const next = { ...filters.value };
    delete next.status;
    filters.value = next;
  }

  /** Refreshes rows after an edit elsewhere (pending markers), keeping the page. */
  function refresh() {
    void run();
  }

  return {
    query,
    filters,
    sort,
    page,
    pageSize,
    items,
    total,
    totalExact,
    totalText,
    tookMs,
    loading,
    slow,
    error,
    shownQuery,
    loaded,
    pagesShown,
    activeIndex,
    activeRow,
    selectedIds,
    allMatching,
    filterCount,
    run,
    setQuery,
    setFilter,
    clearFilters,
    setPage,
    setPageSize,
    setSort,
    moveActive,
    resetSelection,
    dropUnsupportedFilters,
    refresh,
  };
});
