import { AppError } from '../../src-shared/errors.ts';
import type { StoredProfile } from './profile-store.ts';
import { openWithContext, sealWithContext, WRONG_STORE_TOKEN_MESSAGE } from './sealed-context.ts';
import type { SealedSecret, SecretCipher } from './secret-cipher.ts';
import { normalizeBaseUrl } from './token-check.ts';

const contextOf = (profile: Pick<StoredProfile, 'id' | 'baseUrl'>) => ({
  purpose: 'api-token' as const,
  profileId: profile.id,
  baseUrl: normalizeBaseUrl(profile.baseUrl),
});

/** Seals a store's API token for that store and its address only. */
export function sealApiToken(
  cipher: SecretCipher,
  profile: Pick<StoredProfile, 'id' | 'baseUrl'>,
  token: string,
): SealedSecret {
  return sealWithContext(cipher, contextOf(profile), token);
}

/**
 * Opens a saved profile's API token. A token sealed for another store or address is refused (an
 * AppError, so it is never sent); one sealed before contexts existed comes back with `reseal`,
 * its token sealed for this store, for the caller to save.
 */
export function openApiToken(
  cipher: SecretCipher,
  profile: StoredProfile,
): { token: string; reseal?: SealedSecret } {
  const context = contextOf(profile);
  const opened = openWithContext(cipher, context, profile.token);
  if (opened.kind === 'wrong-context') throw new AppError('auth', WRONG_STORE_TOKEN_MESSAGE);
  if (opened.kind === 'ok') return { token: opened.plain };
  return { token: opened.plain, reseal: sealWithContext(cipher, context, opened.plain) };
}
