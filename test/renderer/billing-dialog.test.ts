import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import BillingDialog from '../../src-renderer/components/customers/BillingDialog.vue';
import { useSyncStore } from '../../src-renderer/stores/sync.ts';
import { useProfilesStore } from '../../src-renderer/stores/profiles.ts';
import type { CustomerView, PaymentMethodView } from '../../src-shared/customers/views.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import { $, click, inputOf, isDisabled, messagesOf, type } from './dom.ts';
import { openCustomerDialog, refusedOn } from './dialogs.ts';
import type { Handler } from './fake-api.ts';
import {
  customer,
  customer2111,
  edit,
  paymentMethod,
  profilesState,
  syncStatus,
} from './fixtures.ts';

function openDialog(handlers: Record<string, Handler>) {
  return openCustomerDialog(BillingDialog, { customer: customer() }, handlers);
}

describe('billing edit dialog', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('checks fields with the shared rules while typing and blocks the save', async () => {
    const { core } = await openDialog({});
    expect(isDisabled('billing-save')).toBe(true);
    await type('billing-billing_zip', '97#05');
    expect(messagesOf('billing-billing_zip')).toBe('Letters, digits, spaces and dashes only.');
    expect(isDisabled('billing-save')).toBe(true);
    await type('billing-first_name', '');
    expect(messagesOf('billing-first_name')).toBe('Required.');
    await type('billing-billing_zip', '97 205');
    await type('billing-first_name', 'Augusta');
    expect(messagesOf('billing-billing_zip')).toBe('');
    expect(isDisabled('billing-save')).toBe(false);
    expect(core.callsTo('customers:updateBilling')).toHaveLength(0);
  });

  it('sends only the changed fields and shows that ReCharge has them', async () => {
    const { core } = await openDialog({
      'customers:updateBilling': () => ({
        edit: edit({ state: 'done', fields: ['billing_city'] }),
      }),
    });
    await type('billing-billing_city', 'Salem');
    await click('billing-save');
    expect(core.callsTo('customers:updateBilling')).toEqual([
      { customerId: 101, patch: { billing_city: 'Salem' } },
    ]);
    expect($('[data-testid="edit-receipt"]').dataset['state']).toBe('done');
    expect($('[data-testid="edit-receipt"]').textContent).toContain('Saved to ReCharge');
  });

  it('moves the focus to Done once the form gives way to the receipt', async () => {
    await openDialog({
      'customers:updateBilling': () => ({ edit: edit({ state: 'done' }) }),
    });
    await type('billing-billing_city', 'Salem');
    await click('billing-save');
    expect($('[data-testid="edit-receipt"]')).toBeTruthy();
    expect(document.activeElement?.textContent?.trim()).toBe('Done');
  });

  it('says the edit waits on this computer when offline', async () => {
    await openDialog({
      'customers:updateBilling': () => ({ edit: edit({ state: 'pending' }) }),
    });
    useSyncStore().status = syncStatus({ online: false, state: 'offline' });
    await flushPromises();
    expect(document.body.textContent).toContain('You are offline');
    await type('billing-billing_city', 'Salem');
    await click('billing-save');
    const receipt = $('[data-testid="edit-receipt"]').textContent ?? '';
    expect(receipt).toContain('Saved offline');
    expect(receipt).toContain('sent automatically when the connection returns');
  });

  it('puts the server’s 422 messages on their fields', async () => {
    await openDialog({
      'customers:updateBilling': refusedOn('billing_zip', 'is not valid for United States'),
    });
    await type('billing-billing_zip', '00000');
    await click('billing-save');
    expect(messagesOf('billing-billing_zip')).toBe('is not valid for United States');
    expect(document.body.textContent).toContain('see the marked fields');
    await type('billing-billing_zip', '00001');
    expect(messagesOf('billing-billing_zip')).toBe('');
  });

  it('shows a clear message when the edit service is not there yet', async () => {
    await openDialog({});
    await type('billing-billing_city', 'Salem');
    await click('billing-save');
    expect($('[data-testid="error-alert"]').textContent).toContain('not available yet');
    expect(isDisabled('billing-save')).toBe(false);
  });

  it('offers the states of the United States as a select with the API’s names', async () => {
    await openDialog({});
    const province = $('[data-testid="billing-province"]');
    expect(province.closest('.v-autocomplete')).not.toBeNull();
    expect((province as HTMLInputElement).value || province.querySelector('input')?.value).toBe(
      'Oregon',
    );
  });
});

