import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Ids become folder names, so they are checked before any path is built from one. */
export const PROFILE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const DEMO_PROFILE_ID = 'demo';

export function newProfileId(): string {
  return `store-${randomBytes(6).toString('hex')}`;
}

export function profilesFilePath(dataDir: string): string {
  return join(dataDir, 'profiles.json');
}

export function storeDirFor(dataDir: string, profileId: string): string {
  if (!PROFILE_ID.test(profileId)) throw new Error(`Not a profile id: ${profileId.slice(0, 64)}`);
  return join(dataDir, 'stores', profileId);
}

/** Each profile has its own cache database; the cache module opens it. */
export function cacheDbPathFor(dataDir: string, profileId: string): string {
  return join(storeDirFor(dataDir, profileId), 'cache.sqlite');
}
