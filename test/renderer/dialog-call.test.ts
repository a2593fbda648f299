import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { useDialogCall } from '../../src-renderer/lib/dialog-call.ts';
import { useEditSave } from '../../src-renderer/lib/edit-dialog.ts';
import type { Outcome, UiError } from '../../src-renderer/lib/errors.ts';
import type { EditReceipt } from '../../src-shared/outbox/edits.ts';
import { deferred } from './fake-api.ts';
import { edit } from './fixtures.ts';

const refused: UiError = { kind: 'auth', message: 'Token refused.', fieldErrors: {}, scope: null };

describe('a dialog call', () => {
  it('is busy while the call runs, then hands its value on', async () => {
    const answer = deferred<Outcome<string>>();
    const done = vi.fn();
    const call = useDialogCall(ref(true), () => answer.promise, done);
    const running = call.run();
    expect(call.busy.value).toBe(true);
    answer.resolve({ ok: true, value: 'removed' });
    await running;
    expect(call.busy.value).toBe(false);
    expect(done).toHaveBeenCalledWith('removed');
    expect(call.error.value).toBeNull();
  });

  it('keeps the error, as the dialog words it, until the dialog opens again', async () => {
    const open = ref(true);
    const done = vi.fn();
    const call = useDialogCall(
      open,
      async (): Promise<Outcome<string>> => ({ ok: false, error: refused }),
      done,
      (error) => ({ ...error, message: `Again: ${error.message}` }),
    );
    await call.run();
    expect(done).not.toHaveBeenCalled();
    expect(call.busy.value).toBe(false);
    expect(call.error.value?.message).toBe('Again: Token refused.');
    open.value = false;
    await nextTick();
    expect(call.error.value).not.toBeNull();
    open.value = true;
    await nextTick();
    expect(call.error.value).toBeNull();
  });
});

describe('an edit save', () => {
  it('keeps the receipt to show and tells the dialog, until it opens again', async () => {
    const open = ref(true);
    const saved = vi.fn();
    const receipt = edit({ id: 9, state: 'done' });
    const save = useEditSave(
      open,
      async (): Promise<Outcome<EditReceipt>> => ({ ok: true, value: { edit: receipt } }),
      saved,
    );
    await save.save();
    expect(save.receipt.value).toEqual(receipt);
    expect(saved).toHaveBeenCalledWith(receipt);
    open.value = false;
    await flushPromises();
    open.value = true;
    await flushPromises();
    expect(save.receipt.value).toBeNull();
  });
});

describe('an edit save tried again', () => {
  it('drops the last try’s error while the new one runs', async () => {
    const answers = [deferred<Outcome<EditReceipt>>(), deferred<Outcome<EditReceipt>>()];
    let calls = 0;
    const save = useEditSave(ref(true), () => answers[calls++]!.promise, vi.fn());
    const first = save.save();
    answers[0]!.resolve({ ok: false, error: refused });
    await first;
    expect(save.error.value?.message).toBe('Token refused.');
    const second = save.save();
    expect(save.error.value).toBeNull();
    answers[1]!.resolve({ ok: false, error: refused });
    await second;
    expect(save.error.value?.message).toBe('Token refused.');
  });
});
