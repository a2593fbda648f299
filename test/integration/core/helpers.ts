import type { CoreConfig } from '../../../src-main/core/core-config.ts';
import { createCore } from '../../../src-main/core/create-core.ts';
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
