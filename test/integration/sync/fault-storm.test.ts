import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src-shared/ipc/channels/sync.ts';
import { cacheDiff, syncFixture, type SyncFixture } from '../../helpers/sync-fixture.ts';

let fixture: SyncFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

describe('a storm of faults', () => {
  it('converges through 429s, 5xx, resets and malformed pages, keeping the cache intact', async () => {
    fixture = await syncFixture({ customers: 1200, retry: { maxAttempts: 4 } });
    const { sandbox, engine, store } = fixture;
    const faults = [
      { kind: 'status', status: 503, probability: 0.15, seed: 1 },
      { kind: 'status', status: 500, probability: 0.05, seed: 2 },
      { kind: 'rate_limit', probability: 0.1, seed: 3 },
      { kind: 'reset', probability: 0.08, seed: 4 },
      { kind: 'malformed', probability: 0.08, seed: 5 },
      { kind: 'truncated', probability: 0.08, seed: 6 },
    ] as const;
    for (const fault of faults) sandbox.admin.addFault({ ...fault });

    const outcomes: SyncStatus[] = [];
    for (let run = 0; run < 8; run += 1) {
      const status = await engine.start();
      outcomes.push(status);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      if (status.state === 'idle') break;
      // A failed run says why in words, and has scheduled its own retry.
      expect(status.lastError?.message.length).toBeGreaterThan(10);
      expect(status.nextRetryAt).not.toBeNull();
    }
    expect(outcomes.at(-1)?.state).toBe('idle');
    expect(cacheDiff(sandbox, store)).toEqual([]);
    const fired = sandbox.admin.faults().reduce((sum, rule) => sum + rule.fired, 0);
    expect(fired).toBeGreaterThan(5);
  });

  it('stops with a clear error when every page is malformed, and the cache stays as it was', async () => {
    fixture = await syncFixture({ customers: 300, retry: { maxAttempts: 3 } });
    const { sandbox, engine, store } = fixture;
    await engine.start();
    const before = store.customers.count();
    sandbox.admin.patchCustomer([...sandbox.store.customers.rows.keys()][0]!, {
      first_name: 'Changed',
    });
    sandbox.admin.addFault({ kind: 'malformed', probability: 1, pathPrefix: '/customers' });
    const status = await engine.start();
    expect(status.state).toBe('error');
    expect(status.lastError?.kind).toBe('protocol');
    expect(status.lastError?.message).toMatch(/cannot read/);
    expect(store.customers.count()).toBe(before);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
