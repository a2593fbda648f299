// The ReCharge transport: headers, timeouts, pacing under the shared leaky bucket, retries with
// backoff, and every body parsed by a wire schema. Failures are RechargeError values. What to ask
// for, and how each API version's answers map onto the domain, is the adapters' business.
import type { z } from 'zod';
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import { silentLogger, type Logger } from '../lib/logger.ts';
import {
  errorFromResponse,
  isRechargeError,
  networkError,
  protocolError,
  redirectError,
  RechargeError,
} from './errors.ts';
import { parseLinkHeader } from './link-header.ts';
import { parseList, type ParseOutcome } from './list-parse.ts';
import { limiters, parseLimitHeader, type RateLimiter } from './rate-limiter.ts';
import {
  DEFAULT_RETRY,
  delayBeforeRetry,
  isRetryable,
  parseRetryAfter,
  type RequestSafety,
  type RetryConfig,
} from './retry-policy.ts';
import { sleep as realSleep, type Sleep } from './sleep.ts';

export interface RechargeClientOptions {
  baseUrl: string;
  token: string;
  apiVersion?: ApiVersion;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  timeoutMs?: number;
  retry?: Partial<RetryConfig>;
  /** Shared per token; defaults to the process-wide registry's limiter for this token. */
  limiter?: RateLimiter;
  logger?: Logger;
}

export interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  schema: S;
  scope: Scope;
  /**
   * The key of the list in an object schema's body, checked a slice of items at a time (a
   * page checked at once was one long task on the main thread).
   */
  list?: string;
  /** Another version than the client's (token_information is 2021-11 only). */
  version?: ApiVersion;
  signal?: AbortSignal | undefined;
}

export interface Response_<T> {
  data: T;
  /** The next page's cursor: the `Link` header's, or the body's `next_cursor`. */
  next: string | null;
}

export interface RechargeClient {
  readonly apiVersion: ApiVersion;
  readonly limiter: RateLimiter;
  /**
   * Calls `listener` when the store stops answering (a call got no response at all: no network,
   * refused, timed out) and when it answers again, at the first such attempt: the caller learns
   * it is offline while the client still retries. Returns the unsubscribe.
   */
  onReachability(listener: (reachable: boolean) => void): () => void;
  request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<Response_<z.output<S>>>;
}

function timeoutSignal(
  ms: number,
  outer?: AbortSignal,
): { signal: AbortSignal; cancel: () => void; timedOut: () => boolean } {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
  }, ms);
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  return { signal, cancel: () => clearTimeout(timer), timedOut: () => expired };
}

async function parseBody<S extends z.ZodType>(
  spec: RequestSpec<S>,
  json: unknown,
): Promise<ParseOutcome<z.output<S>>> {
  if (spec.list) {
    // The list's own schema checked its items, so the body is what `spec.schema` parses to.
    return (await parseList(
      spec.schema as z.ZodType as z.ZodObject,
      spec.list,
      json,
    )) as ParseOutcome<z.output<S>>;
  }
  const parsed = spec.schema.safeParse(json);
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, issue: parsed.error.issues[0] };
}

function nextCursor(headers: Headers, json: unknown): string | null {
  const link = parseLinkHeader(headers.get('Link')).next?.pageInfo;
  if (link) return link;
  const body = json as Record<string, unknown> | null;
  const cursor = body && typeof body === 'object' ? body['next_cursor'] : null;
  return typeof cursor === 'string' && cursor !== '' ? cursor : null;
}

/** The only hosts plain http may go to: literal loopback addresses, never a name. */
const LOOPBACK_IPS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]']);

/** Whether the token may go to this address: https, or plain http to this computer only. */
export function tokenMayTravelTo(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_IPS.has(url.hostname));
}

/** Whether a call to this address would carry the token unencrypted off this computer. */
function sendsInClear(baseUrl: string): boolean {
  try {
    return !tokenMayTravelTo(new URL(baseUrl));
  } catch {
    return true;
  }
}

