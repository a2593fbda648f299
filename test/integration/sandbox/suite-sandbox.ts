import { afterAll, beforeAll } from 'vitest';
import {
  startSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../../src-main/sandbox/index.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { call, type CallOptions, type CallResult } from './http.ts';

export interface SuiteSandbox {
  /** Set once the suite's beforeAll has run. */
  sandbox: Sandbox;
  /** A call with the full token, in the suite's API version unless the options say otherwise. */
  api(path: string, options?: CallOptions): Promise<CallResult>;
}

/**
 * One sandbox for a suite, started before and closed after it. Its time scale is huge unless the
 * options say otherwise, so the rate limiter stays out of the way (the limiter has own tests).
 */
export function useSandbox(options: SandboxOptions, version: ApiVersion = '2021-01'): SuiteSandbox {
  const env: SuiteSandbox = {
    sandbox: undefined as unknown as Sandbox,
    api: (path, callOptions = {}) =>
      call(env.sandbox.url, path, { token: env.sandbox.tokens.full, version, ...callOptions }),
  };
  beforeAll(async () => {
    env.sandbox = await startSandbox({ timeScale: 1e6, ...options });
  });
  afterAll(() => env.sandbox.close());
  return env;
}
