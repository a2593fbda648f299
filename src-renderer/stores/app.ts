import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../src-shared/ipc/channels/app.ts';
import { getApi } from '../api/index.ts';
import { toUiError, type UiError } from '../lib/errors.ts';
import { useNavStore } from './nav.ts';
import { useNoticesStore } from './notices.ts';
import { useSyncStore } from './sync.ts';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const error = ref<string | null>(null);
  const failure = ref<UiError | null>(null);
  let unsubscribe: (() => void) | null = null;
  let unsubscribeCommands: (() => void) | null = null;

  async function load() {
    try {
      info.value = await getApi().app.info();
      error.value = null;
      failure.value = null;
    } catch (e) {
      failure.value = toUiError(e);
      error.value = failure.value.message;
    }
  }

  function subscribe() {
    if (unsubscribe || unsubscribeCommands) return;
    try {
      unsubscribe = getApi().on('app:notice', (notice) => {
        useNoticesStore().push(notice.message, notice.level);
      });
      // Menu items and global shortcuts of the Electron shell.
      unsubscribeCommands = getApi().on('app:command', ({ command }) => {
        const nav = useNavStore();
        if (command === 'find-customer') nav.focusSearch();
        else if (command === 'show-outbox') nav.go('outbox');
        else if (command === 'open-settings') nav.go('settings');
        else if (command === 'sync-now') void useSyncStore().start(false);
      });
    } catch {
      // No core: load() already shows why.
    }
  }

  return { info, error, failure, load, subscribe };
});
