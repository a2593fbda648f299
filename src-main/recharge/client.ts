// The ReCharge HTTP client: headers, timeouts, pacing under the shared leaky bucket, retries with
// backoff, and every body parsed by the shared wire schemas. Failures are RechargeError values.
import type { z } from 'zod';
import {
  AddressEnvelope,
  AddressList,
  CountBody,
  CustomerEnvelope,
  CustomerList,
  TokenInformation,
  type Address,
  type Customer,
} from '../../src-shared/recharge/wire.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import {
  errorFromResponse,
  isRechargeError,
  networkError,
  protocolError,
  RechargeError,
} from './errors.ts';
import { parseLinkHeader } from './link-header.ts';
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

export type ApiVersion = '2021-01' | '2021-11';
export type SortBy =
  | 'id-asc'
  | 'id-desc'
  | 'created_at-asc'
  | 'created_at-desc'
  | 'updated_at-asc'
  | 'updated_at-desc';

interface ListCommon {
  limit?: number;
  page?: number;
  sort_by?: SortBy;
  ids?: readonly number[];
  created_at_min?: string;
  created_at_max?: string;
  updated_at_min?: string;
  updated_at_max?: string;
  /** A cursor from a previous page; the API then accepts only `limit` beside it. */
  page_info?: string;
}

export interface CustomerListParams extends ListCommon {
  email?: string;
  status?: 'ACTIVE' | 'INACTIVE';
  shopify_customer_id?: string;
  hash?: string;
}

export interface AddressListParams extends ListCommon {
  customer_id?: number;
}

export interface ListPage<T> {
  items: T[];
  /** The objects exactly as received (unknown and deprecated fields included), for storage. */
  raw: Record<string, unknown>[];
  nextPageInfo: string | null;
  previousPageInfo: string | null;
}

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

interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  schema: S;
  scope: Scope;
  version?: ApiVersion;
  signal?: AbortSignal | undefined;
}

