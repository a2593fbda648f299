import { afterAll, beforeAll, expect } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { ErrorBody } from '../../../src-shared/recharge/wire-errors.ts';
import { call, type CallOptions, type CallResult } from './http.ts';

export interface WriteSandbox {
  /** Set once the suite's beforeAll has run. */
  sandbox: Sandbox;
  /** A call with the full token (2021-01 unless the options say otherwise). */
  api(path: string, options?: CallOptions): Promise<CallResult>;
  /** The id of the customer created last. */
  newestId(): number;
  /** Moves the sandbox's clock (it creeps 1 ms per reading from there). */
  setNow(ms: number): void;
}

/** One sandbox for a suite of write tests, started before and closed after it. */
export function useWriteSandbox(): WriteSandbox {
  let nowMs = Date.UTC(2026, 10, 27, 15, 0, 0);
  const env: WriteSandbox = {
    sandbox: undefined as unknown as Sandbox,
    api: (path, options = {}) =>
      call(env.sandbox.url, path, { token: env.sandbox.tokens.full, ...options }),
    newestId: () => Math.max(...[...env.sandbox.store.customers.rows.keys()]),
    setNow: (ms) => {
      nowMs = ms;
    },
  };
  beforeAll(async () => {
    // The clock creeps 1 ms per reading and the time scale is huge, so the bucket stays out of
    // the way while timestamps stay within the same second for many writes (the limiter has own
    // tests).
    env.sandbox = await startSandbox({
      seed: 7,
      customers: 60,
      timeScale: 1e6,
      now: () => (nowMs += 1),
    });
  });
  afterAll(() => env.sandbox.close());
  return env;
}

export function expectErrorShape(json: unknown): void {
  expect(ErrorBody.safeParse(json).success).toBe(true);
}
