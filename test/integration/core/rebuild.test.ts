import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/create-core.ts';
import { startSandbox } from '../../../src-main/sandbox/index.ts';
import { addFullStore, ok, quietCore, useDataDirs } from './helpers.ts';

const dataDirs = useDataDirs('rcd-rebuild-');

const open = (dataDir: string): Promise<Core> => quietCore(dataDir);

describe('rebuilding the cache', () => {
  it('keeps unsent edits when the cache is rebuilt, and keeps a damaged file aside', async () => {
    const sandbox = await startSandbox({ seed: 8, customers: 30, timeScale: 50 });
    const dataDir = dataDirs();
    let core = await open(dataDir);
    await addFullStore(core, sandbox, '2021-01', 'Shop');
    ok(await core.router.call('sync:start', { full: true }));
    const id = ok<{ items: { id: number }[] }>(
      await core.router.call('customers:search', { query: '' }),
    ).items[0]!.id;
    await sandbox.close(); // offline from here on
    const receipt = ok<{ edit: { state: string } }>(
      await core.router.call('customers:updateBilling', {
        customerId: id,
        patch: { billing_city: 'Kept' },
      }),
    );
    expect(receipt.edit.state).toBe('pending');

    const rebuilt = ok<{ movedTo: string; keptEdits: number }>(
      await core.router.call('sync:rebuildCache', undefined),
    );
    expect(rebuilt.keptEdits).toBe(1);
    expect(existsSync(rebuilt.movedTo)).toBe(true);
    const list = ok<{ items: { customerId: number; mine: Record<string, string> }[] }>(
      await core.router.call('outbox:list', {}),
    );
    expect(list.items).toEqual([
      expect.objectContaining({ customerId: id, mine: { billing_city: 'Kept' } }),
    ]);
    const dbPath = core.profiles.active()!.cacheDbPath;
    await core.close();

    // A file of garbage: a clear message at start, then a rebuild that keeps the bad file aside.
    writeFileSync(dbPath, Buffer.alloc(8192, 7));
    for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    const notices: string[] = [];
    core = await open(dataDir);
    core.events.subscribe((event, payload) => {
      if (event === 'app:notice') notices.push((payload as { message: string }).message);
    });
    const refused = await core.router.call('customers:search', { query: '' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    const second = ok<{ movedTo: string; keptEdits: number | null }>(
      await core.router.call('sync:rebuildCache', undefined),
    );
    expect(second.keptEdits).toBeNull();
    expect(
      readdirSync(dirname(dbPath)).filter((f) => f.includes('cache.sqlite')).length,
    ).toBeGreaterThan(1);
    expect(
      ok<{ total: number }>(await core.router.call('customers:search', { query: '' })).total,
    ).toBe(0);
    await core.close();
  });
});
