// A dialog's autofocus field gets the focus when the dialog has finished opening, unless someone
// is already typing in one of its fields (a keystroke must never land in another field).
import { afterEach, describe, expect, it } from 'vitest';
import { focusAutofocusField } from '../../src-renderer/lib/focus.ts';

function dialog(): { root: HTMLElement; first: HTMLInputElement; second: HTMLInputElement } {
  const root = document.createElement('div');
  root.tabIndex = -1;
  root.innerHTML = '<div data-autofocus><input name="first"></div><input name="second">';
  document.body.append(root);
  const [first, second] = root.querySelectorAll('input');
  return { root, first: first!, second: second! };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('focusAutofocusField', () => {
  it('focuses the autofocus field when focus is on the dialog itself', () => {
    const { root, first } = dialog();
    root.focus();
    focusAutofocusField(root);
    expect(document.activeElement).toBe(first);
  });

  it('leaves the focus in a field someone moved to before the dialog finished opening', () => {
    const { root, second } = dialog();
    second.focus();
    focusAutofocusField(root);
    expect(document.activeElement).toBe(second);
  });

  it('takes the focus from outside the dialog', () => {
    const { root, first } = dialog();
    const outside = document.createElement('input');
    document.body.append(outside);
    outside.focus();
    focusAutofocusField(root);
    expect(document.activeElement).toBe(first);
  });
});
