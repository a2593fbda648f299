import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Notice {
  text: string;
  color: 'info' | 'warning' | 'error' | 'success';
}

/** Short messages for the snackbar: app:notice events and results of actions. */
export const useNoticesStore = defineStore('notices', () => {
  const queue = ref<Notice[]>([]);

  function push(text: string, color: Notice['color'] = 'info') {
    queue.value.push({ text, color });
  }

  return { queue, push };
});
