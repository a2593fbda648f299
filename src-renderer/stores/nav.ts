import { defineStore } from 'pinia';
import { ref } from 'vue';

export type View = 'customers' | 'customer' | 'outbox' | 'settings';

/** Which screen shows; a reactive switch instead of a router (no URLs to guard in Electron). */
export const useNavStore = defineStore('nav', () => {
  const view = ref<View>('customers');
  const customerId = ref<number | null>(null);
  /** Bumped to ask the search box to take focus (Ctrl/Cmd+K, back from a customer). */
  const searchFocusRequest = ref(0);
  /** Whether that focus selects the query, so typing replaces it (Ctrl/Cmd+K). */
  const searchSelect = ref(false);

  function go(next: View) {
    view.value = next;
    if (next === 'customers') {
      searchSelect.value = false;
      searchFocusRequest.value++;
    }
  }

  function openCustomer(id: number) {
    customerId.value = id;
    view.value = 'customer';
  }

  /** Ctrl/Cmd+K: the search box, its query selected as in a browser's address bar. */
  function focusSearch() {
    go('customers');
    searchSelect.value = true;
  }

  return { view, customerId, searchFocusRequest, searchSelect, go, openCustomer, focusSearch };
});
