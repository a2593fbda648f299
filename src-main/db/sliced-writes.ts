// Big writes without holding the main thread: the work is cut into slices, each its own
// transaction sized to a time budget, with a turn of the event loop between slices so windows and
// IPC are served. Slices commit separately, so a caller that needs "all or nothing" commits its
// marker (a pull's checkpoint) in the last slice and relies on the writes being idempotent.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CacheStore } from './cache-store.ts';

export interface SlicerOptions {
  /** Target length of one slice, transaction and commit included. */
  budgetMs?: number;
  /** How a slice gives way to the event loop (tests pass their own). */
  yieldToLoop?: () => Promise<unknown>;
  now?: () => number;
}

export interface Slicer {
  /** Writes `items` a slice at a time (`kind` names the work, whose speed is learnt); `finish` runs in the last slice's transaction. */
  write<T>(
    kind: string,
    items: readonly T[],
    writeSlice: (slice: readonly T[]) => void,
    finish?: () => void,
  ): Promise<void>;
  /** Builds the deferred part of the search index, if any; stops early when `signal` aborts. */
  buildSearchIndex(signal?: AbortSignal): Promise<void>;
}

const MIN_ROWS = 10;
const MAX_ROWS = 5000;

export function createSlicer(store: CacheStore, options: SlicerOptions = {}): Slicer {
  const budget = options.budgetMs ?? 8;
  const yieldToLoop = options.yieldToLoop ?? (() => nextTurn());
  const now = options.now ?? (() => performance.now());
  // Rows per slice, per kind of work, learnt from the last slices' speed.
  const sizes = new Map<string, number>();

  const timed = <R>(kind: string, rows: number, work: () => R): R => {
    const started = now();
    const result = store.transaction(work);
    const ms = Math.max(0.05, now() - started);
    const fitted = Math.round((rows / ms) * budget);
    const previous = sizes.get(kind) ?? fitted;
    // Grow slowly, shrink at once: one slow slice is what the budget is about.
    const next = fitted < previous ? fitted : Math.round(previous + (fitted - previous) / 4);
    sizes.set(kind, Math.min(MAX_ROWS, Math.max(MIN_ROWS, next)));
    return result;
  };

  return {
    async write(kind, items, writeSlice, finish) {
      let at = 0;
      do {
        const size = sizes.get(kind) ?? 50;
        const slice = items.slice(at, at + size);
        const last = at + slice.length >= items.length;
        timed(kind, Math.max(1, slice.length), () => {
          writeSlice(slice);
          if (last) finish?.();
        });
        at += slice.length;
        if (!last) await yieldToLoop();
      } while (at < items.length);
    },
    async buildSearchIndex(signal) {
      for (;;) {
        if (signal?.aborted || store.searchIndex.indexedThrough() === null) return;
        const size = sizes.get('index') ?? 50;
        const done = timed('index', size, () => store.searchIndex.buildSlice(size));
        if (done) return;
        await yieldToLoop();
      }
    },
  };
}
