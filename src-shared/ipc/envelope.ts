import { z } from 'zod';
import { ErrorShape } from '../errors.ts';

/** What every call returns over any transport; errors travel as values, not thrown objects. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorShape };

export const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorShape }),
]);
