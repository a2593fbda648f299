// Security, second round, item 7 (the audit's open finding): a store's sealed API token is bound
// to its purpose, its profile id and its address, so a writer of the data folder who cannot read
// the key cannot swap tokens between stores or point a store at another host.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/lib/logger.ts';
import { createKeyFileCipher } from '../../../src-main/vault/key-file-cipher.ts';
import { WRONG_STORE_TOKEN_MESSAGE } from '../../../src-main/vault/sealed-context.ts';
import { appErrorOfSync } from '../../helpers/app-error.ts';
import { useProfileFixture } from './profile-fixture.ts';

const fixture = useProfileFixture();

interface RawProfiles {
  profiles: { id: string; baseUrl: string; token: { keyId: string; data: string } }[];
}
const readRaw = () => JSON.parse(readFileSync(fixture.profilesPath(), 'utf8')) as RawProfiles;
const writeRaw = (raw: RawProfiles) =>
  writeFileSync(fixture.profilesPath(), `${JSON.stringify(raw, null, 2)}\n`);
const rawCipher = () => createKeyFileCipher({ path: fixture.keyPath(), logger: silentLogger });

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('a sealed API token belongs to one store and one address', () => {
  it('refuses a token swapped between two profiles', async () => {
    const first = fixture.manager();
    await fixture.addSandboxProfile(first, 'A', 'full');
    await fixture.addSandboxProfile(first, 'B', 'readWrite');
    const raw = readRaw();
    const [a, b] = raw.profiles;
    [a!.token, b!.token] = [b!.token, a!.token];
    writeRaw(raw);

    const vault = fixture.manager();
    expect(vault.list().profiles.map((p) => p.locked)).toEqual([
      WRONG_STORE_TOKEN_MESSAGE,
      WRONG_STORE_TOKEN_MESSAGE,
    ]);
    expect(vault.active()).toBeNull();
    expect(vault.secretsForRedaction()).toEqual([]);
    expect(appErrorOfSync(() => vault.switchTo(a!.id)).message).toBe(WRONG_STORE_TOKEN_MESSAGE);
  });

  it('refuses a store address edited in the profiles file: the other host sees nothing', async () => {
    const seen: string[] = [];
    const other = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"customers": []}');
    });
    servers.push(other);
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;

    const first = fixture.manager();
    await fixture.addSandboxProfile(first, 'Main', 'full');
    const raw = readRaw();
    raw.profiles[0]!.baseUrl = otherUrl;
    writeRaw(raw);
    const before = readFileSync(fixture.profilesPath());

    const vault = fixture.manager();
    const [profile] = vault.list().profiles;
    expect(profile?.baseUrl).toBe(otherUrl);
    expect(profile?.locked).toBe(WRONG_STORE_TOKEN_MESSAGE);
    expect(profile?.tokenHint).toBe('');
    // No store is active, so no client is ever made with the token.
    expect(vault.active()).toBeNull();
    expect(vault.secretsForRedaction()).toEqual([]);
    expect(appErrorOfSync(() => vault.switchTo(profile!.id)).kind).toBe('auth');
    expect(readFileSync(fixture.profilesPath())).toEqual(before);
    expect(seen).toEqual([]);
  });

  it('re-seals a token sealed before contexts existed, once, and opens it after a restart', async () => {
    const first = fixture.manager();
    await fixture.addSandboxProfile(first, 'Old', 'full');
    const raw = readRaw();
    raw.profiles[0]!.token = rawCipher().seal(fixture.sandbox.tokens.full);
    writeRaw(raw);

    const migrated = fixture.manager();
    expect(migrated.active()?.token()).toBe(fixture.sandbox.tokens.full);
    const after = readRaw().profiles[0]!;
    const opened = rawCipher().open(after.token);
    expect(opened).not.toBe(fixture.sandbox.tokens.full);
    expect(opened).toContain(`api-token\n${after.id}\n${after.baseUrl}\n`);
    expect(opened.endsWith(fixture.sandbox.tokens.full)).toBe(true);
    expect(fixture.lines.join('\n')).toMatch(/re-sealed/);

    const once = readFileSync(fixture.profilesPath());
    const restarted = fixture.manager();
    expect(restarted.active()?.token()).toBe(fixture.sandbox.tokens.full);
    expect(readFileSync(fixture.profilesPath())).toEqual(once);
  });

  it('re-seals a replaced token with the store and its address', async () => {
    const vault = fixture.manager();
    await fixture.addSandboxProfile(vault, 'S', 'readOnly');
    const id = vault.list().profiles[0]!.id;
    await vault.replaceToken(id, fixture.sandbox.tokens.full);
    const stored = readRaw().profiles[0]!;
    expect(rawCipher().open(stored.token)).toContain(`api-token\n${id}\n${stored.baseUrl}\n`);
    expect(fixture.manager().active()?.token()).toBe(fixture.sandbox.tokens.full);
  });
});
