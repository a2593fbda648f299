import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

function writeTemp(path: string, data: string | Uint8Array, mode: number): string {
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx' with the final mode: the bytes are never readable by others, not even for a moment.
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
  }
}

/** Replaces a file in one step (temp file + rename): a crash leaves the old or the new file. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): void {
  const temp = writeTemp(path, data, mode);
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncDir(dirname(path));
}

/**
 * Creates a file atomically only if it does not exist yet (hard link of a complete temp file).
 * Returns false when another writer got there first.
 */
export function createFileAtomic(path: string, data: Uint8Array, mode = 0o600): boolean {
  const temp = writeTemp(path, data, mode);
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
    syncDir(dirname(path));
  }
}
