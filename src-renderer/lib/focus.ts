import type { Directive } from 'vue';

/**
 * Focuses the element when it appears. The `autofocus` attribute works only at page load, so a
 * button that replaces a form inside an open dialog would leave keyboard users on a removed
 * element.
 */
export const vFocus: Directive<HTMLElement> = {
  mounted(el) {
    el.focus({ preventScroll: true });
  },
};

/**
 * Focuses the field marked `autofocus` inside an open dialog. Vuetify applies `autofocus` when
 * the field mounts, which is the dialog's first opening only: call this on every `after-enter`.
 * A field already in use (someone typing before the opening transition ended) keeps the focus.
 */
export function focusAutofocusField(root: HTMLElement | null | undefined): void {
  const active = root?.ownerDocument.activeElement;
  if (active && root?.contains(active) && active.matches('input, textarea, select')) return;
  root
    ?.querySelector<HTMLElement>(
      'input[autofocus]:not(:disabled), textarea[autofocus]:not(:disabled)',
    )
    ?.focus({ preventScroll: true });
}
