import type { Sleep } from '../../src-main/recharge/sleep.ts';

/** A clock that only moves when something sleeps on it: tests step time instead of waiting. */
export function fakeClock(start = 1_700_000_000_000) {
  let time = start;
  const sleeps: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    signal?.throwIfAborted();
    sleeps.push(ms);
    time += Math.max(0, ms);
  };
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    sleep,
    sleeps,
  };
}
