import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  LIVE_STATES,
  type EditState,
  type EditView,
  type OutboxSummary,
  type Resolution,
} from '../../src-shared/outbox/edits.ts';
import { getApi } from '../api/index.ts';
import { attempt, type UiError } from '../lib/errors.ts';

/** What the outbox lists by default: the live edits, as main counts them. */
export const OPEN_STATES: EditState[] = [...LIVE_STATES];
export const OUTBOX_PAGE_SIZES = [25, 50, 100] as const;
/** The largest page outbox:list gives: a batch's edits are counted this many at a time. */
const COUNT_PAGE = 200;

/** Where one bulk edit's unsent edits are: still on their way, or needing the merchant. */
export interface BatchCounts {
  waiting: number;
  failed: number;
  conflict: number;
}

/** Per-field choices of a conflict resolution, folded to the shortest form the API takes. */
export function resolutionOf(choices: Record<string, 'mine' | 'theirs'>): Resolution {
  const values = Object.values(choices);
  if (values.length > 0 && values.every((v) => v === 'mine')) return 'mine';
  if (values.length > 0 && values.every((v) => v === 'theirs')) return 'theirs';
  return { fields: { ...choices } };
}

export const useOutboxStore = defineStore('outbox', () => {
  const summary = ref<OutboxSummary | null>(null);
  const items = ref<EditView[]>([]);
  const total = ref(0);
  const states = ref<EditState[]>([...OPEN_STATES]);
  const page = ref(1);
  const pageSize = ref<number>(50);
  const loading = ref(false);
  const busy = ref(false);
  const error = ref<UiError | null>(null);
  const actionError = ref<UiError | null>(null);
  /** Whether the outbox screen is showing, so change events reload its list. */
  const watching = ref(false);
  let sequence = 0;
  let unsubscribe: (() => void) | null = null;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;

  const openCount = computed(() => {
    const c = summary.value?.counts;
    return c ? c.pending + c.in_flight + c.failed + c.conflict : 0;
  });
  const needsAttention = computed(() => {
    const c = summary.value?.counts;
    return c ? c.failed + c.conflict : 0;
  });
  const waiting = computed(() => {
    const c = summary.value?.counts;
    return c ? c.pending + c.in_flight : 0;
  });

  async function loadSummary() {
    const result = await attempt(() => getApi().outbox.summary());
    if (result.ok) summary.value = result.value;
    return result;
  }

  async function load() {
    const mine = ++sequence;
    loading.value = true;
    const result = await attempt(() =>
      getApi().outbox.list({
        states: states.value,
        limit: pageSize.value,
        offset: (page.value - 1) * pageSize.value,
      }),
    );
    if (mine !== sequence) return;
    loading.value = false;
    if (result.ok) {
      items.value = result.value.items;
      total.value = result.value.total;
      summary.value = result.value.summary;
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  function setStates(next: EditState[]) {
    states.value = next.length > 0 ? next : [...OPEN_STATES];
    page.value = 1;
    void load();
  }

  function setPage(next: number) {
    page.value = next;
    void load();
  }

  function setPageSize(next: number) {
    if (next === pageSize.value) return;
    pageSize.value = next;
    page.value = 1;
    void load();
  }

  /**
   * Counts one bulk edit's edits that are not yet sent, by state. The list has no batch filter,
   * so the unsettled edits are read a page at a time and those of the batch counted: other
   * edits waiting in the outbox are no part of this bulk edit's progress.
   */
  async function batchCounts(batchId: string) {
    return attempt(async () => {
      const counts: BatchCounts = { waiting: 0, failed: 0, conflict: 0 };
      for (let offset = 0; ; offset += COUNT_PAGE) {
        const { items: rows, total: all } = await getApi().outbox.list({
          states: OPEN_STATES,
          limit: COUNT_PAGE,
          offset,
        });
        for (const edit of rows) {
          if (edit.batchId !== batchId) continue;
          if (edit.state === 'failed') counts.failed++;
          else if (edit.state === 'conflict') counts.conflict++;
          else counts.waiting++;
        }
        if (rows.length < COUNT_PAGE || offset + COUNT_PAGE >= all) return counts;
      }
    });
  }

  function subscribe() {
    if (unsubscribe) return;
    try {
      unsubscribe = getApi().on('outbox:changed', (next) => {
        summary.value = next;
        if (!watching.value) return;
        // Bursts of changes (a bulk edit draining) reload the list once.
        if (reloadTimer) clearTimeout(reloadTimer);
        reloadTimer = setTimeout(() => void load(), 300);
      });
    } catch {
      // No core; the shell shows why.
    }
  }

  async function act<T>(call: () => Promise<T>) {
    busy.value = true;
    const result = await attempt(call);
    busy.value = false;
    actionError.value = result.ok ? null : result.error;
    if (result.ok) await load();
    return result;
  }

  const retry = (ids: number[]) => act(() => getApi().outbox.retry({ ids }));
  const discard = (ids: number[]) => act(() => getApi().outbox.discard({ ids }));
  const push = () => act(() => getApi().outbox.push());
  const resolve = (id: number, resolution: Resolution) =>
    act(() => getApi().outbox.resolve({ id, resolution }));

  async function exportAudit() {
    return attempt(async () => (await getApi().outbox.exportAudit()).csv);
  }

  return {
    summary,
    items,
    total,
    states,
    page,
    pageSize,
    loading,
    busy,
    error,
    actionError,
    watching,
    openCount,
    needsAttention,
    waiting,
    loadSummary,
    load,
    setStates,
    setPage,
    setPageSize,
    batchCounts,
    subscribe,
    retry,
    discard,
    push,
    resolve,
    exportAudit,
  };
});
