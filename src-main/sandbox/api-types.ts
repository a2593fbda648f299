// Shapes shared by the API router and its handlers.
import type { AccessToken } from './auth.ts';
import type { FieldErrors } from './paging.ts';
import type { SandboxStore } from './store.ts';

export const API_VERSIONS = ['2021-01', '2021-11'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
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
  utcOffsetMinutes: number;
}

export type Handler = (request: ApiRequest, deps: ApiDeps) => ApiResponse;

export const notFound = (): ApiResponse => ({ status: 404, body: { errors: 'Not Found' } });

export const unprocessable = (
  errors: FieldErrors | Record<string, string | string[]>,
): ApiResponse => ({
  status: 422,
  body: { errors },
});

/** Path ids are positive integers; anything else names no record. */
export function pathId(raw: string | undefined): number | null {
  return raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}
