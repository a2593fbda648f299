import type { SecretCipher } from '../vault/secret-cipher.ts';
import type { TokenSealer } from './outbox-ports.ts';

/** Payment tokens in the outbox are sealed by the same cipher as the API tokens. */
export function sealerFrom(cipher: SecretCipher): TokenSealer {
  return {
    seal(plain) {
      const sealed = cipher.seal(plain);
      return `${sealed.keyId}.${sealed.data}`;
    },
    open(text) {
      const dot = text.lastIndexOf('.'); // base64 data has no dots; a key id might
      return cipher.open({ keyId: text.slice(0, dot), data: text.slice(dot + 1) });
    },
  };
}
