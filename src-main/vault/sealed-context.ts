import type { SealedSecret, SecretCipher } from './secret-cipher.ts';

/**
 * What a sealed secret is for. The API token is bound to its store's id and normalized address;
 * a payment token in the outbox to its store's id.
 */
export type SealContext =
  | { purpose: 'api-token'; profileId: string; baseUrl: string }
  | { purpose: 'payment-token'; profileId: string };

// The context goes inside the sealed bytes, so both ciphers (the key file's AES-GCM and the
// keychain's) authenticate it, as additional data would. Ids and normalized addresses hold no
// newline, so the header cannot be forged from inside a field.
const MARK = 'rcd-sealed-v2';
const header = (context: SealContext) =>
  [
    MARK,
    context.purpose,
    context.profileId,
    ...(context.purpose === 'api-token' ? [context.baseUrl] : []),
    '',
  ].join('\n');

export const WRONG_STORE_TOKEN_MESSAGE =
  'The saved API token does not belong to this store or its address. Add the token again in Settings.';

/** What opening found: the secret for this context, one sealed before contexts, or neither. */
export type OpenedWithContext =
  { kind: 'ok'; plain: string } | { kind: 'legacy'; plain: string } | { kind: 'wrong-context' };

export function sealWithContext(
  cipher: SecretCipher,
  context: SealContext,
  plain: string,
): SealedSecret {
  return cipher.seal(header(context) + plain);
}

/** Throws only what the cipher throws (a missing key, damaged data); a mismatch is a value. */
export function openWithContext(
  cipher: SecretCipher,
  context: SealContext,
  sealed: SealedSecret,
): OpenedWithContext {
  const plain = cipher.open(sealed);
  const expected = header(context);
  if (plain.startsWith(expected)) return { kind: 'ok', plain: plain.slice(expected.length) };
  if (!plain.startsWith(`${MARK}\n`)) return { kind: 'legacy', plain };
  return { kind: 'wrong-context' };
}
