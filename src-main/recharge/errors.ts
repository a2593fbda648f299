// Failures of ReCharge calls as typed values: an AppError kind, a message a merchant can read,
// and the HTTP status (null when no response arrived).
import { AppError, type ErrorKind, type FieldErrors } from '../../src-shared/errors.ts';
import { normalizeErrors } from '../../src-shared/recharge/wire-errors.ts';
import { SCOPE_LABELS, type Scope } from '../../src-shared/scopes.ts';

export class RechargeError extends AppError {
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly requestId: string | null;

  constructor(
    kind: ErrorKind,
    message: string,
    extra: {
      status?: number | null;
      retryAfterMs?: number | null;
      requestId?: string | null;
      fieldErrors?: FieldErrors;
      scope?: Scope;
      cause?: unknown;
    } = {},
  ) {
    const base: { fieldErrors?: FieldErrors; scope?: Scope; cause?: unknown } = {};
    if (extra.fieldErrors) base.fieldErrors = extra.fieldErrors;
    if (extra.scope) base.scope = extra.scope;
    if (extra.cause !== undefined) base.cause = extra.cause;
    super(kind, message, base);
    this.name = 'RechargeError';
    this.status = extra.status ?? null;
    this.retryAfterMs = extra.retryAfterMs ?? null;
    this.requestId = extra.requestId ?? null;
  }
}

export function isRechargeError(value: unknown): value is RechargeError {
  return value instanceof RechargeError;
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.slice(0, 200);
  }
}

export interface ResponseInfo {
  status: number;
  bodyText: string;
  retryAfterMs: number | null;
  requestId: string | null;
  /** The scope the call needed, named in a 403 message. */
  scope?: Scope | undefined;
}

/** The error for a non-2xx response, whatever shape its body has. */
export function errorFromResponse(info: ResponseInfo): RechargeError {
  const { status } = info;
  const body = parseBody(info.bodyText);
  const detail = normalizeErrors(body);
  const common = { status, requestId: info.requestId, retryAfterMs: info.retryAfterMs };
  if (status === 401) {
    return new RechargeError('auth', 'The store refused the API token.', common);
  }
  if (status === 403) {
    const scope = info.scope;
    const message = scope
      ? `The API token lacks the "${SCOPE_LABELS[scope]}" permission (${scope}) needed for this.`
      : 'The API token lacks the permission needed for this.';
    return new RechargeError('forbidden', message, scope ? { ...common, scope } : common);
  }
  if (status === 404) {
    return new RechargeError('not_found', 'That record no longer exists on the store.', common);
  }
  if (status === 409) {
    return new RechargeError(
      'conflict',
      `The store refused the change because the record changed meanwhile (${detail.message}).`,
      common,
    );
  }
  if (status === 422 || status === 400) {
    const fieldErrors = Object.keys(detail.fieldErrors).length > 0 ? detail.fieldErrors : undefined;
    const message =
      status === 422
        ? `The store rejected the values: ${detail.message}`
        : `The store could not read the request: ${detail.message}`;
    return new RechargeError(
      'validation',
      message,
      fieldErrors ? { ...common, fieldErrors } : common,
    );
  }
  if (status === 429) {
    return new RechargeError(
      'rate_limited',
      'The store is limiting requests right now; the app will slow down and try again.',
      common,
    );
  }
  if (status >= 500) {
    return new RechargeError(
      'server',
      `The store had a problem answering (HTTP ${status}). It will be tried again.`,
      common,
    );
  }
  if (status === 415 || status === 426) {
    return new RechargeError(
      'protocol',
      `The store did not accept how the app talks to it (HTTP ${status}: ${detail.message}).`,
      common,
    );
  }
  return new RechargeError(
    'protocol',
    `Unexpected answer from the store (HTTP ${status}).`,
    common,
  );
}

export function networkError(cause: unknown, timedOut: boolean): RechargeError {
  const message = timedOut
    ? 'The store did not answer in time. Check the connection; the app will try again.'
    : 'Could not reach the store. Check the connection; the app will try again.';
  return new RechargeError('network', message, { cause });
}

export function protocolError(what: string, extra: { status?: number; cause?: unknown } = {}) {
  return new RechargeError('protocol', `The store sent an answer the app cannot read: ${what}.`, {
    status: extra.status ?? null,
    cause: extra.cause,
  });
}

/** A 3xx: never followed (the token would go along) and never retried. */
export function redirectError(status: number) {
  return new RechargeError(
    'protocol',
    `The store answered with a redirect (HTTP ${status}). The app does not follow redirects, so ` +
      'the API token never goes to another address. Check the store address in Settings.',
    { status },
  );
}
