import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import type { Pinia } from 'pinia';
import type { Component } from 'vue';
import { useCustomerStore } from '../../src-renderer/stores/customer.ts';
import { AppError } from '../../src-shared/errors.ts';
import { fakeCore, freshPinia, plugins, type Handler } from './fake-api.ts';
import { detail } from './fixtures.ts';

/** Mounts a dialog closed and then opens it, as the view that owns it does. */
export async function mountOpened(
  component: Component,
  props: Record<string, unknown> = {},
  options: { pinia?: Pinia; slots?: Record<string, unknown> } = {},
): Promise<VueWrapper> {
  const wrapper = mount(component as never, {
    props: { modelValue: false, ...props } as never,
    slots: options.slots as never,
    attachTo: document.body,
    global: plugins(options.pinia ?? freshPinia()),
  });
  await wrapper.setProps({ modelValue: true } as never);
  await flushPromises();
  return wrapper;
}

/**
 * Opens one of the customer edit dialogs with customer 101 open in the store. `prepare` runs
 * once the stores exist, before the mount.
 */
export async function openCustomerDialog(
  component: Component,
  props: Record<string, unknown>,
  handlers: Record<string, Handler> = {},
  prepare: () => void = () => {},
) {
  const core = fakeCore({
    'customers:get': () => detail(),
    'customers:history': () => ({ entries: [] }),
    ...handlers,
  });
  const pinia = freshPinia();
  useCustomerStore().id = 101;
  prepare();
  const wrapper = await mountOpened(component, props, { pinia });
  return { core, wrapper };
}

/** A handler that refuses an edit as ReCharge's 422 does, with `message` on `field`. */
export function refusedOn(field: string, message: string): Handler {
  return () => {
    throw new AppError('validation', 'ReCharge refused the change.', {
      fieldErrors: { [field]: [message] },
    });
  };
}
