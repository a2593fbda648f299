import { AppError } from '../../src-shared/errors.ts';
import {
  openWithContext,
  sealWithContext,
  type SealContext as VaultSealContext,
} from '../vault/sealed-context.ts';
import type { SecretCipher } from '../vault/secret-cipher.ts';
import type { TokenSealer } from './ports.ts';

/** What a sealed payment token is for: another store's outbox (or another use) cannot open it. */
export type SealContext = Extract<VaultSealContext, { purpose: 'payment-token' }>;

export const WRONG_CONTEXT_MESSAGE =
  'This payment token was sealed for another store or purpose and is not used. Enter it again.';

/** Payment tokens in the outbox are sealed by the same cipher as the API tokens. */
export function sealerFrom(cipher: SecretCipher, context: SealContext): TokenSealer {
  return {
    seal(plain) {
      const sealed = sealWithContext(cipher, context, plain);
      return `${sealed.keyId}.${sealed.data}`;
    },
    open(text) {
      const dot = text.lastIndexOf('.'); // base64 data has no dots; a key id might
      const opened = openWithContext(cipher, context, {
        keyId: text.slice(0, dot),
        data: text.slice(dot + 1),
      });
      // Sealed before contexts existed: only this profile's own outbox ever held it.
      if (opened.kind !== 'wrong-context') return opened.plain;
      throw new AppError('validation', WRONG_CONTEXT_MESSAGE);
    },
  };
}
