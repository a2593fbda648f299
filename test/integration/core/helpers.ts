import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CoreConfig } from '../../../src-main/core/core-config.ts';
import { createCore, type Core } from '../../../src-main/core/create-core.ts';
import {
  startSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../../src-main/sandbox/index.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import type { Envelope } from '../../../src-shared/ipc/envelope.ts';

/** The value of a successful call; a failed one fails the test with the error it carried. */
export function ok<T = unknown>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`call failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}

/** A core with no demo store and no timers: the test drives sync and push itself. */
export function quietCore(dataDir: string, extra: Partial<CoreConfig> = {}) {
  return createCore({
    dataDir,
    mode: 'test',
    version: '0.0.0-test',
    demo: false,
    syncIntervalMs: 0,
    pushIntervalMs: 0,
    ...extra,
  });
}

/**
 * Adds the sandbox as a store with its full token, ticking the write scopes 2021-01 cannot report,
 * and returns the id of the profile, now the active one.
 */
export async function addFullStore(
  core: Core,
  sandbox: Sandbox,
  version: ApiVersion,
  label = `Store ${version}`,
): Promise<string> {
  const added = await core.router.call('profiles:add', {
    label,
    baseUrl: sandbox.url,
    version,
    token: sandbox.tokens.full,
    writeScopes: version === '2021-01' ? ['write_customer', 'write_payments'] : [],
  });
  return ok<{ activeId: string }>(added).activeId;
}

/** Fresh data folders for a file's cores, all removed once the file's tests are done. */
export function useDataDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** One sandbox for a file's tests, started before and closed after them; the getter reads it. */
export function useSandbox(options: SandboxOptions): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(options);
  });
  afterAll(() => sandbox?.close());
  return () => {
    if (!sandbox) throw new Error('the sandbox starts in beforeAll; read it inside a test');
    return sandbox;
  };
}
