import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../src-shared/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { createFileAtomic } from './atomic-file.ts';

export const KEY_BYTES = 32;
export const KEY_FILE_NAME = 'vault.key';

export interface VaultKey {
  bytes: Buffer;
  /** Derived from the key, so a blob says which key sealed it without revealing the key. */
  id: string;
}

export interface KeyFileOptions {
  path: string;
  logger: Logger;
  platform?: NodeJS.Platform;
}

export function keyIdOf(bytes: Uint8Array): string {
  const digest = createHash('sha256').update('rc-desk vault key id\0').update(bytes).digest('hex');
  return `key-file:${digest.slice(0, 16)}`;
}

const unreadable = (detail: string) =>
  new AppError(
    'unavailable',
    `The key file cannot be used: ${detail} Fix the file, or remove it and re-enter the store tokens.`,
  );

/**
 * Reads the key file, or returns null when there is none. Group- or world-readable permissions
 * are tightened to 0600 with a warning (the file is ours: refusing would only lock the merchant
 * out); when they cannot be tightened (not our file) the key is refused.
 */
export function readKeyFile(options: KeyFileOptions): VaultKey | null {
  const platform = options.platform ?? process.platform;
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink planted in place of the key is refused, not followed.
    fd = openSync(options.path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw unreadable('it is a symbolic link.');
    throw unreadable(`it could not be opened (${code ?? 'unknown error'}).`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw unreadable('it is not a regular file.');
    if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      try {
        fchmodSync(fd, 0o600);
      } catch {
        throw unreadable('other users can read it and its permissions cannot be changed.');
      }
      options.logger.warn('vault key file was readable by other users; permissions set to 0600', {
        path: options.path,
        previousMode: (stat.mode & 0o777).toString(8),
      });
    }
    if (stat.size !== KEY_BYTES) throw unreadable(`it should hold ${KEY_BYTES} bytes.`);
    const bytes = Buffer.alloc(KEY_BYTES);
    if (readSync(fd, bytes, 0, KEY_BYTES, 0) !== KEY_BYTES) throw unreadable('it is truncated.');
    return { bytes, id: keyIdOf(bytes) };
  } finally {
    closeSync(fd);
  }
}

/** Returns the existing key, or creates one (32 random bytes, mode 0600, written atomically). */
export function readOrCreateKeyFile(options: KeyFileOptions): VaultKey {
  const existing = readKeyFile(options);
  if (existing) return existing;
  mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
  const bytes = randomBytes(KEY_BYTES);
  if (!createFileAtomic(options.path, bytes, 0o600)) {
    // Another process created it between our read and write: use theirs.
    const theirs = readKeyFile(options);
    if (theirs) return theirs;
  }
  options.logger.info('vault key file created', { path: options.path });
  return { bytes, id: keyIdOf(bytes) };
}
