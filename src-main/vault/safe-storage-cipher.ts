import { join } from 'node:path';
import { AppError } from '../../src-shared/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { createKeyFileCipher } from './key-file-cipher.ts';
import { KEY_FILE_NAME } from './key-file.ts';
import { combineCiphers, type SecretCipher } from './secret-cipher.ts';

/** The slice of Electron's `safeStorage` the vault uses, injected: only index.ts imports electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageCipherOptions {
  dataDir: string;
  logger: Logger;
  platform?: NodeJS.Platform;
}

const SAFE_STORAGE_KEY_ID = 'safe-storage';

export const KEYCHAIN_REFUSED_MESSAGE =
  "The saved token cannot be decrypted with this computer's keychain. Re-enter the token for " +
  'this store.';

/**
 * Why safeStorage must not be used here, or null when it may. On Linux, Chromium falls back to
 * `basic_text` (a hard-coded key: plaintext in all but name) when no keyring answers; `unknown`
 * means it was asked before the app was ready. Neither protects anything.
 */
export function safeStorageRefusal(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'encryption is not available';
  if (platform !== 'linux') return null;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  if (backend === 'basic_text') return 'the only backend is basic_text (plaintext)';
  if (backend === 'unknown') return 'the keyring backend is unknown';
  return null;
}

function safeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  return {
    backend: 'safe-storage',
    seal(plain) {
      const data = Buffer.from(safeStorage.encryptString(plain)).toString('base64');
      return { keyId: SAFE_STORAGE_KEY_ID, data };
    },
    open(sealed) {
      try {
        return safeStorage.decryptString(Buffer.from(sealed.data, 'base64'));
      } catch {
        throw new AppError('auth', KEYCHAIN_REFUSED_MESSAGE);
      }
    },
    handles: (keyId) => keyId === SAFE_STORAGE_KEY_ID,
  };
}

/**
 * The Electron app's cipher: the system keychain through safeStorage when it really encrypts,
 * otherwise the key file `<dataDir>/vault.key`, with a warning. Either way tokens saved under
 * the other backend can still be opened.
 */
export function createSafeStorageCipher(
  safeStorage: SafeStorageLike,
  options: SafeStorageCipherOptions,
): SecretCipher {
  const platform = options.platform ?? process.platform;
  const keyFile = createKeyFileCipher({
    path: join(options.dataDir, KEY_FILE_NAME),
    logger: options.logger,
    platform,
  });
  const refusal = safeStorageRefusal(safeStorage, platform);
  if (refusal === null) return combineCiphers(safeStorageCipher(safeStorage), [keyFile]);
  options.logger.warn('safeStorage not used for the store tokens; using the vault key file', {
    reason: refusal,
    keyFile: join(options.dataDir, KEY_FILE_NAME),
  });
  const openers = safeStorage.isEncryptionAvailable() ? [safeStorageCipher(safeStorage)] : [];
  return combineCiphers(keyFile, openers);
}
