import { AppError } from '../../src-shared/errors.ts';
import type { ApiVersion } from '../../src-shared/ipc/channels/profiles.ts';
import { TokenInformation } from '../../src-shared/recharge/wire.ts';
import { normalizeScope, SCOPES, type Scope } from '../../src-shared/scopes.ts';

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

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The API root without a trailing slash. Plain http is refused except on this computer: the
 * token travels in a header and must not cross a network in clear.
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
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw baseUrlError('Use https:// — the token must not travel unencrypted.');
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

async function request(
  input: TokenCheckInput,
  path: string,
  options: TokenCheckOptions,
): Promise<Response> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    return await fetchImpl(`${input.baseUrl}${path}`, {
      method: 'GET',
      headers: {
        'X-Recharge-Access-Token': input.token,
        'X-Recharge-Version': input.version,
        Accept: 'application/json',
      },
      // A redirect would carry the token header to wherever it points.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new AppError(
      'network',
      timedOut
        ? `The store did not answer within ${Math.round(timeoutMs / 1000)} seconds. Nothing was saved.`
        : `Could not reach ${input.baseUrl}. Check the address and the connection. Nothing was saved.`,
    );
  }
}

/** A status the check did not expect, as an error the merchant can act on. */
function failureFor(status: number, version: ApiVersion): AppError {
  if (status === 401) return new AppError('auth', TOKEN_REFUSED_MESSAGE);
  if (status === 426) {
    return new AppError('protocol', `The store does not accept API version ${version}.`);
  }
  if (status === 429) {
    return new AppError('rate_limited', 'The store is busy right now. Try again in a moment.');
  }
  if (status >= 500) {
    return new AppError('server', `The store had a problem answering (HTTP ${status}). Try later.`);
  }
  if (status >= 300 && status < 400) {
    return new AppError('protocol', 'That address redirects elsewhere. Enter the API address.');
  }
  return new AppError('protocol', `The store answered HTTP ${status} when the token was checked.`);
}

async function scopesFromTokenInformation(
  input: TokenCheckInput,
  options: TokenCheckOptions,
): Promise<Scope[]> {
  const response = await request(input, '/token_information', options);
  if (response.status !== 200) {
    await response.body?.cancel();
    throw failureFor(response.status, input.version);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = TokenInformation.safeParse(body);
  if (!parsed.success) {
    throw new AppError('protocol', 'The store sent token details this app does not understand.');
  }
  const scopes: Scope[] = [];
  for (const name of parsed.data.token_information.scopes) {
    const scope = normalizeScope(name);
    if (scope) scopes.push(scope);
  }
  return sortScopes(scopes);
}

async function readProbe(input: TokenCheckInput, options: TokenCheckOptions): Promise<Scope[]> {
  const response = await request(input, '/customers?limit=1', options);
  await response.body?.cancel();
  if (response.status === 200) return ['read_customer'];
  if (response.status === 403) return [];
  throw failureFor(response.status, input.version);
}

/** Proves the token against the store and finds which of the app's scopes it holds. */
export async function checkToken(
  input: TokenCheckInput,
  options: TokenCheckOptions = {},
): Promise<TokenCheckResult> {
  const proven =
    input.version === '2021-11'
      ? await scopesFromTokenInformation(input, options)
      : await readProbe(input, options);
  const claimed =
    input.version === '2021-01'
      ? sortScopes(input.writeScopes.filter((s) => !proven.includes(s)))
      : [];
  if (proven.length === 0 && claimed.length === 0) {
    throw new AppError('forbidden', NO_SCOPES_MESSAGE, { scope: 'read_customer' });
  }
  return { scopes: proven, claimed };
}
