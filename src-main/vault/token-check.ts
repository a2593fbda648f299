// Proves an API token against the store before it is saved, over the same transport as every
// other call (no redirects followed: the token never leaves for another host).
import { z } from 'zod';
import { AppError } from '../../src-shared/errors.ts';
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import { TokenInformation } from '../../src-shared/recharge/wire-common.ts';
import { normalizeScope, SCOPES, type Scope } from '../../src-shared/scopes.ts';
import { createRechargeClient, tokenMayTravelTo } from '../recharge/client.ts';
import { isRechargeError } from '../recharge/errors.ts';
import { RateLimiter } from '../recharge/rate-limiter.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TokenCheckInput {
  baseUrl: string;
  version: ApiVersion;
  token: string;
  /** Ticked by the merchant on 2021-01, where the API cannot say. */
  writeScopes: readonly Scope[];
}

export interface TokenCheckResult {
  /** Proven by the API: from /token_information, or the read probe. */
  scopes: Scope[];
  /** Ticked but unproven: kept until the first 403 withdraws one. */
  claimed: Scope[];
}

export interface TokenCheckOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const TOKEN_REFUSED_MESSAGE = 'The store refused the API token.';
export const NO_SCOPES_MESSAGE =
  'The API token has none of the scopes this app uses (read customers, write customers, update ' +
  'payment tokens). Add read_customer to the token in ReCharge, then try again.';

/**
 * The API root without a trailing slash. Plain http is refused except to a literal loopback
 * address: the token travels in a header, and a name such as `localhost` (or one ending in it)
 * can be made to resolve elsewhere.
 */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw baseUrlError('That is not a web address.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw baseUrlError('The address must start with https://.');
  }
  if (!tokenMayTravelTo(url)) {
    throw baseUrlError(
      'Use https:// — the token must not travel unencrypted (http only for 127.0.0.1).',
    );
  }
  if (url.username || url.password) throw baseUrlError('The address must not hold a user name.');
  if (url.search || url.hash) throw baseUrlError('The address must not have a ? or # part.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function baseUrlError(message: string): AppError {
  return new AppError('validation', 'Some values are not valid.', {
    fieldErrors: { baseUrl: [message] },
  });
}

function sortScopes(scopes: Iterable<Scope>): Scope[] {
  const set = new Set(scopes);
  return SCOPES.filter((scope) => set.has(scope));
}

/** A failure of the check as an error the merchant can act on; nothing was saved. */
function explain(error: unknown, input: TokenCheckInput, timeoutMs: number): unknown {
  if (!isRechargeError(error)) return error;
  const status = error.status;
  if (error.kind === 'auth') return new AppError('auth', TOKEN_REFUSED_MESSAGE);
  if (error.kind === 'network') {
    const timedOut = error.message.includes('in time');
    return new AppError(
      'network',
      timedOut
        ? `The store did not answer within ${Math.round(timeoutMs / 1000)} seconds. Nothing was saved.`
        : `Could not reach ${input.baseUrl}. Check the address and the connection. Nothing was saved.`,
    );
  }
  if (status === 426) {
    return new AppError('protocol', `The store does not accept API version ${input.version}.`);
  }
  if (error.kind === 'rate_limited') {
    return new AppError('rate_limited', 'The store is busy right now. Try again in a moment.');
  }
  if (error.kind === 'server') {
    return new AppError('server', `The store had a problem answering (HTTP ${status}). Try later.`);
  }
  if (status !== null && status >= 300 && status < 400) {
    return new AppError(
      'protocol',
      'That address redirects elsewhere; the token was not sent on. Enter the API address.',
    );
  }
  if (error.kind === 'protocol' && status === 200) {
    return new AppError('protocol', 'The store sent token details this app does not understand.');
  }
  return new AppError(
    'protocol',
    `The store answered HTTP ${status ?? '?'} when the token was checked.`,
  );
}

/** Proves the token against the store and finds which of the app's scopes it holds. */
export async function checkToken(
  input: TokenCheckInput,
  options: TokenCheckOptions = {},
): Promise<TokenCheckResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = createRechargeClient({
    baseUrl: input.baseUrl,
    token: input.token,
    apiVersion: input.version,
    timeoutMs,
    // One answer decides: the merchant is waiting on the form.
    retry: { maxAttempts: 1 },
    // Its own bucket: a check must not wait behind a running sync of the same token.
    limiter: new RateLimiter(),
    ...(options.fetch ? { fetch: options.fetch as typeof fetch } : {}),
  });
  let proven: Scope[];
  try {
    if (input.version === '2021-11') {
      const answer = await client.request({
        method: 'GET',
        path: '/token_information',
        schema: TokenInformation,
        scope: 'read_customer',
      });
      const scopes = answer.data.token_information.scopes.map(normalizeScope);
      proven = sortScopes(scopes.filter((scope): scope is Scope => scope !== null));
    } else {
      await client.request({
        method: 'GET',
        path: '/customers',
        query: new URLSearchParams({ limit: '1' }),
        schema: z.unknown(),
        scope: 'read_customer',
      });
      // 2021-01 keeps billing and the token's processor on the customer itself.
      proven = ['read_customer', 'read_payments'];
    }
  } catch (error) {
    if (isRechargeError(error) && error.kind === 'forbidden' && input.version === '2021-01') {
      proven = [];
    } else {
      throw explain(error, input, timeoutMs);
    }
  }
  const claimed =
    input.version === '2021-01'
      ? sortScopes(input.writeScopes.filter((s) => !proven.includes(s)))
      : [];
  if (proven.length === 0 && claimed.length === 0) {
    throw new AppError('forbidden', NO_SCOPES_MESSAGE, { scope: 'read_customer' });
  }
  return { scopes: proven, claimed };
}

/** Whether a store address is ReCharge's own API (anything else gets a warning, not a refusal). */
export function isRechargeApiHost(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'api.rechargeapps.com' || host.endsWith('.rechargeapps.com');
  } catch {
    return false;
  }
}
