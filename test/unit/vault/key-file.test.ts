import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/lib/logger.ts';
import {
  createKeyFileCipher,
  KEY_MISMATCH_MESSAGE,
  KEY_MISSING_MESSAGE,
} from '../../../src-main/vault/key-file-cipher.ts';
import { KEY_BYTES, readKeyFile } from '../../../src-main/vault/key-file.ts';
import { isAppError } from '../../../src-shared/errors.ts';

const TOKEN = 'sk_live_vault_test_9f8e7d6c5b4a3210';
const posix = process.platform !== 'win32';

let dir: string;
let lines: string[];
const logger = () => createLogger((line) => lines.push(line));
const keyPath = () => join(dir, 'vault.key');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vault-key-'));
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('key file', () => {
  it.runIf(posix)('is created on first seal with mode 0600 and 32 bytes', () => {
    const cipher = createKeyFileCipher({ path: keyPath(), logger: logger() });
    expect(() => statSync(keyPath())).toThrow();
    cipher.seal(TOKEN);
    const stat = statSync(keyPath());
    expect(stat.mode & 0o777).toBe(0o600);
    expect(stat.size).toBe(KEY_BYTES);
  });

  it.runIf(posix)('tightens a group/world-readable key file to 0600 and warns', () => {
    const sealed = createKeyFileCipher({ path: keyPath(), logger: logger() }).seal(TOKEN);
    chmodSync(keyPath(), 0o644);
    const reopened = createKeyFileCipher({ path: keyPath(), logger: logger() });
    expect(reopened.open(sealed)).toBe(TOKEN);
    expect(statSync(keyPath()).mode & 0o777).toBe(0o600);
    const warning = lines.map((l) => JSON.parse(l)).find((e) => e.level === 'warn');
    expect(warning?.message).toMatch(/readable by other users/);
  });

  it('refuses a key file of the wrong size with a clear error', () => {
    writeFileSync(keyPath(), Buffer.alloc(10), { mode: 0o600 });
    const error = thrown(() => readKeyFile({ path: keyPath(), logger: logger() }));
    expect(isAppError(error) && error.message).toMatch(/key file cannot be used.*32 bytes/);
  });

  it.runIf(posix)('refuses a symbolic link in place of the key', () => {
    const real = join(dir, 'elsewhere.key');
    writeFileSync(real, Buffer.alloc(KEY_BYTES, 7), { mode: 0o600 });
    symlinkSync(real, keyPath());
    const error = thrown(() => readKeyFile({ path: keyPath(), logger: logger() }));
    expect(isAppError(error) && error.message).toMatch(/symbolic link/);
  });
});

describe('key-file cipher', () => {
  it('round-trips, with a fresh IV every time, and the blob is not an encoding of the token', () => {
    const cipher = createKeyFileCipher({ path: keyPath(), logger: logger() });
    const a = cipher.seal(TOKEN);
    const b = cipher.seal(TOKEN);
    expect(a.data).not.toBe(b.data);
    expect(cipher.open(a)).toBe(TOKEN);
    expect(cipher.open(b)).toBe(TOKEN);
    const bytes = Buffer.from(TOKEN);
    for (const encoding of ['base64', 'base64url', 'hex', 'utf8'] as const) {
      expect(a.data).not.toContain(bytes.toString(encoding));
    }
    expect(Buffer.from(a.data, 'base64').includes(bytes)).toBe(false);
    expect(readFileSync(keyPath()).includes(bytes)).toBe(false);
  });

  it('rejects a tampered blob (the auth tag is checked)', () => {
    const cipher = createKeyFileCipher({ path: keyPath(), logger: logger() });
    const sealed = cipher.seal(TOKEN);
    const raw = Buffer.from(sealed.data, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    const error = thrown(() => cipher.open({ ...sealed, data: raw.toString('base64') }));
    expect(isAppError(error) && error.kind).toBe('auth');
    expect(String((error as Error).message)).not.toContain(TOKEN);
  });

  it('says the key file does not match when another key is in place', () => {
    const sealed = createKeyFileCipher({ path: keyPath(), logger: logger() }).seal(TOKEN);
    rmSync(keyPath());
    writeFileSync(keyPath(), Buffer.alloc(KEY_BYTES, 1), { mode: 0o600 });
    const error = thrown(() =>
      createKeyFileCipher({ path: keyPath(), logger: logger() }).open(sealed),
    );
    expect(isAppError(error) && error.message).toBe(KEY_MISMATCH_MESSAGE);
  });

  it('says the key file is missing, and does not create one just to read', () => {
    const sealed = createKeyFileCipher({ path: keyPath(), logger: logger() }).seal(TOKEN);
    rmSync(keyPath());
    const error = thrown(() =>
      createKeyFileCipher({ path: keyPath(), logger: logger() }).open(sealed),
    );
    expect(isAppError(error) && error.message).toBe(KEY_MISSING_MESSAGE);
    expect(() => statSync(keyPath())).toThrow();
  });

  it('never writes the token to the log', () => {
    const cipher = createKeyFileCipher({ path: keyPath(), logger: logger() });
    cipher.open(cipher.seal(TOKEN));
    expect(lines.join('\n')).not.toContain(TOKEN);
  });
});
