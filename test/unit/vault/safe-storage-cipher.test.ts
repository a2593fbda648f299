import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/lib/logger.ts';
import {
  createSafeStorageCipher,
  type SafeStorageLike,
} from '../../../src-main/vault/safe-storage-cipher.ts';

const TOKEN = 'sk_live_safe_storage_0123456789';

let dir: string;
let lines: string[];
const logger = () => createLogger((line) => lines.push(line));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vault-safe-'));
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for Electron's safeStorage: reversible, and records what it was asked to seal. */
function fakeSafeStorage(backend: string | undefined, available = true) {
  const sealedPlaintexts: string[] = [];
  const mask = (bytes: Uint8Array) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  const fake: SafeStorageLike & { sealedPlaintexts: string[] } = {
    sealedPlaintexts,
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      sealedPlaintexts.push(plain);
      return Buffer.concat([Buffer.from('v11'), mask(Buffer.from(plain))]);
    },
    decryptString(encrypted) {
      if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('bad prefix');
      return mask(encrypted.subarray(3)).toString();
    },
  };
  if (backend !== undefined) fake.getSelectedStorageBackend = () => backend;
  return fake;
}

const warnings = () =>
  lines
    .map((l) => JSON.parse(l) as { level: string; message: string })
    .filter((e) => e.level === 'warn');

const cipherOn = (
  storage: Parameters<typeof createSafeStorageCipher>[0],
  platform: NodeJS.Platform = 'linux',
) => createSafeStorageCipher(storage, { dataDir: dir, logger: logger(), platform });

describe('safeStorage adapter', () => {
  it('falls back to the key file on Linux when the backend is basic_text, with a warning', () => {
    const fake = fakeSafeStorage('basic_text');
    const cipher = cipherOn(fake);
    expect(cipher.backend).toBe('key-file');
    const sealed = cipher.seal(TOKEN);
    expect(sealed.keyId).toMatch(/^key-file:/);
    expect(cipher.open(sealed)).toBe(TOKEN);
    expect(fake.sealedPlaintexts).toEqual([]);
    expect(existsSync(join(dir, 'vault.key'))).toBe(true);
    expect(warnings()[0]?.message).toMatch(/safeStorage not used/);
    expect(JSON.stringify(warnings())).toContain('basic_text');
  });

  it('falls back when encryption is not available', () => {
    const cipher = cipherOn(fakeSafeStorage('gnome_libsecret', false));
    expect(cipher.backend).toBe('key-file');
    expect(warnings()).toHaveLength(1);
  });

  it('round-trips through a working keychain and writes no key file', () => {
    const fake = fakeSafeStorage('gnome_libsecret');
    const cipher = cipherOn(fake);
    expect(cipher.backend).toBe('safe-storage');
    const sealed = cipher.seal(TOKEN);
    expect(cipher.open(sealed)).toBe(TOKEN);
    expect(sealed.data).not.toContain(Buffer.from(TOKEN).toString('base64'));
    expect(existsSync(join(dir, 'vault.key'))).toBe(false);
    expect(warnings()).toEqual([]);
  });

  it('uses safeStorage on macOS, where there is no backend to ask', () => {
    const cipher = cipherOn(fakeSafeStorage(undefined), 'darwin');
    expect(cipher.backend).toBe('safe-storage');
  });

  it('still opens tokens sealed by the key file after the keychain becomes available', () => {
    const before = cipherOn(fakeSafeStorage('basic_text'));
    const sealed = before.seal(TOKEN);
    const after = cipherOn(fakeSafeStorage('kwallet5'));
    expect(after.backend).toBe('safe-storage');
    expect(after.open(sealed)).toBe(TOKEN);
  });

  it('gives a clear error when the keychain cannot decrypt a saved token', () => {
    const cipher = cipherOn(fakeSafeStorage('kwallet5'));
    expect(() => cipher.open({ keyId: 'safe-storage', data: 'AAAA' })).toThrow(/keychain/);
  });
});
