// Event-loop delay of the main thread (where the app serves windows and IPC), and its floor: the
// same sampler over a main thread with nothing to do, in the same run, on the same machine.
import { createHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
  /**
   * CPU time the main thread itself used between two ticks (its tasks and its share of garbage
   * collection): a late tick with little of it was the machine running other threads instead.
   */
  cpuP99Ms: number;
  cpuMaxMs: number;
}

const PERIOD = 5;
const ms = (us: number) => Math.round(us / 10) / 100;

/**
 * A 5 ms timer of its own that runs only while the measured work does: each tick records how
 * late it fired (monitorEventLoopDelay would also count the gaps between measured stretches).
 */
export function loopSampler() {
  const histogram = createHistogram();
  const cpuHistogram = createHistogram();
  const cpuNow = () => {
    const { user, system } = process.threadCpuUsage();
    return user + system;
  };
  return {
    async measured<T>(work: () => Promise<T>): Promise<T> {
      let expected = performance.now() + PERIOD;
      let cpu = cpuNow();
      let timer: NodeJS.Timeout | undefined;
      const tick = () => {
        const now = performance.now();
        histogram.record(Math.max(1, Math.round((now - expected) * 1e3)));
        const cpuAfter = cpuNow();
        cpuHistogram.record(Math.max(1, cpuAfter - cpu));
        cpu = cpuAfter;
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
    result: (): LoopDelay => ({
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      cpuP99Ms: ms(cpuHistogram.percentile(99)),
      cpuMaxMs: ms(cpuHistogram.max),
    }),
  };
}

/** The floor: the sampler alone, for `forMs` of a main thread with nothing to do. */
export async function idleFloor(forMs = 3000): Promise<LoopDelay> {
  const sampler = loopSampler();
  await sampler.measured(() => sleep(forMs));
  return sampler.result();
}

export const delayText = (d: LoopDelay) =>
  `p99 ${d.p99Ms} ms, max ${d.maxMs} ms (the thread's own CPU between ticks: p99 ${d.cpuP99Ms} ms, max ${d.cpuMaxMs} ms)`;
