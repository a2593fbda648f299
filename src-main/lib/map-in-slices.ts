import { setImmediate as nextTurn } from 'node:timers/promises';

/** Items mapped between two turns of the event loop: a few milliseconds of work at most. */
export const SLICE_ITEMS = 50;

/**
 * Maps a list a slice at a time, giving the event loop a turn between slices: a page of 250
 * customers mapped in one go held the main thread (IPC, windows) for one long task.
 */
export async function mapInSlices<T, U>(
  items: readonly T[],
  map: (item: T) => U,
  size = SLICE_ITEMS,
): Promise<U[]> {
  const out: U[] = [];
  for (let from = 0; from < items.length; from += size) {
    if (from > 0) await nextTurn();
    for (const item of items.slice(from, from + size)) out.push(map(item));
  }
  return out;
}
