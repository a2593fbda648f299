import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.ts';
import { getApi } from '../api/index.ts';
import { attempt, type UiError } from '../lib/errors.ts';

export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus | null>(null);
  const error = ref<UiError | null>(null);
  let unsubscribe: (() => void) | null = null;

  const online = computed(() => status.value?.online ?? false);
  const syncing = computed(() => status.value?.state === 'syncing');
  /** 0–100 when the run knows its total, else null (an indeterminate bar). */
  const percent = computed(() => {
    const p = status.value?.progress;
    if (!p || !p.total) return null;
    return Math.min(100, Math.round((p.customers / p.total) * 100));
  });

  async function load() {
    const result = await attempt(() => getApi().sync.status());
    if (result.ok) {
      status.value = result.value;
      error.value = null;
    } else {
      error.value = result.error;
    }
  }

  function subscribe() {
    if (unsubscribe) return;
    try {
      unsubscribe = getApi().on('sync:status', (next) => {
        status.value = next;
        error.value = null;
      });
    } catch {
      // No core; the shell shows why.
    }
  }

  async function start(full = false) {
    const result = await attempt(() => getApi().sync.start({ full }));
    if (result.ok) status.value = result.value;
    else error.value = result.error;
    return result;
  }

  /** How often the core pulls by itself; the choice is this computer's, kept in Settings. */
  async function schedule(minutes: number) {
    const result = await attempt(() => getApi().sync.schedule({ intervalMs: minutes * 60_000 }));
    if (result.ok) status.value = result.value;
    return result;
  }

  async function cancel() {
    const result = await attempt(() => getApi().sync.cancel());
    if (result.ok) status.value = result.value;
    else error.value = result.error;
  }

  /** Moves a damaged cache aside and downloads the store again; unsent edits come along. */
  async function rebuildCache() {
    const result = await attempt(() => getApi().sync.rebuildCache());
    if (result.ok) await load();
    return result;
  }

  return {
    status,
    error,
    online,
    syncing,
    percent,
    load,
    subscribe,
    start,
    schedule,
    cancel,
    rebuildCache,
  };
});
