import { ref, watch, type Ref } from 'vue';
import type { Outcome, UiError } from './errors.ts';

/**
 * The one call a dialog makes: `busy` while it runs, then `done` with its value, or its error
 * kept in `error` (`shown` may reword it or move its field messages onto the fields first).
 * The error is cleared each time the dialog opens.
 */
export function useDialogCall<T>(
  open: Ref<boolean>,
  call: () => Promise<Outcome<T>>,
  done: (value: T) => void,
  shown: (error: UiError) => UiError = (error) => error,
) {
  const busy = ref(false);
  const error = ref<UiError | null>(null);

  watch(open, (isOpen) => {
    if (isOpen) error.value = null;
  });

  async function run(): Promise<void> {
    busy.value = true;
    const result = await call();
    busy.value = false;
    if (result.ok) done(result.value);
    else error.value = shown(result.error);
  }

  return { busy, error, run };
}
