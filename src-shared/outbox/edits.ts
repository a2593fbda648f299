import { z } from 'zod';
import { ErrorShape } from '../errors.ts';
import { fieldsOf } from '../customers/field-groups.ts';
import { BILLING_FIELDS } from '../customers/model.ts';
import { SearchFilters } from '../customers/views.ts';
import {
  checkCustomerToken,
  checkPaymentMethodToken,
  PROCESSORS,
} from '../recharge/payment-tokens.ts';

const Name = z.string().trim().min(1, 'Required.').max(255, 'At most 255 characters.');
const Optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullable()
    // An emptied field clears it, as the API's null does.
    .transform((v) => (v === '' ? null : v));

/** The billing fields a merchant may change (PUT /customers/{id}); null clears a field. */
export const BillingPatch = z
  .object({
    first_name: Name,
    last_name: Name,
    billing_address1: Optional(255),
    billing_address2: Optional(255),
    billing_zip: Optional(20).refine(
      (v) => v === null || /^[A-Za-z0-9][A-Za-z0-9 -]*$/.test(v),
      'Letters, digits, spaces and dashes only.',
    ),
    billing_city: Optional(255),
    billing_company: Optional(255),
    billing_province: Optional(255),
    billing_country: Optional(255),
    billing_phone: Optional(50).refine(
      (v) => v === null || /^[+0-9 ().-]*\d[0-9 ().-]*$/.test(v),
      'Digits, spaces and + ( ) . - only.',
    ),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Change at least one field.');
export type BillingPatch = z.output<typeof BillingPatch>;
export const BILLING_PATCH_FIELDS = ['first_name', 'last_name', ...BILLING_FIELDS] as const;
export type BillingPatchField = (typeof BILLING_PATCH_FIELDS)[number];

export const CustomerId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const UpdateBillingInput = z
  .object({ customerId: CustomerId, patch: BillingPatch })
  .strict();
export type UpdateBillingInput = z.input<typeof UpdateBillingInput>;

export const Processor = z.enum(PROCESSORS);

export const UpdatePaymentTokenInput = z
  .object({
    customerId: CustomerId,
    processor: Processor,
    token: z.string().max(512),
    /** The processor's payment-method token: required where the store's version needs it. */
    paymentMethodToken: z.string().max(512).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const problem = checkCustomerToken(value.processor, value.token);
    if (problem) ctx.addIssue({ code: 'custom', path: ['token'], message: problem });
    if (value.paymentMethodToken !== undefined) {
      const methodProblem = checkPaymentMethodToken(value.processor, value.paymentMethodToken);
      if (methodProblem)
        ctx.addIssue({ code: 'custom', path: ['paymentMethodToken'], message: methodProblem });
    }
  });
export type UpdatePaymentTokenInput = z.input<typeof UpdatePaymentTokenInput>;

/** A customer's delivery address (the billing address lives on the customer). */
export const AddressFields = z
  .object({
    first_name: Name,
    last_name: Name,
    company: Optional(255),
    address1: z.string().trim().min(1, 'Required.').max(255),
    address2: Optional(255),
    city: z.string().trim().min(1, 'Required.').max(255),
    province: Optional(255),
    zip: z.string().trim().min(1, 'Required.').max(20),
    country: z.string().trim().min(1, 'Required.').max(255),
    phone: Optional(50),
  })
  .strict();
export type AddressFields = z.output<typeof AddressFields>;
/** The address form's fields, in its order. */
export const ADDRESS_FIELDS = AddressFields.keyof().options;

export const CreateAddressInput = z
  .object({ customerId: CustomerId, address: AddressFields })
  .strict();
export const UpdateAddressInput = z
  .object({
    customerId: CustomerId,
    addressId: z.number().int().positive(),
    patch: AddressFields.partial()
      .strict()
      .refine((p) => Object.keys(p).length > 0, 'Change at least one field.'),
  })
  .strict();

/** Which customers a bulk edit touches: a list of ids, or every result of a search. */
export const BulkTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ids'), ids: z.array(CustomerId).min(1).max(200_000) }).strict(),
  z
    .object({
      kind: z.literal('search'),
      query: z.string().max(256),
      filters: SearchFilters.default({}),
    })
    .strict(),
]);
export type BulkTarget = z.input<typeof BulkTarget>;

/** Bulk edits change billing fields other than names (names are per person). */
export const BulkPatch = BillingPatch;

