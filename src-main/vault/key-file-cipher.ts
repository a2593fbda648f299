import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../src-shared/errors.ts';
import {
  readKeyFile,
  readOrCreateKeyFile,
  type KeyFileOptions,
  type VaultKey,
} from './key-file.ts';
import type { SecretCipher } from './secret-cipher.ts';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from('rc-desk sealed token v1');

export const KEY_MISMATCH_MESSAGE =
  'The key file does not match the saved tokens. Restore the vault.key that was used to save ' +
  'them, or re-enter the token for this store.';
export const KEY_MISSING_MESSAGE =
  'The key file (vault.key) is missing, so the saved tokens cannot be read. Restore it, or ' +
  're-enter the token for this store.';
export const SEAL_DAMAGED_MESSAGE =
  'The saved token for this store is damaged and cannot be read. Re-enter the token.';

export function sealWithKey(key: VaultKey, plain: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
}

export function openWithKey(key: VaultKey, sealed: Buffer): string {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT) {
    throw new AppError('auth', SEAL_DAMAGED_MESSAGE);
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const body = sealed.subarray(1 + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    // A failed tag check: the bytes were changed, or a different key with the same id (never).
    throw new AppError('auth', SEAL_DAMAGED_MESSAGE);
  }
}

/**
 * AES-256-GCM under a key file beside the data. The key is read on first use and created only
 * when something is sealed, so a missing key file never silently replaces the one that sealed
 * the saved tokens.
 */
export function createKeyFileCipher(options: KeyFileOptions): SecretCipher {
  let key: VaultKey | null = null;
  const current = (): VaultKey | null => (key ??= readKeyFile(options));
  return {
    backend: 'key-file',
    seal(plain) {
      key = current() ?? readOrCreateKeyFile(options);
      return { keyId: key.id, data: sealWithKey(key, plain).toString('base64') };
    },
    open(sealed) {
      const k = current();
      if (!k) throw new AppError('auth', KEY_MISSING_MESSAGE);
      if (sealed.keyId !== k.id) throw new AppError('auth', KEY_MISMATCH_MESSAGE);
      return openWithKey(k, Buffer.from(sealed.data, 'base64'));
    },
    handles: (keyId) => keyId.startsWith('key-file:'),
  };
}
