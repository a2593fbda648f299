import { ref, watch, type Ref } from 'vue';
import type { EditReceipt, EditView } from '../../src-shared/outbox/edits.ts';
import { useDialogCall } from './dialog-call.ts';
import type { Outcome, UiError } from './errors.ts';

/**
 * Saving a customer edit from a dialog: the call, then the receipt the dialog shows in place of
 * its form (cleared, with the error, each time the dialog opens).
 */
export function useEditSave(
  open: Ref<boolean>,
  call: () => Promise<Outcome<EditReceipt>>,
  saved: (edit: EditView) => void,
  shown?: (error: UiError) => UiError,
) {
  const receipt = ref<EditView | null>(null);

  watch(open, (isOpen) => {
    if (isOpen) receipt.value = null;
  });

  const { busy, error, run } = useDialogCall(
    open,
    call,
    ({ edit }) => {
      receipt.value = edit;
      saved(edit);
    },
    shown,
  );

  /** A new try starts without the last one's error. */
  async function save(): Promise<void> {
    error.value = null;
    await run();
  }

  return { saving: busy, error, receipt, save };
}
