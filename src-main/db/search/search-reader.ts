// Searches, exact totals and export chunks, read on a worker thread (read-worker.ts) with its
// own connection: at a million customers a broad search or a total takes tens of milliseconds,
// longer than the thread serving windows and IPC may be held. Pending edits' values are put on
// top here, on the main thread, from the outbox's one overlay: a page's worth of ids at a time.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SearchQuery, SearchResult } from '../../../src-shared/customers/views.ts';
import { createWorkerCalls } from '../../lib/worker-calls.ts';
import { cacheFailureError } from '../open.ts';
import { withPendingValues, type PendingOverlay } from '../pending-values.ts';
import type { ExportRow } from './export-pages.ts';
import type { ExportQuery, ReaderData, ReaderRequest } from './reader-protocol.ts';

export interface SearchReader {
  search(query: SearchQuery): Promise<SearchResult>;
  /** The exact number of customers a search matches, however many. */
  count(query: Pick<SearchQuery, 'query' | 'filters'>): Promise<number>;
  /** Every hit in sort order, `chunkSize` rows at a time, pending values applied. */
  exportPages(query: ExportQuery, chunkSize: number): AsyncIterable<ExportRow[]>;
  close(): Promise<void>;
}

export interface SearchReaderOptions {
  path: string;
  nativeBinding?: string | undefined;
  /** The worker's script: the `.ts` source under Node, the bundled file in the app. */
  workerUrl?: URL | string | undefined;
  overlay: () => PendingOverlay;
}

/** The worker's source, for Node (which strips its types). */
export const READ_WORKER_SOURCE = new URL('./read-worker.ts', import.meta.url);
const READ_WORKER_BUNDLE = 'read-worker.js';

/** The reader's script beside the writer's in the app's bundle; the source where there is none. */
export function readWorkerBeside(writerWorker: URL | string | undefined): URL | string {
  if (typeof writerWorker !== 'string') return READ_WORKER_SOURCE;
  const bundled = join(dirname(writerWorker), READ_WORKER_BUNDLE);
  return existsSync(bundled) ? bundled : READ_WORKER_SOURCE;
}

export function createSearchReader(options: SearchReaderOptions): SearchReader {
  const calls = createWorkerCalls<ReaderRequest>({
    url: options.workerUrl ?? READ_WORKER_SOURCE,
    workerData: { path: options.path, nativeBinding: options.nativeBinding } satisfies ReaderData,
    name: 'The search reader',
    toError: cacheFailureError,
  });
  let exportIds = 0;

  async function* exportPages(query: ExportQuery, chunkSize: number) {
    const exportId = ++exportIds;
    const next = () =>
      calls.call<ExportRow[] | null>({ op: 'exportNext', exportId, query, chunkSize });
    let ended = false;
    try {
      // The worker reads the next chunk while this one is formatted and written.
      let coming = next();
      for (;;) {
        const rows = await coming;
        if (rows === null) {
          ended = true;
          return;
        }
        coming = next();
        // A chunk still being read when the export stops is answered and dropped.
        coming.catch(() => undefined);
        yield withPendingValues(rows, options.overlay());
      }
    } finally {
      if (!ended) await calls.call({ op: 'exportClose', exportId }).catch(() => undefined);
    }
  }

  return {
    async search(query) {
      const result = await calls.call<SearchResult>({ op: 'search', query });
      return { ...result, items: withPendingValues(result.items, options.overlay()) };
    },
    count: (query) => calls.call<number>({ op: 'count', query }),
    exportPages,
    close: () => calls.close({ op: 'close' }),
  };
}
