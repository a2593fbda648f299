// Error bodies of every API version: four shapes, one normalised form.
import { z } from 'zod';

// Error bodies come in four shapes; the client must accept each of them.
export const ErrorsMessage = z.looseObject({ errors: z.string() });
export const ErrorsFieldLists = z.looseObject({
  errors: z.record(z.string(), z.array(z.string())),
});
export const ErrorsFieldStrings = z.looseObject({
  errors: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
export const ErrorMessage = z.looseObject({ error: z.string() });
export const ErrorBody = z.union([ErrorsMessage, ErrorsFieldStrings, ErrorMessage]);
export type ErrorBody = z.infer<typeof ErrorBody>;

export interface NormalizedErrors {
  /** One line for a banner or a log. */
  message: string;
  /** Messages per field; body-level messages are under `_schema`. */
  fieldErrors: Record<string, string[]>;
}

function asMessages(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(asMessages);
  if (typeof value === 'string') return [value];
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      asMessages(inner).map((message) => `${key}: ${message}`),
    );
  }
  return [String(value)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One shape for every error body: `{"errors": "m"}`, `{"errors": {"f": ["m"]}}`,
 * `{"errors": {"f": "m"}}`, `{"error": "m"}`. Anything else still yields a message.
 */
export function normalizeErrors(body: unknown): NormalizedErrors {
  const fieldErrors: Record<string, string[]> = {};
  if (!isRecord(body)) {
    const text = typeof body === 'string' && body.trim() !== '' ? body.trim() : 'Unknown error';
    return { message: text, fieldErrors };
  }
  const raw = body['errors'] ?? body['error'];
  if (isRecord(raw)) {
    for (const [field, value] of Object.entries(raw)) {
      const messages = asMessages(value);
      if (messages.length > 0) fieldErrors[field] = messages;
    }
    const parts = Object.entries(fieldErrors).map(([field, messages]) =>
      field === '_schema' ? messages.join(' ') : `${field}: ${messages.join(' ')}`,
    );
    return { message: parts.join('; ') || 'Validation failed', fieldErrors };
  }
  const messages = asMessages(raw);
  if (messages.length > 0) return { message: messages.join(' '), fieldErrors };
  const fallback = typeof body['message'] === 'string' ? body['message'] : 'Unknown error';
  return { message: fallback, fieldErrors };
}
