// Building blocks of the ReCharge wire schemas. Real stores omit fields and send nulls, so every
// field but the ids is optional and nullable, type-checked only when present; objects are loose
// (unknown fields pass). A payload that is really broken still fails, naming the field.
import { z } from 'zod';

/** `2021-01-20T10:15:02` (US Eastern) or with an offset; a space may stand for the T. */
export const TIMESTAMP_PATTERN =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)?$/;

export const Id = z.number().int();
export const Timestamp = z.string().regex(TIMESTAMP_PATTERN, 'Not a valid datetime.');
export const Count = z.number().int().nonnegative();

/** Absent and null both mean "the store did not say". */
export const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const Text = maybe(z.string());
export const Flag = maybe(z.boolean());
export const When = maybe(Timestamp);

/** External ids are strings on the wire; some clients send them as numbers. */
export const ExternalId = maybe(z.union([z.string(), z.number().int()]));

export const NameValue = z.looseObject({ name: Text, value: z.unknown().optional() });

/** 2021-11 `GET /token_information`. */
export const TokenInformation = z.looseObject({
  token_information: z.looseObject({
    name: Text,
    contact_email: Text,
    scopes: z.array(z.string()),
  }),
});
export type TokenInformation = z.infer<typeof TokenInformation>;

export const CountBody = z.looseObject({ count: Count });
