// Messages between startSandboxWorker (worker.ts) and the worker thread (worker-entry.ts).
import type { DemoTokens } from './auth.ts';
import type { SandboxOptions } from './index.ts';

/** What the worker is started with: the sandbox's options, without a clock function. */
export type SandboxWorkerData = Omit<SandboxOptions, 'now'>;

export type ToSandboxWorker = { op: 'close' };

export type FromSandboxWorker =
  | { kind: 'ready'; url: string; port: number; tokens: DemoTokens }
  | { kind: 'failed'; message: string };
