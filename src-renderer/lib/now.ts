import { onBeforeUnmount, onMounted, ref } from 'vue';

/** The current time as a ref, ticking every `everyMs`, for "3 minutes ago" labels. */
export function useNow(everyMs = 15_000) {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), everyMs);
  });
  onBeforeUnmount(() => {
    if (timer) clearInterval(timer);
  });
  return now;
}
