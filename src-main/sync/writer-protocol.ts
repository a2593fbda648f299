// Messages between the cache writer (main thread) and its worker thread.
import type { SearchQuery } from '../../src-shared/customers/views.ts';
import type { ErrorKind } from '../../src-shared/errors.ts';
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
  | { id: number; op: 'buildIndex' }
  | { id: number; op: 'close' }
  /** The exact total of a search: a read too long for the main thread, answered between writes. */
  | { id: number; op: 'count'; query: Pick<SearchQuery, 'query' | 'filters'> }
  /** Stops request `target` where it is (or drops it, if it has not started). */
  | { op: 'abort'; target: number };

export interface WriterReply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { message: string; code?: string; kind?: ErrorKind };
}
