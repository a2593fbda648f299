import { afterEach, describe, expect, it } from 'vitest';
import PaymentTokenDialog from '../../src-renderer/components/customers/PaymentTokenDialog.vue';
import { useProfilesStore } from '../../src-renderer/stores/profiles.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import { $, click, inputOf, isDisabled, messagesOf, type } from './dom.ts';
import { openCustomerDialog } from './dialogs.ts';
import type { Handler } from './fake-api.ts';
import { customer, customer2111, edit, profilesState } from './fixtures.ts';

async function openDialog(scopes: Scope[] | null, handlers: Record<string, Handler> = {}) {
  const { core } = await openCustomerDialog(
    PaymentTokenDialog,
    { customer: customer() },
    handlers,
    () => {
      if (scopes) useProfilesStore().state = profilesState(scopes);
    },
  );
  return core;
}

const ALL: Scope[] = ['read_customer', 'write_customer', 'write_payments'];

describe('payment token dialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('refuses a Stripe card token inline, before anything is sent', async () => {
    const core = await openDialog(ALL);
    await type('payment-token', 'tok_1Nv0FGQ9abcdef');
    expect(messagesOf('payment-token')).toContain('Stripe card or payment-method token (tok_…)');
    expect(messagesOf('payment-token')).toContain('starts with "cus"');
    expect(isDisabled('payment-save')).toBe(true);
    await click('payment-save');
    expect(core.callsTo('customers:updatePaymentToken')).toHaveLength(0);
  });

  it('accepts a Stripe customer token and shows it only masked', async () => {
    const core = await openDialog(ALL, {
      'customers:updatePaymentToken': () => ({
        edit: edit({
          kind: 'payment_token',
          state: 'done',
          fields: ['stripe_customer_token'],
          mine: { stripe_customer_token: 'cus_…1a2' },
        }),
      }),
    });
    await type('payment-token', 'cus_IV0hD7Ftyk1a2');
    expect(messagesOf('payment-token')).toBe('Will send cus_…1a2');
    expect(isDisabled('payment-save')).toBe(false);
    await click('payment-save');
    expect(core.callsTo('customers:updatePaymentToken')).toEqual([
      { customerId: 101, processor: 'stripe', token: 'cus_IV0hD7Ftyk1a2' },
    ]);
    expect($('[data-testid="receipt-token"]').textContent).toBe('cus_…1a2');
    expect(document.body.textContent).not.toContain('cus_IV0hD7Ftyk1a2');
  });

  it('hides the token until the reveal toggle is pressed', async () => {
    await openDialog(ALL);
    expect(inputOf('payment-token').type).toBe('password');
    await click('payment-reveal');
    expect(inputOf('payment-token').type).toBe('text');
    expect($('[data-testid="current-token"]').textContent).toContain('Stripe');
    expect($('[data-testid="current-token"]').textContent).toContain('never sees');
  });

  it('is disabled and names the missing scope when the store lacks write_payments', async () => {
    const core = await openDialog(['read_customer', 'write_customer']);
    expect($('[data-testid="payment-scope-missing"]').textContent).toContain(
      "This store's token lacks “Update payment tokens” (write_payments)",
    );
    expect(inputOf('payment-token').disabled).toBe(true);
    expect(isDisabled('payment-save')).toBe(true);
    expect(core.callsTo('customers:updatePaymentToken')).toHaveLength(0);
  });

  it('shows a forbidden answer from main with the scope it names', async () => {
    const { AppError } = await import('../../src-shared/errors.ts');
    await openDialog(null, {
      'customers:updatePaymentToken': () => {
        throw new AppError('forbidden', 'Not allowed.', { scope: 'write_payments' });
      },
    });
    await type('payment-token', 'cus_abcdefgh');
    await click('payment-save');
    expect($('[data-testid="error-alert"]').textContent).toContain(
      "this store's token lacks write_payments",
    );
  });
});