export const BulkPreviewInput = z.object({ target: BulkTarget, patch: BulkPatch }).strict();
export const BulkPreview = z.object({
  count: z.number().int().nonnegative(),
  /** Customers whose values already equal the patch: no edit is queued for them. */
  unchanged: z.number().int().nonnegative(),
  /** Customers whose billing address cannot be changed here (no editable default method). */
  skipped: z.number().int().nonnegative().default(0),
  fields: z.array(z.string()),
  sample: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      before: z.record(z.string(), z.string().nullable()),
      after: z.record(z.string(), z.string().nullable()),
    }),
  ),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const BulkUpdateInput = z
  .object({
    target: BulkTarget,
    patch: BulkPatch,
    /** The count the person saw in the preview; a different count refuses the confirm. */
    expectedCount: z.number().int().nonnegative(),
  })
  .strict();
export const BulkUpdateResult = z.object({
  queued: z.number().int().nonnegative(),
  batchId: z.string(),
});

/** The live edits still on their way to the store; a customer's next edit waits for them. */
export const QUEUED_STATES = ['pending', 'in_flight'] as const;
/** The live edits reads show over the cache; a failed edit the store refused is not shown. */
export const SHOWN_STATES = [...QUEUED_STATES, 'conflict'] as const;
/**
 * Live edits: not settled yet, they still need the store or a person. A store with any is not
 * removed unasked, a cache rebuild carries them over first, the outbox lists them by default.
 */
export const LIVE_STATES = [...SHOWN_STATES, 'failed'] as const;
export const LiveState = z.enum(LIVE_STATES);
export type LiveState = z.infer<typeof LiveState>;

export const EDIT_STATES = [...QUEUED_STATES, 'done', 'failed', 'conflict', 'discarded'] as const;
export const EditState = z.enum(EDIT_STATES);
export type EditState = z.infer<typeof EditState>;
export const isLive = (state: string): state is LiveState =>
  (LIVE_STATES as readonly string[]).includes(state);

export const EDIT_KINDS = ['billing', 'payment_token', 'address_create', 'address_update'] as const;
export const EditKind = z.enum(EDIT_KINDS);
export type EditKind = z.infer<typeof EditKind>;

const FieldValues = z.record(z.string(), z.string().nullable());

/** An outbox row as the renderer sees it; payment tokens only ever masked. */
export const EditView = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  addressId: z.number().int().nullable(),
  kind: EditKind,
  state: EditState,
  fields: z.array(z.string()),
  /** The values this edit sets (masked for tokens). */
  mine: FieldValues,
  /** The values it was based on (the server's, when queued). */
  base: FieldValues,
  /** For conflicts: the server's current values of the touched fields. */
  theirs: FieldValues.nullable(),
  attempts: z.number().int().nonnegative(),
  lastError: ErrorShape.nullable(),
  /** When a waiting edit is tried again after a failure that may pass (a 503): an ISO instant. */
  nextAttemptAt: z.string().nullable(),
  batchId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EditView = z.infer<typeof EditView>;

export const EditReceipt = z.object({ edit: EditView });
export type EditReceipt = z.infer<typeof EditReceipt>;

/** How many edits are in each state. */
export const OutboxCounts = z.object(fieldsOf(EDIT_STATES, z.number().int().nonnegative()));
export type OutboxCounts = z.infer<typeof OutboxCounts>;

export const OutboxSummary = z.object({
  counts: OutboxCounts,
  /** ISO time of the oldest edit still waiting, to show its age. */
  oldestPendingAt: z.string().nullable(),
  /** Why the queue is paused (401/403, offline), or null when it drains. */
  pausedReason: ErrorShape.nullable(),
});
export type OutboxSummary = z.infer<typeof OutboxSummary>;

export const OutboxListInput = z
  .object({
    states: z
      .array(EditState)
      .min(1)
      .default([...LIVE_STATES]),
    customerId: CustomerId.optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export const OutboxList = z.object({
  items: z.array(EditView),
  total: z.number().int().nonnegative(),
  summary: OutboxSummary,
});
export type OutboxList = z.infer<typeof OutboxList>;

const EditIds = z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }).strict();

export const Resolution = z.union([
  z.literal('mine'),
  z.literal('theirs'),
  z.object({ fields: z.record(z.string(), z.enum(['mine', 'theirs'])) }).strict(),
]);
export type Resolution = z.infer<typeof Resolution>;

export const ResolveInput = z
  .object({ id: z.number().int().positive(), resolution: Resolution })
  .strict();

export const AuditEntry = z.object({
  id: z.number().int(),
  editId: z.number().int(),
  customerId: z.number().int(),
  kind: EditKind,
  event: z.string(),
  state: EditState,
  fields: z.array(z.string()),
  message: z.string().nullable(),
  at: z.string(),
  /** The edit's values before and after (tokens masked), where the edit is still known. */
  before: FieldValues.optional(),
  after: FieldValues.optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const EditIdsInput = EditIds;
