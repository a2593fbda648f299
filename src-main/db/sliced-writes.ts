// Big writes without holding the write lock for long: the work is cut into slices, each its own
// transaction sized to a time budget, with a turn of the event loop between slices (on the cache
// writer's thread, that is when aborts and new requests come in; a main-thread write waits for
// at most one slice). Slices commit separately: a step that needs "all or nothing" commits its
// marker (the sweep's completion) in its last slice and relies on the writes being idempotent.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CacheStore } from './cache-store.ts';

export interface SlicerOptions {
  /** Target length of one slice, transaction and commit included. */
  budgetMs?: number;
  /** How a slice gives way to the event loop (tests pass their own). */
  yieldToLoop?: () => Promise<unknown>;
  now?: () => number;
  /** Slice time between two WAL checkpoints (each runs in its own turn). */
  checkpointEveryMs?: number;
}

export interface Slicer {
  /** Runs `step(size)` a slice at a time until it returns true (or `signal` aborts). */
  repeat(kind: string, step: (size: number) => boolean, signal?: AbortSignal): Promise<void>;
  /**
   * Builds the deferred part of the search index, if any, then merges its segments; a complete
   * index that changes have left in more than `MERGE_ABOVE_SEGMENTS` segments is merged down
   * too. Stops early when `signal` aborts (a later call goes on with the merge).
   */
  buildSearchIndex(signal?: AbortSignal): Promise<void>;
}

/**
 * Every write transaction adds a segment to the trigram index (FTS5 merges them four at a time,
 * level by level). Each is one more place a lookup by id goes: after 10k changed customers at 1M,
 * 18 segments made a sorted page that tests entries against the index 3× slower (53 vs 18 ms).
 * Merging down is ~15 s of this thread's time at 1M (1.5 s at 100k), so it waits for many.
 */
export const MERGE_ABOVE_SEGMENTS = 8;

const MIN_ROWS = 10;
const MAX_ROWS = 5000;
// Merge work comes in leaf pages, each of which may pull in much more input than it writes.
const LIMITS: Record<string, { first: number; min: number; max: number }> = {
  merge: { first: 8, min: 2, max: 32 },
};

export function createSlicer(store: CacheStore, options: SlicerOptions = {}): Slicer {
  // Well under the 16 ms a frame allows: a shared machine stretches slices now and then.
  const budget = options.budgetMs ?? 6;
  const yieldToLoop = options.yieldToLoop ?? (() => nextTurn());
  const now = options.now ?? (() => performance.now());
  const checkpointEvery = options.checkpointEveryMs ?? 80;
  // Rows per slice, per kind of work, learnt from the last slices' speed.
  const sizes = new Map<string, number>();
  let sinceCheckpoint = 0;

  const timed = <R>(kind: string, rows: number, work: () => R): R => {
    const started = now();
    const result = store.transaction(work);
    const ms = Math.max(0.05, now() - started);
    sinceCheckpoint += ms;
    const fitted = Math.round((rows / ms) * budget);
    const previous = sizes.get(kind) ?? fitted;
    // Grow slowly, shrink at once: one slow slice is what the budget is about.
    const next = fitted < previous ? fitted : Math.round(previous + (fitted - previous) / 4);
    const limits = LIMITS[kind];
    sizes.set(kind, Math.min(limits?.max ?? MAX_ROWS, Math.max(limits?.min ?? MIN_ROWS, next)));
    return result;
  };
  const sizeOf = (kind: string) => sizes.get(kind) ?? LIMITS[kind]?.first ?? 50;

  // A commit past the auto-checkpoint threshold would copy the whole WAL inside a slice; small
  // passive checkpoints, each in a turn of its own, keep it below that.
  const giveWay = async () => {
    await yieldToLoop();
    if (sinceCheckpoint < checkpointEvery) return;
    sinceCheckpoint = 0;
    store.checkpoint();
    await yieldToLoop();
  };

  const repeat = async (kind: string, step: (size: number) => boolean, signal?: AbortSignal) => {
    for (;;) {
      if (signal?.aborted) return;
      const size = sizeOf(kind);
      if (timed(kind, size, () => step(size))) return;
      await giveWay();
    }
  };

  /** Merges the index toward one segment, as 'optimize' does, a slice at a time. */
  const mergeDown = async (signal?: AbortSignal) => {
    let first = true;
    await repeat(
      'merge',
      (pages) => {
        const done = store.searchIndex.mergeSlice(pages, first) && !first;
        first = false;
        return done;
      },
      signal,
    );
  };

  return {
    repeat,
    async buildSearchIndex(signal) {
      const index = store.searchIndex;
      if (index.indexedThrough() === null) {
        if (index.segments() > MERGE_ABOVE_SEGMENTS) await mergeDown(signal);
        return;
      }
      // The index merges no segments while it is built: each slice is followed by a merge slice
      // of its own, and the finished index is merged down (an incremental 'optimize').
      for (;;) {
        if (signal?.aborted) return;
        const size = sizeOf('index');
        const done = timed('index', size, () => index.buildSlice(size));
        await giveWay();
        const pages = sizeOf('merge');
        timed('merge', pages, () => index.mergeSlice(pages, false));
        if (done) break;
        await giveWay();
      }
      await mergeDown(signal);
    },
  };
}