describe('billing edit dialog on API 2021-11', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  const WRITE: Scope[] = ['read_customer', 'write_customer', 'read_payments', 'write_payments'];

  function open2111(
    props: { customer: CustomerView; paymentMethods?: PaymentMethodView[] },
    scopes: Scope[] = WRITE,
    handlers: Record<string, Handler> = {},
  ) {
    return openCustomerDialog(BillingDialog, { ...props }, handlers, () => {
      useProfilesStore().state = profilesState(scopes, '2021-11');
    });
  }

  it('keeps the address read-only when the customer has no default payment method', async () => {
    const { core } = await open2111({
      customer: customer2111({ default_payment_method_id: null }),
      paymentMethods: [],
    });
    expect($('[data-testid="billing-locked"]').textContent).toContain(
      'no default payment method on ReCharge',
    );
    expect($('[data-testid="billing-locked"]').textContent).toContain(
      'First and last name can still be changed',
    );
    expect(inputOf('billing-billing_city').disabled).toBe(true);
    expect(inputOf('billing-billing_phone').disabled).toBe(true);
    expect($('[data-testid="billing-country"]').classList).toContain('v-input--disabled');
    expect(inputOf('billing-first_name').disabled).toBe(false);
    await type('billing-first_name', 'Augusta');
    await click('billing-save');
    expect(core.callsTo('customers:updateBilling')).toEqual([
      { customerId: 101, patch: { first_name: 'Augusta' } },
    ]);
  });

  it('says a default method managed by Shopify Payments is changed there', async () => {
    await open2111({
      customer: customer2111(),
      paymentMethods: [paymentMethod({ processor_name: 'shopify_payments', read_only: true })],
    });
    expect($('[data-testid="billing-locked"]').textContent).toContain(
      'managed by Shopify Payments',
    );
    expect(inputOf('billing-billing_address1').disabled).toBe(true);
  });

  it('edits the default method’s address when it may', async () => {
    await open2111({ customer: customer2111(), paymentMethods: [paymentMethod()] });
    expect(document.querySelector('[data-testid="billing-locked"]')).toBeNull();
    expect(inputOf('billing-billing_city').disabled).toBe(false);
    expect(document.body.textContent).toContain('the default payment method’s');
  });

  it('names the scope the address needs when the token lacks it; names stay editable', async () => {
    await open2111({ customer: customer2111(), paymentMethods: [paymentMethod()] }, [
      'read_customer',
      'write_customer',
      'read_payments',
    ]);
    const text = $('[data-testid="billing-locked"]').textContent ?? '';
    expect(text).toContain('“Update payment tokens” (write_payment_methods)');
    expect(inputOf('billing-billing_zip').disabled).toBe(true);
    expect(inputOf('billing-last_name').disabled).toBe(false);
  });
});

describe('billing edit dialog without write access', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('locks every field with one explanation on a 2021-01 store without write_customer', async () => {
    const { core } = await openCustomerDialog(BillingDialog, { customer: customer() }, {}, () => {
      useProfilesStore().state = profilesState(['read_customer', 'write_payments']);
    });
    const text = $('[data-testid="billing-locked"]').textContent ?? '';
    expect(text).toContain('“Write customers” (write_customer)');
    expect(text).toContain('names and the billing address');
    expect(text.match(/lacks/g)).toHaveLength(1);
    expect(inputOf('billing-first_name').disabled).toBe(true);
    expect(inputOf('billing-billing_city').disabled).toBe(true);
    expect(isDisabled('billing-save')).toBe(true);
    expect(core.callsTo('customers:updateBilling')).toHaveLength(0);
  });
});
