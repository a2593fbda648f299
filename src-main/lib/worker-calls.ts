// Calls to a worker thread that answers each request by its id. The worker starts on the first
// call and stops on close; while nothing is waiting it is unref'd, so an idle worker never keeps
// a Node process (a test, the CLI) alive.
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorKind } from '../../src-shared/errors.ts';

/** An error as it crosses the thread boundary: its message, code and kind survive. */
export interface WorkerFailure {
  message: string;
  code?: string;
  kind?: ErrorKind;
}

export interface WorkerAnswer {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: WorkerFailure;
}

/** On the worker's side: what of a thrown error to send back. */
export function failureOf(error: unknown): WorkerFailure {
  const err = error as { message?: unknown; code?: unknown };
  return {
    message: typeof err?.message === 'string' ? err.message : String(error),
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
    ...(error instanceof AppError ? { kind: error.kind } : {}),
  };
}

export interface WorkerCallsOptions {
  url: URL | string;
  workerData: unknown;
  /** Names the worker in errors: "The search reader stopped…". */
  name: string;
  /** Turns a failure the worker sent back into the error the caller gets. */
  toError(failure: WorkerFailure): Error;
}

export interface WorkerCalls<Request> {
  /** Sends the request with a fresh id; the promise settles with the worker's answer to it. */
  call<T>(request: Request, signal?: AbortSignal): Promise<T>;
  /** Sends `closing` (the worker closes what it holds and answers), then stops the worker. */
  close(closing: Request): Promise<void>;
}

/**
 * `abortOf` says how to ask the worker to stop request `id`, for calls given a signal; without it
 * a signal is ignored.
 */
export function createWorkerCalls<Request extends object>(
  options: WorkerCallsOptions,
  abortOf?: (id: number) => object,
): WorkerCalls<Request> {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  const failAll = (error: Error) => {
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
  };

  const start = (): Worker => {
    if (worker) return worker;
    const started = new Worker(options.url, { workerData: options.workerData });
    started.on('message', (answer: WorkerAnswer) => {
      const call = waiting.get(answer.id);
      if (!call) return;
      waiting.delete(answer.id);
      if (waiting.size === 0) started.unref();
      if (answer.ok) call.resolve(answer.value);
      else call.reject(options.toError(answer.error ?? { message: `${options.name} failed.` }));
    });
    started.on('error', (error) => {
      failAll(
        new AppError('unavailable', `${options.name} stopped: ${error.message}`, { cause: error }),
      );
    });
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll(new AppError('unavailable', `${options.name} stopped before it was done.`));
    });
    worker = started;
    return started;
  };

  const call = <T>(request: Request, signal?: AbortSignal) => {
    const target = start();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      target.ref();
      target.postMessage({ ...request, id });
      if (signal && abortOf) {
        const abort = () => target.postMessage(abortOf(id));
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      }
    });
  };

  return {
    call,
    async close(closing) {
      const current = worker;
      if (!current) return;
      await call<unknown>(closing).catch(() => undefined);
      if (worker === current) worker = null;
      await current.terminate();
    },
  };
}
