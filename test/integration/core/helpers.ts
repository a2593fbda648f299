import type { CoreConfig } from '../../../src-main/core/core-config.ts';
import { createCore, type Core } from '../../../src-main/core/create-core.ts';
import type { Sandbox } from '../../../src-main/sandbox/index.ts';
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
