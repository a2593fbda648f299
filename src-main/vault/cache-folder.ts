import { rmSync } from 'node:fs';
import { storeDirFor } from './profile-paths.ts';

/** Deletes a removed store's cache folder, once whoever holds its database has let it go. */
export async function deleteCacheFolder(
  dataDir: string,
  profileId: string,
  release?: (profileId: string) => void | Promise<void>,
): Promise<void> {
  await release?.(profileId);
  rmSync(storeDirFor(dataDir, profileId), { recursive: true, force: true });
}
