import { AppError } from '../../src-shared/errors.ts';

/** A secret as it is kept on disk: the sealed bytes and the id of the key that sealed them. */
export interface SealedSecret {
  keyId: string;
  /** base64 of the sealed bytes. */
  data: string;
}

/** Seals and opens short secrets (API tokens). Implementations never log or echo the plaintext. */
export interface SecretCipher {
  /** Which backend seals new secrets: shown in logs and the docs, never a secret itself. */
  readonly backend: 'safe-storage' | 'key-file';
  seal(plain: string): SealedSecret;
  /** Throws an AppError of kind `auth` when the key is missing, different or the data damaged. */
  open(sealed: SealedSecret): string;
  /** Whether this cipher owns secrets sealed under that key id (even if it cannot open them). */
  handles(keyId: string): boolean;
}

export const UNKNOWN_KEY_MESSAGE =
  'The saved token was sealed by a key this app does not know. Re-enter the token for this store.';

/**
 * Seals with the first cipher and opens with whichever one owns the key id, so moving from the
 * key file to the system keychain (or back) does not lock the tokens saved before.
 */
export function combineCiphers(
  primary: SecretCipher,
  others: readonly SecretCipher[],
): SecretCipher {
  const all = [primary, ...others];
  return {
    backend: primary.backend,
    seal: (plain) => primary.seal(plain),
    open(sealed) {
      const owner = all.find((cipher) => cipher.handles(sealed.keyId));
      if (!owner) throw new AppError('auth', UNKNOWN_KEY_MESSAGE);
      return owner.open(sealed);
    },
    handles: (keyId) => all.some((cipher) => cipher.handles(keyId)),
  };
}
