import { AppError } from '../../src-shared/errors.ts';
import type { SecretCipher } from '../vault/secret-cipher.ts';
import type { TokenSealer } from './ports.ts';

/** What a sealed payment token is for: another store's outbox (or another use) cannot open it. */
export interface SealContext {
  purpose: 'payment-token';
  profileId: string;
}

// The context goes inside the sealed bytes, so both ciphers (the key file's AES-GCM and the
// keychain's) authenticate it, as additional data would.
const MARK = 'rcd-sealed-v2';
const header = (context: SealContext) => `${MARK}\n${context.purpose}\n${context.profileId}\n`;

export const WRONG_CONTEXT_MESSAGE =
  'This payment token was sealed for another store or purpose and is not used. Enter it again.';

/** Payment tokens in the outbox are sealed by the same cipher as the API tokens. */
export function sealerFrom(cipher: SecretCipher, context: SealContext): TokenSealer {
  const expected = header(context);
  return {
    seal(plain) {
      const sealed = cipher.seal(expected + plain);
      return `${sealed.keyId}.${sealed.data}`;
    },
    open(text) {
      const dot = text.lastIndexOf('.'); // base64 data has no dots; a key id might
      const plain = cipher.open({ keyId: text.slice(0, dot), data: text.slice(dot + 1) });
      if (plain.startsWith(expected)) return plain.slice(expected.length);
      // Sealed before contexts existed: only this profile's own outbox ever held it.
      if (!plain.startsWith(`${MARK}\n`)) return plain;
      throw new AppError('validation', WRONG_CONTEXT_MESSAGE);
    },
  };
}
