import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import CustomerDetailView from '../../src-renderer/components/customers/CustomerDetailView.vue';
import { useProfilesStore } from '../../src-renderer/stores/profiles.ts';
import type { CustomerDetail } from '../../src-shared/customers/views.ts';
import type { ApiVersion } from '../../src-shared/ipc/channels/profiles.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import { $, isDisabled } from './dom.ts';
import { fakeCore, freshPinia, plugins } from './fake-api.ts';
import { customer, customer2111, detail, paymentMethod, profilesState } from './fixtures.ts';

const ALL: Scope[] = ['read_customer', 'write_customer', 'read_payments', 'write_payments'];

async function mountDetail(shown: CustomerDetail, version: ApiVersion, scopes: Scope[] = ALL) {
  fakeCore({
    'customers:get': () => shown,
    'customers:history': () => ({ entries: [] }),
  });
  const pinia = freshPinia();
  useProfilesStore().state = profilesState(scopes, version);
  const wrapper = mount(CustomerDetailView, {
    props: { customerId: shown.customer.id },
    attachTo: document.body,
    global: plugins(pinia),
  });
  await flushPromises();
  return wrapper;
}

/** Shows a 2021-11 customer with no payment methods. */
const mount2111 = (overrides: Parameters<typeof customer2111>[0] = {}) =>
  mountDetail(detail({ customer: customer2111(overrides) }), '2021-11');

const text = (testid: string) => $(`[data-testid="${testid}"]`).textContent?.trim() ?? '';
const all = (testid: string) =>
  [...document.querySelectorAll(`[data-testid="${testid}"]`)].map(
    (el) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  );

describe('customer detail: payment methods card', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('lists every method, default first, each as brand, last 4 and expiry', async () => {
    await mountDetail(
      detail({
        customer: customer2111({ default_payment_method_id: 9002 }),
        payment_methods: [
          paymentMethod({ id: 9001, is_default: false, brand: 'mastercard', last4: '5454' }),
          paymentMethod({ id: 9002, is_default: true, exp_month: 3, exp_year: 2031 }),
          paymentMethod({
            id: 9003,
            is_default: false,
            payment_type: 'PAYPAL',
            processor_name: 'braintree',
            brand: null,
            last4: null,
            exp_month: null,
            exp_year: null,
            paypal_email: 'ada@paypal.example',
          }),
          paymentMethod({
            id: 9004,
            is_default: false,
            payment_type: 'SEPA_DEBIT',
            processor_name: 'mollie',
            brand: null,
            last4: null,
            exp_month: null,
            exp_year: null,
          }),
        ],
      }),
      '2021-11',
    );
    expect(all('method-title')).toEqual([
      'Visa •••• 4242 · 03/2031',
      'Mastercard •••• 5454 · 08/2030',
      'ada@paypal.example',
      'SEPA Direct Debit',
    ]);
    const methods = document.querySelectorAll('[data-testid="payment-method"]');
    expect(methods[0]?.querySelector('[data-testid="method-default"]')?.textContent).toBe(
      'Default',
    );
    expect(methods[1]?.querySelector('[data-testid="method-default"]')).toBeNull();
    expect(all('method-meta')).toEqual([
      'Stripe · Valid',
      'Stripe · Valid',
      'Braintree · Valid',
      'Mollie · Valid',
    ]);
  });

  it('shows a method’s status with its reason, and marks Shopify-managed ones read-only', async () => {
    await mountDetail(
      detail({
        customer: customer2111({ has_valid_payment_method: false }),
        payment_methods: [
          paymentMethod({ status: 'invalid', status_reason: 'Card declined: expired card' }),
          paymentMethod({
            id: 9005,
            is_default: false,
            processor_name: 'shopify_payments',
            read_only: true,
            status: 'unvalidated',
          }),
        ],
      }),
      '2021-11',
    );
    expect(all('method-status')).toEqual(['Invalid', 'Not yet validated']);
    expect(text('method-reason')).toBe('Card declined: expired card');
    expect(all('method-read-only')).toEqual(['Managed by Shopify: read-only here']);
    expect(text('payment-state')).toBe('No valid payment method');
  });

  it('does not call a customer valid without a word when the default card has expired', async () => {
    await mountDetail(
      detail({
        customer: customer2111({ has_valid_payment_method: true }),
        payment_methods: [paymentMethod({ exp_month: 8, exp_year: 2020 })],
      }),
      '2021-11',
    );
    expect(text('payment-state')).toBe(
      'ReCharge reports it valid, but the default card has expired',
    );
  });

  it('falls back to the customer’s summary on a 2021-01 store', async () => {
    await mountDetail(
      detail({
        customer: customer({
          processor_type: 'braintree',
          has_valid_payment_method: false,
          reason_payment_method_not_valid: 'Card expired',
          in_dunning: true,
        }),
      }),
      '2021-01',
    );
    const card = text('payment-card');
    expect(card).toContain('Payment method');
    expect(card).toContain('Braintree');
    expect(text('payment-state')).toBe('No valid payment method');
    expect(text('payment-reason')).toBe('Card expired');
    expect(text('payment-dunning')).toContain('In dunning');
    expect(document.querySelector('[data-testid="payment-methods"]')).toBeNull();
  });

  it('disables the payment actions for a 2021-11 token without write_payment_methods', async () => {
    await mountDetail(
      detail({ customer: customer2111(), payment_methods: [paymentMethod()] }),
      '2021-11',
      ['read_customer', 'write_customer', 'read_payments'],
    );
    expect(isDisabled('edit-payment')).toBe(true);
    expect(isDisabled('payment-card-token')).toBe(true);
    const note = text('payment-read-only');
    expect(note).toContain('“Update payment tokens” (write_payment_methods)');
    expect(isDisabled('edit-billing')).toBe(false);
  });

  it('keeps the payment actions open when the token may update tokens', async () => {
    await mount2111();
    expect(isDisabled('edit-payment')).toBe(false);
    expect(isDisabled('payment-card-token')).toBe(false);
    expect(document.querySelector('[data-testid="payment-read-only"]')).toBeNull();
    expect(text('payment-methods-empty')).toBe('No payment method on file.');
  });
});

