import { readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors.ts';
import { ApiVersion } from '../../src-shared/ipc/channels/profiles.ts';
import { Scope } from '../../src-shared/scopes.ts';
import type { Logger } from '../lib/logger.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { PROFILE_ID } from './profile-paths.ts';

export const PROFILES_FORMAT = 1;

export const StoredProfile = z.object({
  id: z.string().regex(PROFILE_ID),
  label: z.string(),
  baseUrl: z.string(),
  version: ApiVersion,
  /** Proven by the API. */
  scopes: z.array(Scope),
  /** Ticked by the merchant on 2021-01; withdrawn on the first 403. */
  claimedScopes: z.array(Scope),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Sealed by the vault cipher: base64, never the token itself. */
  token: z.object({ keyId: z.string(), data: z.string() }),
});
export type StoredProfile = z.infer<typeof StoredProfile>;

export const ProfilesFile = z.object({
  format: z.literal(PROFILES_FORMAT),
  activeId: z.string().nullable(),
  profiles: z.array(StoredProfile),
});
export type ProfilesFile = z.infer<typeof ProfilesFile>;

export const EMPTY_PROFILES: ProfilesFile = {
  format: PROFILES_FORMAT,
  activeId: null,
  profiles: [],
};

/**
 * Reads profiles.json. A newer format is refused (an older app must not rewrite it); a damaged
 * file is moved aside, kept for the merchant, and the app starts with no profile.
 */
export function readProfilesFile(path: string, logger: Logger, now: () => Date): ProfilesFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_PROFILES;
    throw new AppError('unavailable', 'The saved store profiles (profiles.json) cannot be read.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const format = (json as { format?: unknown } | undefined)?.format;
  if (typeof format === 'number' && format > PROFILES_FORMAT) {
    throw new AppError(
      'unavailable',
      'The saved store profiles were written by a newer version of this app. Update the app.',
    );
  }
  const parsed = ProfilesFile.safeParse(json);
  if (parsed.success) return parsed.data;
  const aside = `${path}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  logger.warn('profiles.json was damaged; moved aside and starting without profiles', { aside });
  return EMPTY_PROFILES;
}

export function writeProfilesFile(path: string, file: ProfilesFile): void {
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
}
