// A sandbox on its own worker thread: generating a big store, and every request it answers, run
// there, never on the thread that started it (in the app: the one serving its windows and IPC).
// The same server as startSandbox; only its URL, port and demo tokens come back (with
// `adminApi: true` the admin controls are its HTTP routes).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DemoTokens } from './auth.ts';
import type { FromSandboxWorker, SandboxWorkerData, ToSandboxWorker } from './worker-protocol.ts';

/** The worker's source, for Node (which strips its types); the app passes its built file. */
export const SANDBOX_WORKER_SOURCE = new URL('./worker-entry.ts', import.meta.url);

/** The worker's bundled file, built beside the app's other main-process entries. */
export const SANDBOX_WORKER_BUNDLE = 'sandbox-worker.js';

export interface SandboxWorkerOptions extends SandboxWorkerData {
  /** The worker's script: the `.ts` source under Node (default), the bundled file in the app. */
  workerUrl?: URL | string;
  /**
   * The worker ended without being closed (an error escaped it, or it was stopped): the store no
   * longer answers. Never called after `close()`.
   */
  onExit?: (error: Error) => void;
}

export interface SandboxWorker {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  tokens: DemoTokens;
  /** Stops the server, then the worker; resolves once the thread has ended. */
  close(): Promise<void>;
}

/**
 * The bundled worker beside another bundled main-process file (the app knows the cache writer's),
 * or null when the bundle has none.
 */
export function bundledSandboxWorker(besideFile: string): string | null {
  const path = join(dirname(besideFile), SANDBOX_WORKER_BUNDLE);
  return existsSync(path) ? path : null;
}

/** How long close() lets the worker stop its server before it is terminated. */
const CLOSE_GRACE_MS = 5_000;

/** Starts a sandbox on a worker thread; resolves once it listens (its data generated). */
export async function startSandboxWorker(
  options: SandboxWorkerOptions = {},
): Promise<SandboxWorker> {
  const { workerUrl, onExit, ...data } = options;
  const worker = new Worker(workerUrl ?? SANDBOX_WORKER_SOURCE, {
    workerData: data satisfies SandboxWorkerData,
    name: 'sandbox',
  });
  let state: 'starting' | 'running' | 'ended' = 'starting';
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  /** The worker ended unasked: tells onExit once. */
  const lost = (error: Error) => {
    if (state === 'running') onExit?.(error);
    state = 'ended';
  };
  const ready = new Promise<Extract<FromSandboxWorker, { kind: 'ready' }>>((resolve, reject) => {
    worker.on('message', (message: FromSandboxWorker) => {
      if (message.kind === 'ready') {
        state = 'running';
        resolve(message);
      } else if (message.kind === 'failed') {
        reject(new Error(`The sandbox failed: ${message.message}`));
      }
    });
    // Before it is ready these reject the start (later rejections of a settled promise do
    // nothing); after, they tell onExit. An 'error' listener must always be there: without one
    // an error in the worker would be thrown on this thread.
    worker.on('error', (error) => {
      reject(error);
      lost(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`The sandbox worker stopped (exit code ${code}).`);
      reject(error);
      lost(error);
    });
  });

  let started: Awaited<typeof ready>;
  try {
    started = await ready;
  } catch (error) {
    state = 'ended';
    await worker.terminate();
    throw error;
  }

  return {
    url: started.url,
    port: started.port,
    tokens: started.tokens,
    async close() {
      if (state !== 'running') return exited;
      state = 'ended';
      worker.postMessage({ op: 'close' } satisfies ToSandboxWorker);
      const grace = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
      await Promise.race([exited, grace]);
      await worker.terminate();
      await exited;
    },
  };
}