export function createRechargeClient(options: RechargeClientOptions): RechargeClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const apiVersion = options.apiVersion ?? '2021-01';
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retry: RetryConfig = { ...DEFAULT_RETRY, ...options.retry };
  const logger = options.logger ?? silentLogger;
  const inClear = sendsInClear(baseUrl);
  const limiter = options.limiter ?? limiters.limiterFor(baseUrl, options.token, { now, sleep });

  const reachabilityListeners = new Set<(reachable: boolean) => void>();
  let reachable = true;
  const noteReachable = (answered: boolean) => {
    if (answered === reachable) return;
    reachable = answered;
    for (const listener of reachabilityListeners) listener(answered);
  };

  async function attempt<S extends z.ZodType>(
    spec: RequestSpec<S>,
  ): Promise<Response_<z.output<S>>> {
    await limiter.acquire(spec.signal);
    const url = `${baseUrl}${spec.path}${spec.query && [...spec.query].length ? `?${spec.query}` : ''}`;
    const headers: Record<string, string> = {
      'X-Recharge-Access-Token': options.token,
      'X-Recharge-Version': spec.version ?? apiVersion,
      Accept: 'application/json',
    };
    // A followed redirect would hand the token header to wherever it points.
    const init: RequestInit = { method: spec.method, headers, redirect: 'manual' };
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(spec.body);
    }
    const timer = timeoutSignal(timeoutMs, spec.signal);
    init.signal = timer.signal;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, init);
    } catch (cause) {
      timer.cancel();
      limiter.release(null);
      if (spec.signal?.aborted) throw spec.signal.reason;
      noteReachable(false);
      throw networkError(cause, timer.timedOut());
    }
    noteReachable(true);
    const limit = parseLimitHeader(response.headers.get('X-Recharge-Limit'));
    try {
      text = await response.text();
    } catch (cause) {
      limiter.release(limit);
      if (spec.signal?.aborted) throw spec.signal.reason;
      // The connection broke mid-body: as good as no answer.
      throw networkError(cause, timer.timedOut());
    } finally {
      timer.cancel();
    }
    limiter.release(limit, response.status === 429);
    const requestId = response.headers.get('X-Request-Id');
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw redirectError(response.status);
    }
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now());
      if (response.status === 429 && retryAfterMs !== null) limiter.blockFor(retryAfterMs);
      throw errorFromResponse({
        status: response.status,
        bodyText: text,
        retryAfterMs,
        requestId,
        scope: spec.scope,
      });
    }
    let json: unknown = null;
    if (text.trim() !== '' || response.status !== 204) {
      try {
        json = JSON.parse(text);
      } catch (cause) {
        throw protocolError('the body is cut short or not JSON', {
          status: response.status,
          cause,
        });
      }
    }
    const parsed = await parseBody(spec, json);
    if (!parsed.success) {
      const issue = parsed.issue;
      const where = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'shape';
      throw protocolError(`unexpected ${where}`, { status: response.status });
    }
    return { data: parsed.data, next: nextCursor(response.headers, json) };
  }

  async function request<S extends z.ZodType>(
    spec: RequestSpec<S>,
  ): Promise<Response_<z.output<S>>> {
    // Adding a store refuses such an address; this also covers one edited in the profiles file.
    if (inClear) {
      throw new RechargeError(
        'protocol',
        'The store address is not https://, so the API token is not sent. Change the address ' +
          'in Settings (plain http only to 127.0.0.1).',
      );
    }
    const safety: RequestSafety = spec.method === 'POST' ? 'create' : 'idempotent';
    for (let tries = 1; ; tries += 1) {
      try {
        return await attempt(spec);
      } catch (error) {
        if (!isRechargeError(error)) throw error;
        const wait = isRetryable(error, safety)
          ? delayBeforeRetry(error, tries, retry, random)
          : null;
        if (wait === null) throw error;
        logger.warn('recharge call failed; retrying', {
          method: spec.method,
          path: spec.path,
          kind: error.kind,
          status: error.status,
          attempt: tries,
          waitMs: wait,
        });
        await sleep(wait, spec.signal);
      }
    }
  }

  return {
    apiVersion,
    limiter,
    onReachability(listener) {
      reachabilityListeners.add(listener);
      return () => reachabilityListeners.delete(listener);
    },
    request,
  };
}

export { RechargeError };
