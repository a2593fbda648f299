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
 * Focuses the field marked `data-autofocus` inside an open dialog: call this on every
 * `after-enter`. Vuetify's own `autofocus` prop focuses its field 50 ms after the field is seen,
 * whatever has the focus by then, so a keystroke typed into another field lands in the wrong one.
 * A field already in use (someone typing before the opening transition ended) keeps the focus.
 */
export function focusAutofocusField(root: HTMLElement | null | undefined): void {
  const active = root?.ownerDocument.activeElement;
  if (active && root?.contains(active) && active.matches('input, textarea, select')) return;
  root
    ?.querySelector<HTMLElement>(
      '[data-autofocus] input:not(:disabled), [data-autofocus] textarea:not(:disabled)',
    )
    ?.focus({ preventScroll: true });
}