describe('payment token dialog on API 2021-11', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const WRITE: Scope[] = ['read_customer', 'write_customer', 'read_payments', 'write_payments'];

  async function open2111(scopes: Scope[] = WRITE, handlers: Record<string, Handler> = {}) {
    return openCustomerDialog(
      PaymentTokenDialog,
      { customer: customer2111({ processor_type: 'authorize' }) },
      handlers,
      () => {
        useProfilesStore().state = profilesState(scopes, '2021-11');
      },
    );
  }

  it('offers only the processors the version can take, the current one picked', async () => {
    const { wrapper } = await open2111();
    const select = wrapper.findComponent({ name: 'VSelect' });
    const items = select.props('items') as { value: string }[];
    expect(items.map((i) => i.value)).toEqual(['stripe', 'braintree', 'authorizedotnet']);
    expect(select.props('modelValue')).toBe('authorizedotnet');
    expect($('[data-testid="current-token"]').textContent).toContain('Authorize.Net');
  });

  it('requires the payment-method token beside the customer token', async () => {
    const { core, wrapper } = await open2111();
    await wrapper.findComponent({ name: 'VSelect' }).setValue('stripe');
    await type('payment-token', 'cus_IV0hD7Ftyk1a2');
    expect(isDisabled('payment-save')).toBe(true);
    expect(messagesOf('payment-method-token')).toContain('Required on API 2021-11');
    await click('payment-save');
    expect(core.callsTo('customers:updatePaymentToken')).toHaveLength(0);
  });

  it('refuses a one-time tok_ as the payment-method token, then sends a pm_', async () => {
    const { core, wrapper } = await open2111(WRITE, {
      'customers:updatePaymentToken': () => ({
        edit: edit({
          kind: 'payment_token',
          state: 'pending',
          fields: ['stripe_customer_token', 'payment_method_token'],
          mine: { stripe_customer_token: 'cus_…1a2', payment_method_token: 'pm_…9zq' },
        }),
      }),
    });
    await wrapper.findComponent({ name: 'VSelect' }).setValue('stripe');
    await type('payment-token', 'cus_IV0hD7Ftyk1a2');
    await type('payment-method-token', 'tok_1Nv0FGQ9abcdef');
    expect(messagesOf('payment-method-token')).toContain('one-time Stripe card token (tok_…)');
    expect(isDisabled('payment-save')).toBe(true);
    await type('payment-method-token', 'pm_1Nv0FGQ9abc9zq');
    expect(messagesOf('payment-method-token')).toBe('Will send pm_…9zq');
    await click('payment-save');
    expect(core.callsTo('customers:updatePaymentToken')).toEqual([
      {
        customerId: 101,
        processor: 'stripe',
        token: 'cus_IV0hD7Ftyk1a2',
        paymentMethodToken: 'pm_1Nv0FGQ9abc9zq',
      },
    ]);
    expect($('[data-testid="receipt-token"]').textContent).toBe('cus_…1a2');
    expect($('[data-testid="receipt-method-token"]').textContent).toBe('pm_…9zq');
    expect(document.body.textContent).not.toContain('pm_1Nv0FGQ9abc9zq');
  });

  it('puts the server’s paymentMethodToken message on the second field', async () => {
    const { AppError } = await import('../../src-shared/errors.ts');
    const { wrapper } = await open2111(WRITE, {
      'customers:updatePaymentToken': () => {
        throw new AppError('validation', 'Refused.', {
          fieldErrors: { paymentMethodToken: ['No such payment method on that customer.'] },
        });
      },
    });
    await wrapper.findComponent({ name: 'VSelect' }).setValue('stripe');
    await type('payment-token', 'cus_IV0hD7Ftyk1a2');
    await type('payment-method-token', 'pm_1Nv0FGQ9abc9zq');
    await click('payment-save');
    expect(messagesOf('payment-method-token')).toBe('No such payment method on that customer.');
    expect(document.querySelector('[data-testid="error-alert"]')).toBeNull();
  });

  it('names write_payment_methods when the token cannot update tokens', async () => {
    await open2111(['read_customer', 'write_customer', 'read_payments']);
    const text = $('[data-testid="payment-scope-missing"]').textContent ?? '';
    expect(text).toContain('“Update payment tokens” (write_payment_methods)');
    expect(inputOf('payment-method-token').disabled).toBe(true);
    expect(isDisabled('payment-save')).toBe(true);
  });

  it('warns, before sending, that a token without write_customers cannot move the subscriptions', async () => {
    await open2111(['read_customer', 'read_payments', 'write_payments']);
    const text = $('[data-testid="payment-moves-held"]').textContent ?? '';
    expect(text).toContain('“Write customers” (write_customers)');
    expect(document.querySelector('[data-testid="payment-scope-missing"]')).toBeNull();
  });

  it('says nothing of the move when the token may edit customers', async () => {
    await open2111();
    expect(document.querySelector('[data-testid="payment-moves-held"]')).toBeNull();
  });
});
