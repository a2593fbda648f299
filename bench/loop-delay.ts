// Event-loop delay of the main thread (where the app serves windows and IPC), and its floor: the
// same sampler over a main thread with nothing to do, in the same run, on the same machine.
import { createHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

const PERIOD = 5;
const ms = (us: number) => Math.round(us / 10) / 100;

/**
 * A 5 ms timer of its own that runs only while the measured work does: each tick records how
 * late it fired (monitorEventLoopDelay would also count the gaps between measured stretches).
 */
export function loopSampler() {
  const histogram = createHistogram();
  return {
    async measured<T>(work: () => Promise<T>): Promise<T> {
      let expected = performance.now() + PERIOD;
      let timer: NodeJS.Timeout | undefined;
      const tick = () => {
        const now = performance.now();
        histogram.record(Math.max(1, Math.round((now - expected) * 1e3)));
        expected = now + PERIOD;
        timer = setTimeout(tick, PERIOD);
      };
      timer = setTimeout(tick, PERIOD);
      try {
        return await work();
      } finally {
        clearTimeout(timer);
      }
    },
    result: (): LoopDelay => ({ p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) }),
  };
}

/** The floor: the sampler alone, for `forMs` of a main thread with nothing to do. */
export async function idleFloor(forMs = 3000): Promise<LoopDelay> {
  const sampler = loopSampler();
  await sampler.measured(() => sleep(forMs));
  return sampler.result();
}

export const delayText = (d: LoopDelay) => `p99 ${d.p99Ms} ms, max ${d.maxMs} ms`;
