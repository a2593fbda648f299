import { describe, expect, it } from 'vitest';
import { RechargeError, errorFromResponse } from '../../../src-main/recharge/errors.ts';
import {
  backoffDelay,
  delayBeforeRetry,
  DEFAULT_RETRY,
  isRetryable,
  parseRetryAfter,
} from '../../../src-main/recharge/retry-policy.ts';

const statusError = (status: number, retryAfterMs: number | null = null) =>
  errorFromResponse({ status, bodyText: '{"errors":"x"}', retryAfterMs, requestId: null });

describe('retry policy', () => {
  it('retries 429, 5xx, network and unreadable bodies, never other 4xx', () => {
    for (const status of [429, 500, 502, 503, 504])
      expect(isRetryable(statusError(status))).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 415, 422, 426]) {
      expect(isRetryable(statusError(status))).toBe(false);
    }
    expect(isRetryable(new RechargeError('network', 'down'))).toBe(true);
    expect(isRetryable(new RechargeError('protocol', 'cut'))).toBe(true);
  });

  it('retries a create only when the server surely refused it (429)', () => {
    expect(isRetryable(statusError(429), 'create')).toBe(true);
    expect(isRetryable(statusError(503), 'create')).toBe(false);
    expect(isRetryable(new RechargeError('network', 'reset'), 'create')).toBe(false);
  });

  it('grows the backoff exponentially within jitter bounds, up to the cap', () => {
    const config = { baseDelayMs: 500, maxDelayMs: 8000 };
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, config, () => 0))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, config, () => 1))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect(backoffDelay(10, config, () => 1)).toBe(8000);
    expect(backoffDelay(10, config, () => 0)).toBe(4000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('waits what Retry-After says instead of the backoff, and gives up when it is too long', () => {
    expect(delayBeforeRetry(statusError(429, 4000), 1, DEFAULT_RETRY, () => 0)).toBe(4000);
    expect(delayBeforeRetry(statusError(429, 10 * 60_000), 1, DEFAULT_RETRY)).toBeNull();
    expect(delayBeforeRetry(statusError(503), 1, DEFAULT_RETRY, () => 0)).toBe(250);
    expect(delayBeforeRetry(statusError(503), DEFAULT_RETRY.maxAttempts, DEFAULT_RETRY)).toBeNull();
  });
});
