import { ref, type ComputedRef, type Ref } from 'vue';

/**
 * A form's per-field messages: the shared zod rules' (as the person types) first, then the
 * store's 422 messages, which go away as soon as that field is edited.
 */
export function useFieldErrors<F extends string>(
  values: Ref<Record<F, string>>,
  clientErrors: ComputedRef<Partial<Record<string, string>>>,
) {
  const serverErrors = ref<Record<string, string[]>>({});

  function errorsFor(field: F): string[] {
    const client = clientErrors.value[field];
    return [...(client ? [client] : []), ...(serverErrors.value[field] ?? [])];
  }

  function set(field: F, value: string | null) {
    (values.value as Record<string, string>)[field] = value ?? '';
    if (serverErrors.value[field]) {
      const rest = { ...serverErrors.value };
      delete rest[field];
      serverErrors.value = rest;
    }
  }

  return { serverErrors, errorsFor, set };
}
