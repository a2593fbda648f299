import { expect } from 'vitest';
import { ErrorBody } from '../../../src-shared/recharge/wire-errors.ts';
import { useSandbox, type SuiteSandbox } from './suite-sandbox.ts';

export interface WriteSandbox extends SuiteSandbox {
  /** The id of the customer created last. */
  newestId(): number;
  /** Moves the sandbox's clock (it creeps 1 ms per reading from there). */
  setNow(ms: number): void;
}

/** One sandbox for a suite of write tests (2021-01 calls), started before and closed after it. */
export function useWriteSandbox(): WriteSandbox {
  let nowMs = Date.UTC(2026, 10, 27, 15, 0, 0);
  // The clock creeps 1 ms per reading and the time scale is huge, so the bucket stays out of the
  // way while timestamps stay within the same second for many writes.
  const suite = useSandbox({ seed: 7, customers: 60, now: () => (nowMs += 1) });
  return Object.assign(suite, {
    newestId: () => Math.max(...suite.sandbox.store.customers.rows.keys()),
    setNow: (ms: number) => {
      nowMs = ms;
    },
  });
}

export function expectErrorShape(json: unknown): void {
  expect(ErrorBody.safeParse(json).success).toBe(true);
}
