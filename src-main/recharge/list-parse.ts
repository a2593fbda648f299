// A list body checked against its wire schema a slice of items at a time: a page of 250 sparse
// customers or addresses checked in one go held the main thread for up to ~15 ms.
import { z } from 'zod';
import { inSlices, SLICE_ITEMS } from '../lib/map-in-slices.ts';

export type ParseOutcome<T> =
  | { success: true; data: T }
  | { success: false; issue: { path: PropertyKey[]; message: string } | undefined };

/** The list's envelope with its items left unchecked, built once per schema (zod compiles each). */
const envelopes = new WeakMap<z.ZodObject, Map<string, z.ZodObject>>();

function envelopeOf(schema: z.ZodObject, key: string): z.ZodObject {
  let byKey = envelopes.get(schema);
  if (!byKey) envelopes.set(schema, (byKey = new Map()));
  let envelope = byKey.get(key);
  if (!envelope) byKey.set(key, (envelope = schema.extend({ [key]: z.array(z.unknown()) })));
  return envelope;
}

/** Parses `json` as `schema` does, checking the array under `key` item by item, in slices. */
export async function parseList(
  schema: z.ZodObject,
  key: string,
  json: unknown,
): Promise<ParseOutcome<unknown>> {
  const envelope = envelopeOf(schema, key).safeParse(json);
  if (!envelope.success) return { success: false, issue: envelope.error.issues[0] };
  const itemSchema = (schema.shape[key] as z.ZodArray<z.ZodType>).element;
  const raw = (envelope.data as Record<string, unknown[]>)[key]!;
  const items: unknown[] = [];
  let issue: ParseOutcome<never> | null = null;
  await inSlices(raw, SLICE_ITEMS, (slice) => {
    for (const item of slice) {
      if (issue) return;
      const parsed = itemSchema.safeParse(item);
      if (parsed.success) {
        items.push(parsed.data);
        continue;
      }
      const first = parsed.error.issues[0];
      issue = {
        success: false,
        issue: first && { path: [key, items.length, ...first.path], message: first.message },
      };
    }
  });
  if (issue) return issue;
  return { success: true, data: { ...envelope.data, [key]: items } };
}
