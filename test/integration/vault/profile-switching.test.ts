import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../helpers/app-error.ts';
import { useProfileFixture } from './profile-fixture.ts';

const fixture = useProfileFixture();

describe('switching and removing', () => {
  async function setup() {
    const vault = fixture.manager();
    const a = (await fixture.addSandboxProfile(vault, 'Full', 'full')).activeId!;
    const b = (await fixture.addSandboxProfile(vault, 'Reader', 'readOnly')).activeId!;
    return { vault, a, b };
  }

  it('switches the active profile, its cache path and its scopes, and announces it', async () => {
    const { vault, a, b } = await setup();
    expect(vault.active()?.id).toBe(b);
    expect(vault.active()?.cacheDbPath).toBe(join(fixture.dataDir, 'stores', b, 'cache.sqlite'));
    expect([...vault.activeScopes()]).toEqual(['read_customer', 'read_payments']);

    fixture.states.length = 0;
    const state = vault.switchTo(a);
    expect(state.activeId).toBe(a);
    expect(fixture.states.map((s) => s.activeId)).toEqual([a]);
    expect(vault.active()?.cacheDbPath).toBe(join(fixture.dataDir, 'stores', a, 'cache.sqlite'));
    expect(vault.active()?.token()).toBe(fixture.sandbox.tokens.full);
    expect([...vault.activeScopes()]).toEqual([
      'read_customer',
      'write_customer',
      'read_payments',
      'write_payments',
    ]);
    // And it is remembered.
    expect(fixture.manager().active()?.id).toBe(a);
  });

  it('refuses an unknown id', async () => {
    const { vault } = await setup();
    expect((await appErrorOf(() => vault.switchTo('../../etc'))).kind).toBe('not_found');
    expect((await appErrorOf(vault.remove({ id: '../..', deleteCache: true }))).kind).toBe(
      'not_found',
    );
  });

  it('refuses removal while edits are pending, naming the count, unless they are discarded', async () => {
    const { vault, b } = await setup();
    fixture.pending.set(b, 3);
    const error = await appErrorOf(vault.remove({ id: b, deleteCache: false }));
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/3 edits/);
    expect(vault.list().profiles).toHaveLength(2);

    await vault.remove({ id: b, deleteCache: false, discardPending: true });
    expect(vault.list().profiles.map((p) => p.label)).toEqual(['Full']);
  });

  it('removing the active profile picks another, then none; the token leaves the disk', async () => {
    const { vault, a, b } = await setup();
    const sealedB = (
      JSON.parse(readFileSync(fixture.profilesPath(), 'utf8')) as {
        profiles: { id: string; token: { data: string } }[];
      }
    ).profiles.find((p) => p.id === b)!.token.data;

    let state = await vault.remove({ id: b, deleteCache: false });
    expect(state.activeId).toBe(a);
    expect(vault.active()?.id).toBe(a);
    expect(readFileSync(fixture.profilesPath(), 'utf8')).not.toContain(sealedB);
    expect(vault.secretsForRedaction()).toEqual([fixture.sandbox.tokens.full]);

    state = await vault.remove({ id: a, deleteCache: false });
    expect(state).toEqual({ profiles: [], activeId: null });
    expect(vault.active()).toBeNull();
    expect(vault.activeScopes().size).toBe(0);
    expect(fixture.states.at(-1)).toEqual({ profiles: [], activeId: null });
  });

  it('deletes the cache folder only with deleteCache, after releasing it', async () => {
    const released: string[] = [];
    const vault = fixture.manager({ releaseCache: (id) => void released.push(id) });
    const a = (await fixture.addSandboxProfile(vault, 'A', 'full')).activeId!;
    const b = (await fixture.addSandboxProfile(vault, 'B', 'readOnly')).activeId!;
    for (const id of [a, b]) {
      const path = vault.cacheDbPath(id);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, 'cache');
    }
    await vault.remove({ id: a, deleteCache: false });
    expect(existsSync(join(fixture.dataDir, 'stores', a))).toBe(true);
    await vault.remove({ id: b, deleteCache: true });
    expect(existsSync(join(fixture.dataDir, 'stores', b))).toBe(false);
    expect(released).toEqual([b]);
  });
});
