/**
 * Runs `work` and reports how long it took and the longest this thread was held meanwhile: the
 * largest gap between ticks of a 5 ms interval, the last one up to the end included (a thread
 * held throughout shows one gap as long as the work).
 */
export async function heldWhile<T>(work: () => Promise<T>) {
  let last = performance.now();
  let heldMs = 0;
  const tick = () => {
    const now = performance.now();
    heldMs = Math.max(heldMs, now - last);
    last = now;
  };
  const timer = setInterval(tick, 5);
  const started = performance.now();
  try {
    const value = await work();
    tick();
    return { value, ms: performance.now() - started, heldMs };
  } finally {
    clearInterval(timer);
  }
}
