// Security, second round, item 7: only token fields are sealed or masked, and a sealed token is
// bound to its purpose and its store.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/lib/logger.ts';
import { displayValue, openPatch, withoutSecrets } from '../../../src-main/sync/outbox-service.ts';
import { sealerFrom, WRONG_CONTEXT_MESSAGE } from '../../../src-main/sync/sealer.ts';
import { createKeyFileCipher } from '../../../src-main/vault/key-file-cipher.ts';
import { tempDir } from '../../helpers/temp-dir.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});

function cipher() {
  const dir = tempDir();
  dirs.push(dir);
  return createKeyFileCipher({ path: dir.path('vault.key'), logger: silentLogger });
}

describe('sealed payment tokens', () => {
  it('open only for the store and purpose they were sealed for', () => {
    const shared = cipher();
    const a = sealerFrom(shared, { purpose: 'payment-token', profileId: 'store-a' });
    const b = sealerFrom(shared, { purpose: 'payment-token', profileId: 'store-b' });
    const sealed = a.seal('cus_AAAA1234567');
    expect(a.open(sealed)).toBe('cus_AAAA1234567');
    expect(() => b.open(sealed)).toThrow(WRONG_CONTEXT_MESSAGE);
    // A token sealed before contexts existed (only ever in its own store's outbox) still opens.
    const legacy = shared.seal('cus_LEGACY99999');
    expect(a.open(`${legacy.keyId}.${legacy.data}`)).toBe('cus_LEGACY99999');
  });

  it('leaves billing values that merely look sealed or masked alone', () => {
    const sealer = sealerFrom(cipher(), { purpose: 'payment-token', profileId: 'p' });
    const patch = { billing_company: 'sealed:not.a.token', billing_address2: 'masked:Suite 5' };
    expect(openPatch(patch, sealer)).toEqual(patch);
    expect(withoutSecrets(patch, sealer)).toEqual(patch);
    expect(displayValue('billing_company', 'sealed:not.a.token', sealer)).toBe(
      'sealed:not.a.token',
    );
    const token = { stripe_customer_token: `sealed:${sealer.seal('cus_IV0hD7FtykKe1a')}` };
    expect(openPatch(token, sealer)).toEqual({ stripe_customer_token: 'cus_IV0hD7FtykKe1a' });
    expect(withoutSecrets(token, sealer).stripe_customer_token).toMatch(/^masked:cus_…/);
  });
});