interface Parsed<T> {
  data: T;
  json: unknown;
  headers: Headers;
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
  listCustomers(params?: CustomerListParams, signal?: AbortSignal): Promise<ListPage<Customer>>;
  countCustomers(params?: CustomerListParams, signal?: AbortSignal): Promise<number>;
  getCustomer(
    id: number,
    signal?: AbortSignal,
  ): Promise<{ customer: Customer; raw: Record<string, unknown> }>;
  updateCustomer(
    id: number,
    patch: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<{ customer: Customer; raw: Record<string, unknown> }>;
  listAddresses(params?: AddressListParams, signal?: AbortSignal): Promise<ListPage<Address>>;
  countAddresses(params?: AddressListParams, signal?: AbortSignal): Promise<number>;
  getCustomerAddresses(customerId: number, signal?: AbortSignal): Promise<ListPage<Address>>;
  getAddress(
    id: number,
    signal?: AbortSignal,
  ): Promise<{ address: Address; raw: Record<string, unknown> }>;
  createAddress(
    customerId: number,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<{ address: Address; raw: Record<string, unknown> }>;
  updateAddress(
    id: number,
    patch: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<{ address: Address; raw: Record<string, unknown> }>;
  /** 2021-11 `GET /token_information`: the token's scopes as the store spells them. */
  tokenInformation(signal?: AbortSignal): Promise<{ name: string | null; scopes: string[] }>;
}

const PAYMENT_FIELDS = /_customer_token$/;

function listQuery(params: ListCommon & Record<string, unknown>): URLSearchParams {
  const query = new URLSearchParams();
  if (params.page_info) {
    // A cursor request may only add limit (anything else is a 422).
    query.set('page_info', params.page_info);
    if (params.limit !== undefined) query.set('limit', String(params.limit));
    return query;
  }
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    query.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return query;
}

function rawItems(json: unknown, key: string): Record<string, unknown>[] {
  const list = (json as Record<string, unknown>)[key];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
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
  const limiter = options.limiter ?? limiters.limiterFor(baseUrl, options.token, { now, sleep });

  const reachabilityListeners = new Set<(reachable: boolean) => void>();
  let reachable = true;
  const noteReachable = (answered: boolean) => {
    if (answered === reachable) return;
    reachable = answered;
    for (const listener of reachabilityListeners) listener(answered);
  };

  async function attempt<S extends z.ZodType>(spec: RequestSpec<S>): Promise<Parsed<z.output<S>>> {
    await limiter.acquire(spec.signal);
    const url = `${baseUrl}${spec.path}${spec.query && [...spec.query].length ? `?${spec.query}` : ''}`;
    const headers: Record<string, string> = {
      'X-Recharge-Access-Token': options.token,
      'X-Recharge-Version': spec.version ?? apiVersion,
      Accept: 'application/json',
    };
    const init: RequestInit = { method: spec.method, headers };
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
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw protocolError('the body is cut short or not JSON', { status: response.status, cause });
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'shape';
      throw protocolError(`unexpected ${where}`, { status: response.status });
    }
    return { data: parsed.data, json, headers: response.headers };
  }

  async function request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<Parsed<z.output<S>>> {
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

  function listPage<T>(
    data: { next_cursor?: string | null | undefined; previous_cursor?: string | null | undefined },
    items: T[],
    parsed: Parsed<unknown>,
    key: string,
  ): ListPage<T> {
    const links = parseLinkHeader(parsed.headers.get('Link'));
    return {
      items,
      raw: rawItems(parsed.json, key),
      nextPageInfo: links.next?.pageInfo ?? data.next_cursor ?? null,
      previousPageInfo: links.previous?.pageInfo ?? data.previous_cursor ?? null,
    };
  }

  const customerScope = (patch: Record<string, unknown>): Scope =>
    Object.keys(patch).some((key) => PAYMENT_FIELDS.test(key))
      ? 'write_payments'
      : 'write_customer';

  return {
    apiVersion,
    onReachability(listener) {
      reachabilityListeners.add(listener);
      return () => reachabilityListeners.delete(listener);
    },
    limiter,
    async listCustomers(params = {}, signal) {
      const parsed = await request({
        method: 'GET',
        path: '/customers',
        query: listQuery({ ...params }),
        schema: CustomerList,
        scope: 'read_customer',
        signal,
      });
      return listPage(parsed.data, parsed.data.customers, parsed, 'customers');
    },
    async countCustomers(params = {}, signal) {
      const { page_info: _cursor, page: _page, limit: _limit, ...filters } = params;
      const parsed = await request({
        method: 'GET',
        path: '/customers/count',
        query: listQuery(filters),
        schema: CountBody,
        scope: 'read_customer',
        signal,
      });
      return parsed.data.count;
    },
    async getCustomer(id, signal) {
      const parsed = await request({
        method: 'GET',
        path: `/customers/${id}`,
        schema: CustomerEnvelope,
        scope: 'read_customer',
        signal,
      });
      return { customer: parsed.data.customer, raw: rawItem(parsed.json, 'customer') };
    },
    async updateCustomer(id, patch, signal) {
      const parsed = await request({
        method: 'PUT',
        path: `/customers/${id}`,
        body: patch,
        schema: CustomerEnvelope,
        scope: customerScope(patch),
        signal,
      });
      return { customer: parsed.data.customer, raw: rawItem(parsed.json, 'customer') };
    },
    async listAddresses(params = {}, signal) {
      const parsed = await request({
        method: 'GET',
        path: '/addresses',
        query: listQuery({ ...params }),
        schema: AddressList,
        scope: 'read_customer',
        signal,
      });
      return listPage(parsed.data, parsed.data.addresses, parsed, 'addresses');
    },
    async countAddresses(params = {}, signal) {
      const { page_info: _cursor, page: _page, limit: _limit, ...filters } = params;
      const parsed = await request({
        method: 'GET',
        path: '/addresses/count',
        query: listQuery(filters),
        schema: CountBody,
        scope: 'read_customer',
        signal,
      });
      return parsed.data.count;
    },
    async getCustomerAddresses(customerId, signal) {
      const parsed = await request({
        method: 'GET',
        path: `/customers/${customerId}/addresses`,
        schema: AddressList,
        scope: 'read_customer',
        signal,
      });
      return listPage(parsed.data, parsed.data.addresses, parsed, 'addresses');
    },
    async getAddress(id, signal) {
      const parsed = await request({
        method: 'GET',
        path: `/addresses/${id}`,
        schema: AddressEnvelope,
        scope: 'read_customer',
        signal,
      });
      return { address: parsed.data.address, raw: rawItem(parsed.json, 'address') };
    },
    async createAddress(customerId, body, signal) {
      const parsed = await request({
        method: 'POST',
        path: `/customers/${customerId}/addresses`,
        body,
        schema: AddressEnvelope,
        scope: 'write_customer',
        signal,
      });
      return { address: parsed.data.address, raw: rawItem(parsed.json, 'address') };
    },
    async updateAddress(id, patch, signal) {
      const parsed = await request({
        method: 'PUT',
        path: `/addresses/${id}`,
        body: patch,
        schema: AddressEnvelope,
        scope: 'write_customer',
        signal,
      });
      return { address: parsed.data.address, raw: rawItem(parsed.json, 'address') };
    },
    async tokenInformation(signal) {
      const parsed = await request({
        method: 'GET',
        path: '/token_information',
        schema: TokenInformation,
        scope: 'read_customer',
        version: '2021-11',
        signal,
      });
      const info = parsed.data.token_information;
      return { name: info.name ?? null, scopes: info.scopes };
    },
  };
}

function rawItem(json: unknown, key: string): Record<string, unknown> {
  const value = (json as Record<string, unknown>)[key];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

export { RechargeError };
