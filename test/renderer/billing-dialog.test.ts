import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors.ts';
import BillingDialog from '../../src-renderer/components/customers/BillingDialog.vue';
import { useSyncStore } from '../../src-renderer/stores/sync.ts';
import { $, click, isDisabled, messagesOf, type } from './dom.ts';
import { openCustomerDialog } from './dialogs.ts';
import type { Handler } from './fake-api.ts';
import { customer, edit, syncStatus } from './fixtures.ts';

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
      'customers:updateBilling': () => {
        throw new AppError('validation', 'ReCharge refused the change.', {
          fieldErrors: { billing_zip: ['is not valid for United States'] },
        });
      },
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
