// The pull's way to write the cache: each call goes to a worker thread that owns a second
// connection to the same file (WAL lets the main thread read meanwhile), so a first load of a
// big store never holds the main thread. The worker starts on first use and stops on close.
import { cacheFailureError } from '../db/open.ts';
import type { StoreAnswer } from '../db/store-answers.ts';
import type { PageReport, PageWrite, SweepReport, SweepWrite } from './write-ops.ts';
import type { WriterData, WriterRequest } from './writer-protocol.ts';
import { createWorkerCalls } from '../lib/worker-calls.ts';

export interface CacheWriter {
  /** One page with its checkpoint step, in one transaction (pages queued together share one). */
  writePage(page: PageWrite): Promise<PageReport>;
  /** Deletes what a full pass did not see; the last slice completes the run. */
  sweep(sweep: SweepWrite, signal?: AbortSignal): Promise<SweepReport>;
  /** What the store answered to a push, written ahead of queued pages and between slices. */
  saveAnswer(answer: StoreAnswer): Promise<void>;
  /** Builds the deferred part of the search index, if any, and merges it down. */
  buildSearchIndex(signal?: AbortSignal): Promise<void>;
  /** Lets the worker finish what it was given, then stops it (a later call starts a new one). */
  close(): Promise<void>;
}

export interface CacheWriterOptions {
  path: string;
  nativeBinding?: string | undefined;
  /** The worker's script: the `.ts` source under Node, the bundled file in the app. */
  workerUrl?: URL | string;
}

/** The worker's source, for Node (which strips its types); the app passes its built file. */
export const WRITE_WORKER_SOURCE = new URL('./write-worker.ts', import.meta.url);

/** A request without its id (one per request kind). */
type Call = WriterRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

export function createCacheWriter(options: CacheWriterOptions): CacheWriter {
  const data: WriterData = { path: options.path, nativeBinding: options.nativeBinding };
  const calls = createWorkerCalls<Call>(
    {
      url: options.workerUrl ?? WRITE_WORKER_SOURCE,
      workerData: data,
      name: 'The cache writer',
      toError: cacheFailureError,
    },
    (target) => ({ op: 'abort', target }) satisfies WriterRequest,
  );
  const call = calls.call;

  return {
    writePage: (page) => call<PageReport>({ op: 'page', page }),
    async sweep(sweep, signal) {
      const report = await call<SweepReport | null>({ op: 'sweep', sweep }, signal);
      return report ?? { customers: 0, addresses: 0, paymentMethods: 0 };
    },
    async saveAnswer(answer) {
      await call<null>({ op: 'answer', answer });
    },
    async buildSearchIndex(signal) {
      await call<unknown>({ op: 'buildIndex' }, signal);
    },
    close: () => calls.close({ op: 'close' }),
  };
}
