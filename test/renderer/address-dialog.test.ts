import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import AddressDialog from '../../src-renderer/components/customers/AddressDialog.vue';
import EditReceiptNote from '../../src-renderer/components/customers/EditReceiptNote.vue';
import type { AddressView } from '../../src-shared/customers/views.ts';
import { $, click, inputOf, isDisabled, messagesOf, type } from './dom.ts';
import { openCustomerDialog, refusedOn } from './dialogs.ts';
import { freshPinia, plugins, type Handler } from './fake-api.ts';
import { address, customer, edit } from './fixtures.ts';

function openDialog(current: AddressView | null, handlers: Record<string, Handler> = {}) {
  return openCustomerDialog(AddressDialog, { address: current, customer: customer() }, handlers);
}

/** A field's label as shown, its `*` included. */
function labelOf(testid: string): string {
  return (
    $(`[data-testid="${testid}"]`).closest('.v-input')?.querySelector('label')?.textContent ?? ''
  );
}

describe('delivery address dialog', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('marks what a new address lacks on the first try and sends nothing', async () => {
    const { core } = await openDialog(null);
    expect($('[data-testid="address-dialog"]').textContent).toContain('New delivery address');
    expect(messagesOf('address-address1')).toBe('');
    await click('address-save');
    expect(messagesOf('address-address1')).toBe('Required.');
    expect(messagesOf('address-city')).toBe('Required.');
    expect(messagesOf('address-company')).toBe('');
    expect(core.callsTo('addresses:create')).toHaveLength(0);
  });

  it('stars every required field and fills in the customer’s names', async () => {
    await openDialog(null);
    for (const field of ['first_name', 'last_name', 'address1', 'city', 'zip']) {
      expect(labelOf(`address-${field}`)).toMatch(/\*$/);
    }
    expect(labelOf('address-company')).not.toContain('*');
    expect(inputOf('address-first_name').value).toBe('Ada');
    expect(inputOf('address-last_name').value).toBe('Lovelace');
    await click('address-save');
    expect(messagesOf('address-first_name')).toBe('');
    expect(messagesOf('address-last_name')).toBe('');
  });

  it('lists on the receipt only the fields the new address sets', () => {
    const wrapper = mount(EditReceiptNote, {
      props: {
        online: true,
        edit: edit({
          kind: 'address_create',
          state: 'pending',
          fields: ['first_name', 'last_name', 'company', 'address1', 'address2', 'city', 'zip'],
          mine: {
            first_name: 'Ada',
            last_name: 'Lovelace',
            company: null,
            address1: '1 Elm St',
            address2: '',
            city: 'Salem',
            zip: '97301',
          },
        }),
      },
      global: plugins(freshPinia()),
    });
    const text = wrapper.get('[data-testid="edit-receipt"]').text();
    expect(text).toContain('First name, Last name, Address, City, ZIP / postal code saved');
    expect(text).not.toContain('Company');
    expect(text).not.toContain('line 2');
  });

  it('sends only the changed fields of an address and shows the receipt', async () => {
    const { core, wrapper } = await openDialog(address(), {
      'addresses:update': () => ({
        edit: edit({ kind: 'address_update', state: 'done', fields: ['city'] }),
      }),
    });
    expect(inputOf('address-address1').value).toBe('12 Harbor Row');
    expect(isDisabled('address-save')).toBe(true);
    await type('address-city', 'Salem');
    await click('address-save');
    expect(core.callsTo('addresses:update')).toEqual([
      { customerId: 101, addressId: 31, patch: { city: 'Salem' } },
    ]);
    expect($('[data-testid="edit-receipt"]').textContent).toContain('Saved to ReCharge');
    expect(wrapper.emitted('saved')).toHaveLength(1);
  });

  it('puts the server’s 422 messages on their fields until they are edited', async () => {
    await openDialog(address(), {
      'addresses:update': refusedOn('zip', 'is not valid for United States'),
    });
    await type('address-zip', '00000');
    await click('address-save');
    expect(messagesOf('address-zip')).toBe('is not valid for United States');
    expect($('[data-testid="error-alert"]').textContent).toContain('ReCharge refused the change.');
    await type('address-zip', '00001');
    expect(messagesOf('address-zip')).toBe('');
  });
});

describe('a field in use keeps the focus while the dialog opens', () => {
  const Original = globalThis.IntersectionObserver;

  afterEach(() => {
    globalThis.IntersectionObserver = Original;
    document.body.innerHTML = '';
  });

  it('typing in the city right away is not moved to the first name', async () => {
    // A browser reports the fields visible once the opening transition has run, after the
    // merchant may have clicked into one of them.
    globalThis.IntersectionObserver = class {
      readonly report: IntersectionObserverCallback;
      constructor(report: IntersectionObserverCallback) {
        this.report = report;
      }
      observe(target: Element) {
        this.report([{ isIntersecting: true, target } as IntersectionObserverEntry], this as never);
      }
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
      root = null;
      rootMargin = '';
      thresholds = [];
    } as never;
    await openDialog(address());
    const city = inputOf('address-city');
    city.focus();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(document.activeElement).toBe(city);
  });
});
