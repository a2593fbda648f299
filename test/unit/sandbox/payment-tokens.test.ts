import { describe, expect, it } from 'vitest';
import {
  PROCESSORS,
  TOKEN_FIELDS,
  checkCustomerToken,
  maskToken,
  processorOfField,
} from '../../../src-shared/recharge/payment-tokens.ts';

describe('payment tokens', () => {
  it('maps processors to wire fields and back', () => {
    expect(TOKEN_FIELDS.stripe).toBe('stripe_customer_token');
    for (const processor of PROCESSORS)
      expect(processorOfField(TOKEN_FIELDS[processor])).toBe(processor);
    expect(processorOfField('billing_city')).toBeNull();
  });

  it('accepts a Stripe customer token and refuses card tokens with an explanation', () => {
    expect(checkCustomerToken('stripe', 'cus_IV0hD7FtykKe1a')).toBeNull();
    expect(checkCustomerToken('stripe', 'tok_1N3T00')).toMatch(/card.*customer token.*cus/);
    expect(checkCustomerToken('stripe', 'pm_1N3T00')).toMatch(/customer token/);
    expect(checkCustomerToken('stripe', 'abc')).toMatch(/must start with "cus"/);
  });

  it('refuses empty, spaced and over-long tokens for every processor', () => {
    for (const processor of PROCESSORS) {
      expect(checkCustomerToken(processor, '')).toMatch(/empty/);
      expect(checkCustomerToken(processor, '   ')).toMatch(/empty/);
      expect(checkCustomerToken(processor, 'cus_a b')).toMatch(/spaces/);
      expect(checkCustomerToken(processor, `cus_${'x'.repeat(300)}`)).toMatch(/longer/);
    }
    expect(checkCustomerToken('braintree', '123456789')).toBeNull();
  });

  it('masks tokens to the prefix and last three characters', () => {
    expect(maskToken('cus_IV0hD7FtykKe1a')).toBe('cus_…e1a');
    expect(maskToken('123456789')).toBe('…789');
    expect(maskToken('tok_1')).toBe('tok_…');
    expect(maskToken('short')).toBe('…');
  });
});
