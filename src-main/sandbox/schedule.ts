// Changes made elsewhere, timed to the client's own requests: "when the 3rd PUT to /customers/
// arrives, the portal changes customer 17", "when page 2 of /customers is asked for, 10 customers
// are deleted". A scheduled change fires once, when its nth matching API request arrives, before
// that request is handled (and before any fault), so the same request sequence meets the same
// changes every run.
import { z } from 'zod';

const Id = z.number().int().positive();
const Fields = z.record(z.string(), z.unknown());

export const ScheduledAction = z.discriminatedUnion('kind', [
  /** As `admin.patchCustomer`: 2021-01 field names, as the portal would change them. */
  z.strictObject({ kind: z.literal('patchCustomer'), id: Id, fields: Fields }),
  z.strictObject({ kind: z.literal('deleteCustomer'), id: Id }),
  z.strictObject({ kind: z.literal('patchAddress'), id: Id, fields: Fields }),
  z.strictObject({ kind: z.literal('deleteAddress'), id: Id }),
  /** As `admin.patchPaymentMethod`: 2021-11 field names (`billing_address` merges). */
  z.strictObject({ kind: z.literal('patchPaymentMethod'), id: Id, fields: Fields }),
  z.strictObject({
    kind: z.literal('createPaymentMethod'),
    customerId: Id,
    fields: Fields.optional(),
  }),
  z.strictObject({ kind: z.literal('deletePaymentMethod'), id: Id }),
  /** A token value or label: answered 401 from then on (until restored). */
  z.strictObject({ kind: z.literal('revokeToken'), token: z.string().min(1) }),
  z.strictObject({ kind: z.literal('restoreToken'), token: z.string().min(1) }),
  /** The store's clock jumps to `at` (epoch ms or ISO with offset), frozen or ticking. */
  z.strictObject({
    kind: z.literal('setClock'),
    at: z.union([z.number(), z.string()]),
    frozen: z.boolean().optional(),
  }),
  z.strictObject({ kind: z.literal('advanceClock'), ms: z.number().int() }),
]);
export type ScheduledAction = z.infer<typeof ScheduledAction>;

export const ScheduleInput = z.strictObject({
  when: z.strictObject({
    /** HTTP method (any when absent). */
    method: z.string().optional(),
    /** The exact path (`/customers` is the list, not `/customers/7`). */
    path: z.string().optional(),
    pathPrefix: z.string().optional(),
    /** Query parameters the request must carry with these values (`""`: present, any value). */
    query: z.record(z.string(), z.string()).optional(),
    /** Fires on the nth matching request, counted from when it was scheduled (default 1). */
    nth: z.number().int().min(1).optional(),
  }),
  /** One change or several, applied in order. */
  action: z.union([ScheduledAction, z.array(ScheduledAction).min(1)]),
  label: z.string().optional(),
});
export type ScheduleInput = z.input<typeof ScheduleInput>;

export interface ScheduledChange {
  id: number;
  label: string | null;
  when: z.infer<typeof ScheduleInput>['when'];
  actions: ScheduledAction[];
  /** Matching requests seen so far. */
  seen: number;
  /** Request-log `seq` of the request it fired on; null while waiting. */
  firedOn: number | null;
  /** Per action: `ok`, or why it could not be applied (an unknown id: `404 Not Found`). */
  results: string[];
}

export interface ArrivingRequest {
  seq: number;
  method: string;
  path: string;
  query: URLSearchParams;
}

export class Schedule {
  private entries: ScheduledChange[] = [];
  private nextId = 1;

  add(input: ScheduleInput): ScheduledChange {
    const parsed = ScheduleInput.parse(input);
    const entry: ScheduledChange = {
      id: this.nextId,
      label: parsed.label ?? null,
      when: parsed.when,
      actions: Array.isArray(parsed.action) ? parsed.action : [parsed.action],
      seen: 0,
      firedOn: null,
      results: [],
    };
    this.nextId += 1;
    this.entries.push(entry);
    return copy(entry);
  }

  list(): ScheduledChange[] {
    return this.entries.map(copy);
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * Counts an arriving API request against every waiting change and returns those due now, in
   * the order they were scheduled; the caller applies them and records the results.
   */
  arrive(request: ArrivingRequest): ScheduledChange[] {
    const due: ScheduledChange[] = [];
    for (const entry of this.entries) {
      if (entry.firedOn !== null || !matches(entry.when, request)) continue;
      entry.seen += 1;
      if (entry.seen < (entry.when.nth ?? 1)) continue;
      entry.firedOn = request.seq;
      due.push(entry);
    }
    return due;
  }
}

function matches(when: ScheduledChange['when'], request: ArrivingRequest): boolean {
  if (when.method && when.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (when.path !== undefined && when.path !== request.path) return false;
  if (when.pathPrefix !== undefined && !request.path.startsWith(when.pathPrefix)) return false;
  for (const [name, value] of Object.entries(when.query ?? {})) {
    const sent = request.query.get(name);
    if (sent === null || (value !== '' && sent !== value)) return false;
  }
  return true;
}

const copy = (entry: ScheduledChange): ScheduledChange => ({
  ...entry,
  actions: [...entry.actions],
  results: [...entry.results],
});
