import { flushPromises } from '@vue/test-utils';

/** Dialogs teleport to the body: find their parts there. */
export function $(selector: string): HTMLElement {
  const el = document.body.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`Nothing matches ${selector}`);
  return el;
}

export function inputOf(testid: string): HTMLInputElement {
  const el = $(`[data-testid="${testid}"]`);
  const input = el instanceof HTMLInputElement ? el : el.querySelector('input');
  if (!input) throw new Error(`No input in ${testid}`);
  return input;
}

export async function type(testid: string, value: string): Promise<void> {
  const input = inputOf(testid);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await flushPromises();
}

/** The messages under a field (validation and server errors). */
export function messagesOf(testid: string): string {
  const input = inputOf(testid);
  return input.closest('.v-input')?.querySelector('.v-messages')?.textContent?.trim() ?? '';
}

export async function click(testid: string): Promise<void> {
  $(`[data-testid="${testid}"]`).click();
  await flushPromises();
}

export function isDisabled(testid: string): boolean {
  const el = $(`[data-testid="${testid}"]`);
  return el.hasAttribute('disabled') || el.classList.contains('v-btn--disabled');
}
