import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KEY_MISMATCH_MESSAGE } from '../../../src-main/vault/key-file-cipher.ts';
import { ProfilesState } from '../../../src-shared/ipc/channels/profiles.ts';
import { appErrorOf } from '../../helpers/app-error.ts';
import { encodings, useProfileFixture } from './profile-fixture.ts';

const fixture = useProfileFixture();

describe('secrets stay secret', () => {
  it('puts the token nowhere: profiles.json, the key file, the log, views and states', async () => {
    const vault = fixture.manager();
    await fixture.addSandboxProfile(vault, 'Main store', 'full');
    await vault.add({
      label: 'Read-only',
      baseUrl: fixture.sandbox.url,
      version: '2021-01',
      token: fixture.sandbox.tokens.readOnly,
      writeScopes: ['write_customer'],
    });
    vault.switchTo(vault.list().profiles[0]!.id);
    vault.withdrawScope(vault.list().profiles[1]!.id, 'write_customer');

    const stored = readFileSync(fixture.profilesPath());
    const key = readFileSync(fixture.keyPath());
    const seen = [
      stored.toString('utf8'),
      stored.toString('latin1'),
      key.toString('latin1'),
      key.toString('hex'),
      fixture.lines.join('\n'),
      JSON.stringify(vault.list()),
      JSON.stringify(fixture.states),
    ].join('\n');
    for (const token of [fixture.sandbox.tokens.full, fixture.sandbox.tokens.readOnly]) {
      for (const encoded of encodings(token)) expect(seen).not.toContain(encoded);
    }
    const blobs = (
      JSON.parse(stored.toString()) as { profiles: { token: { data: string } }[] }
    ).profiles.map((p) => Buffer.from(p.token.data, 'base64'));
    for (const blob of blobs) {
      expect(blob.includes(Buffer.from(fixture.sandbox.tokens.full))).toBe(false);
      expect(blob.includes(Buffer.from(fixture.sandbox.tokens.readOnly))).toBe(false);
    }
    expect(fixture.lines.length).toBeGreaterThan(0);
    // What the renderer gets is exactly the IPC schema: nothing stripped, nothing secret.
    expect(ProfilesState.parse(vault.list())).toEqual(vault.list());
    expect(vault.list().profiles.map((p) => p.tokenHint)).toEqual([
      fixture.sandbox.tokens.full.slice(-4),
      fixture.sandbox.tokens.readOnly.slice(-4),
    ]);
    expect(vault.secretsForRedaction().sort()).toEqual(
      [fixture.sandbox.tokens.full, fixture.sandbox.tokens.readOnly].sort(),
    );
    expect(vault.active()?.token()).toBe(fixture.sandbox.tokens.full);
  });

  it.runIf(process.platform !== 'win32')(
    'writes profiles.json and the key file with mode 0600',
    async () => {
      const vault = fixture.manager();
      await fixture.addSandboxProfile(vault, 'S', 'full');
      expect(statSync(fixture.keyPath()).mode & 0o777).toBe(0o600);
      expect(statSync(fixture.profilesPath()).mode & 0o777).toBe(0o600);
    },
  );
});

describe('key file mismatch', () => {
  async function twoProfiles() {
    const vault = fixture.manager();
    await fixture.addSandboxProfile(vault, 'A', 'full');
    await fixture.addSandboxProfile(vault, 'B', 'readWrite');
    return vault;
  }

  it('gives a clear error, loses no profile, and works again once the right key is back', async () => {
    const before = await twoProfiles();
    const ids = before.list().profiles.map((p) => p.id);
    const savedProfiles = readFileSync(fixture.profilesPath());
    const rightKey = readFileSync(fixture.keyPath());
    writeFileSync(fixture.keyPath(), Buffer.alloc(32, 9), { mode: 0o600 });

    const locked = fixture.manager();
    expect(locked.list().profiles.map((p) => p.id)).toEqual(ids);
    expect(locked.list().activeId).toBeNull();
    expect(locked.active()).toBeNull();
    expect(locked.activeScopes().size).toBe(0);
    expect(locked.issues().map((i) => i.message)).toEqual([
      KEY_MISMATCH_MESSAGE,
      KEY_MISMATCH_MESSAGE,
    ]);
    const error = await appErrorOf(() => locked.switchTo(ids[0]!));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/^The key file does not match the saved tokens/);
    expect(readFileSync(fixture.profilesPath()).equals(savedProfiles)).toBe(true);

    writeFileSync(fixture.keyPath(), rightKey, { mode: 0o600 });
    const restored = fixture.manager();
    expect(restored.issues()).toEqual([]);
    expect(restored.active()?.id).toBe(ids[1]);
    restored.switchTo(ids[0]!);
    expect(restored.active()?.token()).toBe(fixture.sandbox.tokens.full);
  });

  it('with the key file missing: nothing is overwritten; re-entering a token unlocks that profile', async () => {
    const before = await twoProfiles();
    const [a, b] = before.list().profiles.map((p) => p.id);
    const savedProfiles = readFileSync(fixture.profilesPath());
    rmSync(fixture.keyPath());

    const locked = fixture.manager();
    expect(locked.issues().map((i) => i.message)[0]).toMatch(/key file \(vault.key\) is missing/);
    expect(readFileSync(fixture.profilesPath()).equals(savedProfiles)).toBe(true);
    expect(existsSync(fixture.keyPath())).toBe(false);

    await locked.replaceToken(a!, fixture.sandbox.tokens.full);
    expect(locked.active()?.id).toBe(a);
    expect(locked.active()?.token()).toBe(fixture.sandbox.tokens.full);
    expect(locked.issues().map((i) => i.id)).toEqual([b]);
    // The other profile's sealed token is kept as it was, for the old key to open later.
    const oldB = (
      JSON.parse(savedProfiles.toString()) as { profiles: { id: string; token: unknown }[] }
    ).profiles.find((p) => p.id === b);
    const newB = (
      JSON.parse(readFileSync(fixture.profilesPath(), 'utf8')) as {
        profiles: { id: string; token: unknown }[];
      }
    ).profiles.find((p) => p.id === b);
    expect(newB?.token).toEqual(oldB?.token);
  });

  it('tightens a world-readable key file and keeps working', async () => {
    await twoProfiles();
    chmodSync(fixture.keyPath(), 0o644);
    const vault = fixture.manager();
    expect(vault.issues()).toEqual([]);
    expect(statSync(fixture.keyPath()).mode & 0o777).toBe(0o600);
    expect(fixture.lines.some((l) => l.includes('readable by other users'))).toBe(true);
  });
});