describe('customer detail: identity, status and billing address', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('hides the status badge on 2021-11 and shows it on 2021-01', async () => {
    await mount2111();
    expect(document.querySelector('[data-testid="customer-status"]')).toBeNull();
    document.body.innerHTML = '';
    await mountDetail(detail({ customer: customer({ status: 'INACTIVE' }) }), '2021-01');
    expect(text('customer-status')).toBe('Inactive');
  });

  it('renders missing names, email and times as a fallback, never "null"', async () => {
    await mount2111({
      first_name: null,
      last_name: null,
      email: null,
      hash: null,
      external_customer_id: null,
      accepts_marketing: null,
      tax_exempt: null,
      subscriptions_active: null,
      subscriptions_total: null,
      created_at: null,
      updated_at: null,
    });
    expect(text('customer-name')).toBe('Customer 101');
    expect(text('identity-email')).toBe('—');
    expect(text('external-id')).toBe('—');
    expect(text('subscriptions')).toBe('—');
    expect(text('accepts-marketing')).toBe('—');
    expect(document.querySelector('[data-testid="tax-exempt"]')).toBeNull();
    expect(document.body.textContent).not.toMatch(/null|undefined|NaN/);
  });

  it('names the customer by email when the names are missing', async () => {
    await mountDetail(
      detail({ customer: customer({ first_name: null, last_name: '' }) }),
      '2021-01',
    );
    expect(text('customer-name')).toBe('ada@example.com');
  });

  it('shows the external id, subscriptions, marketing and tax exemption', async () => {
    await mount2111({
      external_customer_id: '8156483977392',
      subscriptions_active: 2,
      subscriptions_total: 3,
      accepts_marketing: false,
      tax_exempt: true,
    });
    const identity = text('identity-card');
    expect(identity).toContain('External id');
    expect(identity).not.toContain('Shopify id');
    expect(text('external-id')).toBe('8156483977392');
    expect(text('subscriptions')).toBe('2 active of 3');
    expect(text('accepts-marketing')).toBe('No');
    expect(text('tax-exempt')).toBe('Yes');
  });

  it('shows the billing address in its own card, US style, with where it comes from', async () => {
    await mountDetail(
      detail({
        customer: customer2111({ billing_company: 'Analytical Engines' }),
        payment_methods: [paymentMethod()],
        pending_fields: ['billing_company'],
      }),
      '2021-11',
    );
    expect(text('billing-source')).toBe('From the default payment method');
    expect(all('billing-line')).toEqual([
      'Analytical EnginesPending',
      '1 Main Street',
      'Portland, OR 97205',
      'United States',
    ]);
    // The unsent company is marked on its own line, and only there.
    const marked = document.querySelectorAll('[data-testid="billing-line"] [data-pending="true"]');
    expect([...marked].map((el) => el.textContent)).toEqual(['Analytical EnginesPending']);
    expect(document.querySelector('[data-testid="pending-mark"]')?.getAttribute('aria-label')).toBe(
      'Not yet on ReCharge: Company',
    );
    document.body.innerHTML = '';
    await mountDetail(detail(), '2021-01');
    expect(text('billing-source')).toBe('On the customer');
  });

  it('says why a 2021-11 customer without a default method has no billing address', async () => {
    await mount2111({
      default_payment_method_id: null,
      billing_address1: null,
      billing_zip: null,
      billing_city: null,
      billing_province: null,
      billing_country: null,
    });
    expect(text('billing-address')).toBe('No default payment method, so no billing address.');
  });
});
