import { computed, ref, watch, type Ref } from 'vue';

/**
 * An edit form's values against what they started from: both taken afresh (`initial`) each time
 * the dialog opens, when `reset` also clears the form's own state; `changed` lists the fields
 * that differ, in `fields` order.
 */
export function useEditForm<F extends string>(
  open: Ref<boolean>,
  fields: readonly F[],
  initial: () => Record<F, string>,
  reset: () => void,
) {
  const original = ref(initial()) as Ref<Record<F, string>>;
  const values = ref(initial()) as Ref<Record<F, string>>;

  watch(open, (isOpen) => {
    if (!isOpen) return;
    original.value = initial();
    values.value = initial();
    reset();
  });

  const changed = computed(() => fields.filter((f) => values.value[f] !== original.value[f]));

  return { original, values, changed };
}
