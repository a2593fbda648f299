// Messages between the search reader (main thread) and its worker thread.
import type { SearchQuery } from '../../../src-shared/customers/views.ts';

export interface ReaderData {
  path: string;
  nativeBinding?: string | undefined;
}

export type ExportQuery = Pick<SearchQuery, 'query' | 'filters' | 'sort'>;

export type ReaderRequest =
  | { op: 'search'; query: SearchQuery }
  | { op: 'count'; query: Pick<SearchQuery, 'query' | 'filters'> }
  /** The next chunk of export `exportId` (started by its first call), or null after the last. */
  | { op: 'exportNext'; exportId: number; query: ExportQuery; chunkSize: number }
  /** Ends export `exportId` early (cancelled, or its file failed). */
  | { op: 'exportClose'; exportId: number }
  | { op: 'close' };
