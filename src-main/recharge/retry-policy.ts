// Which failures are worth another try, and how long to wait before it. Pure, so the policy is
// tested without a network or a clock.
import type { RechargeError } from './errors.ts';

export interface RetryConfig {
  /** Tries in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the call fails as rate limited. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryConfig = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export type RequestSafety = 'idempotent' | 'create';

/**
 * 429, 5xx, network failures and unreadable 2xx bodies are transient; other 4xx never change on a
 * retry. A create (POST) is retried only when the server surely did not apply it (429): after a
 * 5xx or a dropped connection it may have, and a blind resend would duplicate it.
 */
export function isRetryable(error: RechargeError, safety: RequestSafety = 'idempotent'): boolean {
  if (error.kind === 'rate_limited') return true;
  if (safety === 'create') return false;
  // An unreadable 2xx (or no status): a 3xx, the opaque redirect's 0 included, never is.
  if (error.kind === 'protocol') {
    return error.status === null || (error.status >= 200 && error.status < 300);
  }
  return error.kind === 'server' || error.kind === 'network';
}

/** Exponential growth with "equal jitter": half the step fixed, half random. */
export function backoffDelay(
  attempt: number,
  config: Pick<RetryConfig, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const step = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** `Retry-After` as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | null {
  if (header === null || header === undefined) return null;
  const text = header.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** The wait before try `attempt + 1`: Retry-After when the server gave one, else backoff. */
export function delayBeforeRetry(
  error: RechargeError,
  attempt: number,
  config: RetryConfig,
  random: () => number = Math.random,
): number | null {
  if (attempt >= config.maxAttempts) return null;
  if (error.retryAfterMs !== null) {
    return error.retryAfterMs > config.maxRetryAfterMs ? null : error.retryAfterMs;
  }
  return backoffDelay(attempt, config, random);
}
