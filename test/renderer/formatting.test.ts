import { describe, expect, it } from 'vitest';
import { postalLines } from '../../src-renderer/lib/address-format.ts';
import { customerName, subscriptionsText, yesNo } from '../../src-renderer/lib/customer-text.ts';
import * as payments from '../../src-renderer/lib/payment-methods.ts';
import { paymentMethod } from './fixtures.ts';

describe('postal lines', () => {
  it('writes US, Canadian and Australian places with the short state and the ZIP after it', () => {
    expect(
      postalLines({
        address1: '1 Market St',
        city: 'Philadelphia',
        province: 'Pennsylvania',
        zip: '19193',
        country: 'United States',
      }),
    ).toEqual(['1 Market St', 'Philadelphia, PA 19193', 'United States']);
    expect(
      postalLines({ city: 'Toronto', province: 'Ontario', zip: 'M5V 2T6', countryCode: 'CA' }),
    ).toEqual(['Toronto, ON M5V 2T6', 'Canada']);
    expect(
      postalLines({ city: 'Sydney', province: 'New South Wales', zip: '2000', country: 'AU' }),
    ).toEqual(['Sydney NSW 2000', 'Australia']);
  });

  it('puts the UK postcode on its own line and the European one before the city', () => {
    expect(postalLines({ city: 'London', zip: 'SW1A 1AA', country: 'United Kingdom' })).toEqual([
      'London',
      'SW1A 1AA',
      'United Kingdom',
    ]);
    expect(postalLines({ city: 'Berlin', zip: '10115', countryCode: 'DE' })).toEqual([
      '10115 Berlin',
      'Germany',
    ]);
    expect(postalLines({ city: 'København', zip: '1050', country: 'Denmark' })).toEqual([
      '1050 København',
      'Denmark',
    ]);
    expect(postalLines({ city: 'Paris', zip: '75008', countryCode: 'FR' })).toEqual([
      '75008 Paris',
      'France',
    ]);
  });

  it('leaves out what is missing and keeps an unknown country as given', () => {
    expect(postalLines({ city: null, zip: '97205', country: 'Atlantis' })).toEqual([
      '97205',
      'Atlantis',
    ]);
    expect(postalLines({})).toEqual([]);
  });
});

describe('payment method lines', () => {
  it('reads a card as brand, last 4 and expiry', () => {
    expect(payments.methodTitle(paymentMethod())).toBe('Visa •••• 4242 · 08/2030');
    expect(payments.methodTitle(paymentMethod({ brand: 'american_express', exp_year: 31 }))).toBe(
      'American Express •••• 4242 · 08/2031',
    );
    expect(payments.methodTitle(paymentMethod({ exp_month: null }))).toBe('Visa •••• 4242');
  });

  it('reads PayPal by its email, wallets with their card, other kinds by type', () => {
    const bare = { brand: null, last4: null, exp_month: null, exp_year: null };
    expect(
      payments.methodTitle(
        paymentMethod({ ...bare, payment_type: 'PAYPAL', paypal_email: 'a@b.c' }),
      ),
    ).toBe('a@b.c');
    expect(payments.methodTitle(paymentMethod({ ...bare, payment_type: 'PAYPAL' }))).toBe('PayPal');
    const wallet = paymentMethod({ payment_type: 'APPLE_PAY' });
    expect(payments.methodTitle(wallet)).toBe('Visa •••• 4242 · 08/2030');
    expect(payments.walletLabel(wallet)).toBe('Apple Pay');
    expect(payments.walletLabel(paymentMethod())).toBeNull();
    expect(payments.methodTitle(paymentMethod({ ...bare, payment_type: 'SEPA_DEBIT' }))).toBe(
      'SEPA Direct Debit',
    );
    expect(payments.methodTitle(paymentMethod({ ...bare, payment_type: null }))).toBe(
      'Payment method',
    );
  });

  it('names processors as merchants know them', () => {
    expect(payments.processorLabel('authorize')).toBe('Authorize.Net');
    expect(payments.processorLabel('shopify_payments')).toBe('Shopify Payments');
    expect(payments.processorLabel('mollie')).toBe('Mollie');
    expect(payments.processorLabel('some_new_one')).toBe('Some new one');
    expect(payments.processorLabel(null)).toBeNull();
    expect(payments.tokenProcessorOf('authorize')).toBe('authorizedotnet');
    expect(payments.tokenProcessorOf('shopify_payments')).toBeNull();
  });

  it('puts the default first and tells an expired card', () => {
    const ordered = payments.defaultFirst([
      paymentMethod({ id: 1, is_default: false }),
      paymentMethod({ id: 2, is_default: null }),
      paymentMethod({ id: 3, is_default: true }),
    ]);
    expect(ordered.map((m) => m.id)).toEqual([3, 1, 2]);
    const now = new Date('2030-09-01T00:00:00Z');
    expect(payments.isExpired(paymentMethod({ exp_month: 8, exp_year: 2030 }), now)).toBe(true);
    expect(payments.isExpired(paymentMethod({ exp_month: 9, exp_year: 2030 }), now)).toBe(false);
  });
});

describe('customer text', () => {
  it('falls back from names to email to the id', () => {
    expect(customerName({ id: 1, first_name: 'Ada', last_name: null })).toBe('Ada');
    expect(customerName({ id: 1, first_name: ' ', last_name: null, email: 'a@b.c' })).toBe('a@b.c');
    expect(customerName({ id: 1, first_name: null, last_name: null, email: null })).toBe(
      'Customer 1',
    );
  });

  it('says what it knows of subscriptions and flags', () => {
    expect(subscriptionsText(2, 3)).toBe('2 active of 3');
    expect(subscriptionsText(null, 3)).toBe('3 in total');
    expect(subscriptionsText(null, null)).toBe('—');
    expect(yesNo(null)).toBe('—');
    expect(yesNo(false)).toBe('No');
  });
});
