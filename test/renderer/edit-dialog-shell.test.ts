import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import EditDialogShell, {
  type EditSaveState,
} from '../../src-renderer/components/customers/EditDialogShell.vue';
import type { UiError } from '../../src-renderer/lib/errors.ts';
import { $, click, isDisabled } from './dom.ts';
import { mountOpened } from './dialogs.ts';
import { edit } from './fixtures.ts';

/** A save that has not started, allowed, with the given changes. */
function state(changes: Partial<EditSaveState> = {}): EditSaveState {
  return { receipt: null, saving: false, canSave: true, ...changes };
}

function mountOpen(props: Record<string, unknown> = {}) {
  return mountOpened(
    EditDialogShell,
    {
      title: 'Edit things',
      subtitle: 'Ada Lovelace',
      testidPrefix: 'thing',
      maxWidth: 600,
      state: state(),
      ...props,
    },
    {
      slots: {
        default: () => h('input', { 'data-testid': 'thing-field' }),
        status: () => h('span', { 'data-testid': 'thing-status' }, '1 field changed'),
        receipt: ({ edit }: { edit: { id: number } }) =>
          h('div', { 'data-testid': 'thing-extra' }, `edit ${edit.id}`),
      },
    },
  );
}

describe('customer edit dialog shell', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('asks for a save from the Save button and from a form submit (Enter in a field)', async () => {
    const wrapper = await mountOpen();
    const card = $('[data-testid="thing-dialog"]');
    expect(card.textContent).toContain('Edit things');
    expect(card.textContent).toContain('Ada Lovelace');
    expect($('[data-testid="thing-status"]').textContent).toBe('1 field changed');
    await click('thing-save');
    expect(wrapper.emitted('save')).toHaveLength(1);
    $('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flushPromises();
    expect(wrapper.emitted('save')).toHaveLength(2);
  });

  it('shows the error above the fields and holds Save while saving or not allowed', async () => {
    const error: UiError = {
      kind: 'network',
      message: 'No route to ReCharge.',
      fieldErrors: {},
      scope: null,
    };
    const wrapper = await mountOpen({ state: state({ error, canSave: false }) });
    expect($('[data-testid="error-alert"]').textContent).toContain('No route to ReCharge.');
    expect(isDisabled('thing-save')).toBe(true);
    $('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flushPromises();
    expect(wrapper.emitted('save')).toBeUndefined();
    await wrapper.setProps({ state: state({ error, saving: true }) });
    expect($('[data-testid="thing-save"]').classList.contains('v-btn--loading')).toBe(true);
  });

  it('closes on Cancel', async () => {
    const wrapper = await mountOpen();
    const cancel = [...document.body.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Cancel',
    );
    cancel?.click();
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    expect(wrapper.emitted('save')).toBeUndefined();
  });

  it('puts the receipt and the dialog’s own lines in place of the form, with Done focused', async () => {
    const wrapper = await mountOpen();
    await wrapper.setProps({ state: state({ receipt: edit({ id: 42, state: 'pending' }) }) });
    await flushPromises();
    expect(document.body.querySelector('[data-testid="thing-field"]')).toBeNull();
    expect(document.body.querySelector('[data-testid="thing-save"]')).toBeNull();
    expect($('[data-testid="edit-receipt"]').dataset['state']).toBe('pending');
    expect($('[data-testid="thing-extra"]').textContent).toBe('edit 42');
    expect(document.activeElement?.textContent?.trim()).toBe('Done');
    (document.activeElement as HTMLElement).click();
    await flushPromises();
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });
});
