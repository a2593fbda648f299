import type { z } from 'zod';

/** A Vuetify rule from a shared zod schema: the first message, or true. */
export function ruleOf(schema: z.ZodType): (value: unknown) => true | string {
  return (value) => {
    const result = schema.safeParse(value);
    return result.success ? true : (result.error.issues[0]?.message ?? 'Not valid.');
  };
}

/** Messages per field of an object schema, for the values given. */
export function fieldMessages(
  shape: Record<string, z.ZodType>,
  values: Record<string, unknown>,
): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [field, value] of Object.entries(values)) {
    const schema = shape[field];
    if (!schema) continue;
    const verdict = ruleOf(schema)(value);
    if (verdict !== true) messages[field] = verdict;
  }
  return messages;
}
