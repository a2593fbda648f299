import { setImmediate as nextTurn } from 'node:timers/promises';

/** Items mapped between two turns of the event loop: a few milliseconds of work at most. */
export const SLICE_ITEMS = 50;

/**
 * Hands the list to `work` a slice at a time, giving the event loop a turn between slices: work
 * over a whole page or a bulk edit at once held the main thread (IPC, windows) for one long task.
 */
export async function inSlices<T>(
  items: readonly T[],
  size: number,
  work: (slice: readonly T[]) => void,
): Promise<void> {
  for (let from = 0; from < items.length; from += size) {
    if (from > 0) await nextTurn();
    work(items.slice(from, from + size));
  }
}

/** Maps a list a slice at a time (a page of 250 customers mapped in one go was one long task). */
export async function mapInSlices<T, U>(
  items: readonly T[],
  map: (item: T) => U,
  size = SLICE_ITEMS,
): Promise<U[]> {
  const out: U[] = [];
  await inSlices(items, size, (slice) => {
    for (const item of slice) out.push(map(item));
  });
  return out;
}
