// Shapes shared by the API router and its handlers.
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import type { AccessToken, Scope } from './auth.ts';
import type { FieldErrors } from './paging.ts';
import type { SandboxStore } from './store.ts';
import type { TimestampStyle } from './timestamps.ts';

/** Without `X-Recharge-Version` a request speaks 2021-01, the guide's version. */
export const DEFAULT_VERSION: ApiVersion = '2021-01';

export interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  version: ApiVersion;
  token: AccessToken;
  /** `http://127.0.0.1:port`, for Link headers. */
  baseUrl: string;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiDeps {
  store: SandboxStore;
  /** How 2021-11 customer timestamps are written: naive US Eastern or with `+00:00`. */
  customerTimestamps: TimestampStyle;
}

export type Handler = (request: ApiRequest, deps: ApiDeps) => ApiResponse;

export const notFound = (): ApiResponse => ({ status: 404, body: { errors: 'Not Found' } });

export const unprocessable = (
  errors: FieldErrors | Record<string, string | string[]>,
): ApiResponse => ({
  status: 422,
  body: { errors },
});

export const forbidden = (scope: Scope): ApiResponse => ({
  status: 403,
  body: { errors: `This access token lacks the ${scope} scope, which this request needs.` },
});

/** Path ids are positive integers; anything else names no record. */
export function pathId(raw: string | undefined): number | null {
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}
