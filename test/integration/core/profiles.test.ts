import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addFullStore, ok, quietCore, useDataDirs, useSandbox } from './helpers.ts';

const sandbox = useSandbox({ seed: 4, customers: 20, timeScale: 50 });
const dataDirs = useDataDirs('rcd-prof-');

const open = (dataDir: string) => quietCore(dataDir);

describe('store profiles over IPC', () => {
  it('a wrong key file locks the profile without losing it; re-entering the token unlocks it', async () => {
    const dataDir = dataDirs();
    let core = await open(dataDir);
    const added = ok<{ activeId: string }>(
      await core.router.call('profiles:add', {
        label: 'Shop',
        baseUrl: sandbox().url,
        token: sandbox().tokens.readWrite,
        writeScopes: ['write_customer'],
      }),
    );
    await core.close();
    const profilesFile = readFileSync(join(dataDir, 'profiles.json'));
    writeFileSync(join(dataDir, 'vault.key'), randomBytes(32), { mode: 0o600 });

    core = await open(dataDir);
    const listed = ok<{ profiles: { id: string; locked?: string; tokenHint: string }[] }>(
      await core.router.call('profiles:list', undefined),
    );
    expect(listed.profiles).toHaveLength(1);
    expect(listed.profiles[0]).toMatchObject({ id: added.activeId, tokenHint: '' });
    expect(listed.profiles[0]!.locked).toMatch(/key file/i);
    expect(readFileSync(join(dataDir, 'profiles.json')).equals(profilesFile)).toBe(true);
    expect(await core.router.call('customers:search', { query: '' })).toMatchObject({ ok: false });

    const unlocked = ok<{ profiles: { locked?: string; tokenHint: string }[] }>(
      await core.router.call('profiles:replaceToken', {
        id: added.activeId,
        token: sandbox().tokens.readWrite,
      }),
    );
    expect(unlocked.profiles[0]!.locked).toBeUndefined();
    expect(unlocked.profiles[0]!.tokenHint).toBe(sandbox().tokens.readWrite.slice(-4));
    ok(await core.router.call('sync:start', { full: true }));
    expect(
      ok<{ total: number }>(await core.router.call('customers:search', { query: '' })).total,
    ).toBe(20);
    await core.close();
  });

  it('takes a sync interval of a minute or more, or off', async () => {
    const core = await open(dataDirs());
    await addFullStore(core, sandbox(), '2021-11');
    expect(await core.router.call('sync:schedule', { intervalMs: 5_000 })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(await core.router.call('sync:schedule', { intervalMs: 0 })).toMatchObject({ ok: true });
    expect(await core.router.call('sync:schedule', { intervalMs: 600_000 })).toMatchObject({
      ok: true,
    });
    await core.close();
  });
});
