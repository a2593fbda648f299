// Messages between the cache writer (main thread) and its worker thread.
import type { StoreAnswer } from '../db/store-answers.ts';
import type { PageWrite, SweepWrite } from './write-ops.ts';

/** Length of one slice of the sweep or the index build: how long main-thread writes may wait. */
export const WRITER_SLICE_MS = 25;

export interface WriterData {
  path: string;
  nativeBinding?: string | undefined;
}

export type WriterRequest =
  | { id: number; op: 'page'; page: PageWrite }
  | { id: number; op: 'sweep'; sweep: SweepWrite }
  /** Written as soon as it arrives, between the slices of a long run: a push waits on it. */
  | { id: number; op: 'answer'; answer: StoreAnswer }
  | { id: number; op: 'buildIndex' }
  | { id: number; op: 'close' }
  /** Stops request `target` where it is (or drops it, if it has not started). */
  | { op: 'abort'; target: number };

export type { WorkerAnswer as WriterReply } from '../lib/worker-calls.ts';
