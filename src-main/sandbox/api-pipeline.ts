// One API request from raw input to answer: version, auth, rate limit, route, content type,
// JSON, scopes, then the handler. No sockets here, so the order of checks is easy to follow.
import type { IncomingHttpHeaders } from 'node:http';
import { API_VERSIONS, type ApiVersion } from '../../src-shared/recharge/versions.ts';
import { matchRoute } from './api-routes.ts';
import { DEFAULT_VERSION, forbidden } from './api-types.ts';
import { hasScope, type AccessToken } from './auth.ts';
import { headerOf, isJsonContentType, parseJson } from './http-io.ts';
import { maskPaymentTokens } from './request-log.ts';
import type { Runtime } from './runtime.ts';
import { tokenFieldsIn } from './validate-customers.ts';
import { isPlainObject } from './validation-core.ts';

export interface RawApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  baseUrl: string;
}

export interface ApiOutcome {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
  token?: AccessToken;
  /** The write's body with payment tokens masked, for the request log. */
  loggedBody?: unknown;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function processApiRequest(runtime: Runtime, raw: RawApiRequest): ApiOutcome {
  const token = runtime.tokens.lookup(headerOf(raw.headers, 'x-recharge-access-token'));
  const capacity = runtime.limiter.config.capacity;
  let used = token ? runtime.limiter.used(token.token) : 0;
  const hasBody = BODY_METHODS.has(raw.method);
  const parsed = hasBody ? parseJson(raw.rawBody) : null;
  const loggedBody = parsed?.ok ? maskPaymentTokens(parsed.value) : undefined;
  const outcome = (result: {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  }): ApiOutcome => ({
    status: result.status,
    ...(result.body === undefined ? {} : { body: result.body }),
    headers: { ...result.headers, 'X-Recharge-Limit': `${used}/${capacity}` },
    ...(token ? { token } : {}),
    ...(loggedBody === undefined ? {} : { loggedBody }),
  });

  const requested = headerOf(raw.headers, 'x-recharge-version') ?? DEFAULT_VERSION;
  if (!(API_VERSIONS as readonly string[]).includes(requested)) {
    return outcome({
      status: 426,
      body: {
        errors: `Unsupported API version "${requested}"; use one of ${API_VERSIONS.join(', ')}.`,
      },
    });
  }
  const version = requested as ApiVersion;
  // A revoked token is refused like an unknown one (its label still goes to the request log).
  if (!token || token.revoked)
    return outcome({ status: 401, body: { error: 'bad authentication' } });

  const taken = runtime.limiter.take(token.token);
  used = taken.used;
  if (!taken.allowed) return outcome({ status: 429, body: { errors: 'Too many requests' } });

  const match = matchRoute(raw.method, raw.path, version);
  if ('status' in match) {
    return outcome(
      match.status === 404
        ? { status: 404, body: { errors: 'Not Found' } }
        : { status: 405, body: { errors: 'Method Not Allowed' } },
    );
  }
  const { route, params } = match;
  // 2021-01 customer writes: a token that may write payments passes here, its fields are
  // checked once the body is read.
  const tokenWrite = route.acceptsPaymentTokens === true && version === '2021-01';
  const scopeOk =
    route.scope === null ||
    hasScope(token, route.scope) ||
    (tokenWrite && hasScope(token, 'write_payments'));
  if (!scopeOk && route.scope !== null) return outcome(forbidden(route.scope));

  let body: unknown;
  if (hasBody) {
    if (!isJsonContentType(headerOf(raw.headers, 'content-type'))) {
      return outcome({ status: 415, body: { errors: 'Content-Type must be application/json' } });
    }
    if (!parsed?.ok) {
      return outcome({
        status: 400,
        body: { errors: `Malformed JSON body: ${parsed?.message ?? 'empty'}` },
      });
    }
    body = parsed.value;
  }

  if (tokenWrite) {
    // Payment-token fields need write_payments; any other change needs write_customer.
    const tokenFields = tokenFieldsIn(body);
    if (tokenFields.length > 0 && !hasScope(token, 'write_payments'))
      return outcome(forbidden('write_payments'));
    const onlyTokens =
      raw.method === 'PUT' &&
      isPlainObject(body) &&
      Object.keys(body).length > 0 &&
      Object.keys(body).length === tokenFields.length;
    if (!onlyTokens && !hasScope(token, 'write_customer'))
      return outcome(forbidden('write_customer'));
  }

  const result = route.handler(
    {
      method: raw.method,
      path: raw.path,
      params,
      query: raw.query,
      body,
      version,
      token,
      baseUrl: raw.baseUrl,
    },
    { store: runtime.store, customerTimestamps: runtime.customerTimestamps },
  );
  return outcome(result);
}
