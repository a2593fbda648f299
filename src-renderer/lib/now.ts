import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

// One clock for every time label on screen: a table of 50 rows re-renders once per tick, not on
// 50 timers of its own.
const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/** The current time as a ref, ticking every 15 s while a component uses it. */
export function useNow(): Ref<number> {
  onMounted(() => {
    now.value = Date.now();
    users++;
    timer ??= setInterval(() => (now.value = Date.now()), 15_000);
  });
  onBeforeUnmount(() => {
    users--;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return now;
}
