import { describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { useEditForm } from '../../src-renderer/lib/edit-form.ts';

const FIELDS = ['city', 'zip', 'country'] as const;

describe('an edit form', () => {
  it('lists the changed fields in form order and starts afresh each time it opens', async () => {
    const open = ref(false);
    let stored = { city: 'Portland', zip: '97201', country: 'United States' };
    const reset = vi.fn();
    const form = useEditForm(open, FIELDS, () => ({ ...stored }), reset);
    form.values.value.country = 'Canada';
    form.values.value.city = 'Toronto';
    expect(form.changed.value).toEqual(['city', 'country']);

    stored = { ...stored, zip: '97202' };
    open.value = true;
    await nextTick();
    expect(reset).toHaveBeenCalledTimes(1);
    expect(form.values.value).toEqual(stored);
    expect(form.original.value).toEqual(stored);
    expect(form.changed.value).toEqual([]);
  });

  it('keeps what was typed when it closes', async () => {
    const open = ref(true);
    const reset = vi.fn();
    const form = useEditForm(open, FIELDS, () => ({ city: '', zip: '', country: '' }), reset);
    form.values.value.zip = '10001';
    open.value = false;
    await nextTick();
    expect(reset).not.toHaveBeenCalled();
    expect(form.changed.value).toEqual(['zip']);
  });
});
