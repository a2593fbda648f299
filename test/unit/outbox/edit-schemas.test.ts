import { describe, expect, it } from 'vitest';
import * as edits from '../../../src-shared/outbox/edits.ts';
import { GUIDE_BILLING_UPDATE } from '../../helpers/wire-samples.ts';

describe('billing patch rules', () => {
  it('accepts the guide example and keeps null as a clear', () => {
    const parsed = edits.BillingPatch.parse(GUIDE_BILLING_UPDATE);
    expect(parsed.billing_address2).toBeNull();
    expect(parsed.billing_zip).toBe('90404');
  });

  it('turns an emptied optional field into a clear and trims values', () => {
    expect(edits.BillingPatch.parse({ billing_company: '  ', billing_city: ' Austin ' })).toEqual({
      billing_company: null,
      billing_city: 'Austin',
    });
  });

  it('refuses empty names, unknown fields and an empty patch', () => {
    expect(edits.BillingPatch.safeParse({ first_name: ' ' }).success).toBe(false);
    expect(edits.BillingPatch.safeParse({ email: 'x@y.z' }).success).toBe(false);
    expect(edits.BillingPatch.safeParse({ stripe_customer_token: 'cus_1' }).success).toBe(false);
    expect(edits.BillingPatch.safeParse({}).success).toBe(false);
  });

  it('checks phone and zip characters', () => {
    expect(edits.BillingPatch.safeParse({ billing_phone: '+1 (310) 384-3698' }).success).toBe(true);
    expect(edits.BillingPatch.safeParse({ billing_phone: 'call me' }).success).toBe(false);
    expect(edits.BillingPatch.safeParse({ billing_zip: 'SW1A 1AA' }).success).toBe(true);
    expect(edits.BillingPatch.safeParse({ billing_zip: '<script>' }).success).toBe(false);
  });

  it('needs a positive integer customer id', () => {
    expect(
      edits.UpdateBillingInput.safeParse({ customerId: -1, patch: { billing_city: 'X' } }).success,
    ).toBe(false);
  });
});

describe('payment token input', () => {
  it('refuses a Stripe card token with a message about customer tokens', () => {
    const result = edits.UpdatePaymentTokenInput.safeParse({
      customerId: 5,
      processor: 'stripe',
      token: 'tok_1Hh1XYZ',
    });
    expect(result.success).toBe(false);
    const message = result.error?.issues[0]?.message ?? '';
    expect(message).toMatch(/customer token/);
    expect(message).toMatch(/cus/);
    expect(result.error?.issues[0]?.path).toEqual(['token']);
  });

  it('accepts a Stripe customer token and other processors as they come', () => {
    expect(
      edits.UpdatePaymentTokenInput.safeParse({
        customerId: 5,
        processor: 'stripe',
        token: 'cus_IV0hD7FtykKe1a',
      }).success,
    ).toBe(true);
    expect(
      edits.UpdatePaymentTokenInput.safeParse({
        customerId: 5,
        processor: 'braintree',
        token: '81726354',
      }).success,
    ).toBe(true);
  });

  it('refuses unknown processors', () => {
    expect(
      edits.UpdatePaymentTokenInput.safeParse({
        customerId: 5,
        processor: 'square',
        token: 'cus_1',
      }).success,
    ).toBe(false);
  });
});

describe('bulk target', () => {
  it('takes ids or a search', () => {
    expect(edits.BulkTarget.safeParse({ kind: 'ids', ids: [1, 2] }).success).toBe(true);
    expect(edits.BulkTarget.safeParse({ kind: 'search', query: 'austin' }).success).toBe(true);
    expect(edits.BulkTarget.safeParse({ kind: 'ids', ids: [] }).success).toBe(false);
    expect(edits.BulkTarget.safeParse({ kind: 'all' }).success).toBe(false);
  });
});
