// The pull's way to write the cache: each call goes to a worker thread that owns a second
// connection to the same file (WAL lets the main thread read meanwhile), so a first load of a
// big store never holds the main thread. Exact totals of broad searches (tens of ms at 1M
// customers) are counted on that connection too. The worker starts on first use and stops on
// close.
import { Worker } from 'node:worker_threads';
import type { SearchQuery } from '../../src-shared/customers/views.ts';
import { AppError } from '../../src-shared/errors.ts';
import { CORRUPT_MESSAGE, isCorruptionError } from '../db/open.ts';
import type { PageReport, PageWrite, SweepReport, SweepWrite } from './write-ops.ts';
import type { WriterData, WriterReply, WriterRequest } from './writer-protocol.ts';

export interface CacheWriter {
  /** One page with its checkpoint step, in one transaction (pages queued together share one). */
  writePage(page: PageWrite): Promise<PageReport>;
  /** Deletes what a full pass did not see; the last slice completes the run. */
  sweep(sweep: SweepWrite, signal?: AbortSignal): Promise<SweepReport>;
  /** Builds the deferred part of the search index, if any, and merges it down. */
  buildSearchIndex(signal?: AbortSignal): Promise<void>;
  /** The exact number of customers a search matches, counted off the main thread. */
  count(query: Pick<SearchQuery, 'query' | 'filters'>): Promise<number>;
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

function toError(error: NonNullable<WriterReply['error']>): Error {
  if (error.kind) return new AppError(error.kind, error.message);
  if (isCorruptionError(error)) return new AppError('unavailable', CORRUPT_MESSAGE);
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

export function createCacheWriter(options: CacheWriterOptions): CacheWriter {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  const failAll = (error: Error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    if (worker) return worker;
    const data: WriterData = { path: options.path, nativeBinding: options.nativeBinding };
    const started = new Worker(options.workerUrl ?? WRITE_WORKER_SOURCE, { workerData: data });
    started.on('message', (message: WriterReply) => {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      // An idle worker must not keep a Node process (tests, CLI) alive.
      if (pending.size === 0) started.unref();
      if (message.ok) call.resolve(message.value);
      else call.reject(toError(message.error ?? { message: 'The cache writer failed.' }));
    });
    started.on('error', (error) => {
      failAll(
        new AppError('unavailable', `The cache writer stopped: ${error.message}`, {
          cause: error,
        }),
      );
    });
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll(new AppError('unavailable', 'The cache writer stopped before it was done.'));
    });
    worker = started;
    return started;
  };

  const call = <T>(request: Call, signal?: AbortSignal) => {
    const target = start();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      target.ref();
      target.postMessage({ ...request, id } as WriterRequest);
      if (signal) {
        const abort = () => target.postMessage({ op: 'abort', target: id } satisfies WriterRequest);
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      }
    });
  };

  return {
    writePage: (page) => call<PageReport>({ op: 'page', page }),
    async sweep(sweep, signal) {
      const report = await call<SweepReport | null>({ op: 'sweep', sweep }, signal);
      return report ?? { customers: 0, addresses: 0, paymentMethods: 0 };
    },
    count: (query) => call<number>({ op: 'count', query }),
    async buildSearchIndex(signal) {
      await call<unknown>({ op: 'buildIndex' }, signal);
    },
    async close() {
      const current = worker;
      if (!current) return;
      // The worker closes its connection first; then it is stopped.
      await call<unknown>({ op: 'close' }).catch(() => undefined);
      if (worker === current) worker = null;
      await current.terminate();
    },
  };
}
