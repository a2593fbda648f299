// ReCharge wire objects (API version 2021-01), as the sandbox sends them and the client parses
// them. Objects are loose: unknown fields are kept, never rejected. The fields the reference
// lists are checked for type and nullability.
import { z } from 'zod';

/** `2021-01-20T10:15:02`, optionally with fractions and an offset (2021-11 sends `+00:00`). */
export const TIMESTAMP_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})?$/;

export const Timestamp = z.string().regex(TIMESTAMP_PATTERN, 'Not a valid datetime.');
const NullableString = z.string().nullable();
const Id = z.number().int();
const Count = z.number().int().nonnegative();

export const CUSTOMER_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export const CustomerStatus = z.enum(CUSTOMER_STATUSES);
export type CustomerStatus = z.infer<typeof CustomerStatus>;

const CUSTOMER_SHAPE = {
  id: Id,
  hash: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  phone: NullableString,
  shopify_customer_id: NullableString,
  accepts_marketing: z.literal([0, 1]).nullable(),
  billing_address1: NullableString,
  billing_address2: NullableString,
  billing_zip: NullableString,
  billing_city: NullableString,
  billing_company: NullableString,
  billing_province: NullableString,
  billing_country: NullableString,
  billing_phone: NullableString,
  processor_type: NullableString,
  status: CustomerStatus,
  has_valid_payment_method: z.boolean(),
  reason_payment_method_not_valid: NullableString,
  has_card_error_in_dunning: z.boolean(),
  number_active_subscriptions: Count,
  number_subscriptions: Count,
  first_charge_processed_at: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
};
export const Customer = z.looseObject(CUSTOMER_SHAPE);
export type Customer = z.infer<typeof Customer>;
/** Only the listed fields (no index signature), for code that builds or patches customers. */
export const CustomerFields = z.object(CUSTOMER_SHAPE);
export type CustomerFields = z.infer<typeof CustomerFields>;

/** The customer's billing fields, all nullable strings; null clears a field on PUT. */
export const BILLING_FIELDS = [
  'billing_address1',
  'billing_address2',
  'billing_zip',
  'billing_city',
  'billing_company',
  'billing_province',
  'billing_country',
  'billing_phone',
] as const;
export type BillingField = (typeof BILLING_FIELDS)[number];

export const NameValue = z.looseObject({ name: z.string(), value: z.string() });
export type NameValue = z.infer<typeof NameValue>;

export const ShippingLine = z.looseObject({
  code: NullableString,
  price: z.string(),
  title: NullableString,
});
export type ShippingLine = z.infer<typeof ShippingLine>;

const ADDRESS_SHAPE = {
  id: Id,
  customer_id: Id,
  address1: NullableString,
  address2: NullableString,
  city: NullableString,
  province: NullableString,
  zip: NullableString,
  country: NullableString,
  company: NullableString,
  phone: NullableString,
  first_name: NullableString,
  last_name: NullableString,
  cart_attributes: z.array(NameValue),
  note_attributes: z.array(NameValue),
  cart_note: NullableString,
  discount_id: Id.nullable(),
  shipping_lines_override: z.array(z.unknown()).nullable(),
  original_shipping_lines: z.array(ShippingLine).nullable(),
  presentment_currency: NullableString,
  created_at: Timestamp,
  updated_at: Timestamp,
};
export const Address = z.looseObject(ADDRESS_SHAPE);
export type Address = z.infer<typeof Address>;
export const AddressFields = z.object(ADDRESS_SHAPE);
export type AddressFields = z.infer<typeof AddressFields>;

// 2021-11 list bodies also carry cursors; 2021-01 ones only the array (cursors are in `Link`).
const Cursors = {
  next_cursor: NullableString.optional(),
  previous_cursor: NullableString.optional(),
};

export const CustomerList = z.looseObject({ customers: z.array(Customer), ...Cursors });
export type CustomerList = z.infer<typeof CustomerList>;
export const CustomerEnvelope = z.looseObject({ customer: Customer });
export type CustomerEnvelope = z.infer<typeof CustomerEnvelope>;
export const AddressList = z.looseObject({ addresses: z.array(Address), ...Cursors });
export type AddressList = z.infer<typeof AddressList>;
export const AddressEnvelope = z.looseObject({ address: Address });
export type AddressEnvelope = z.infer<typeof AddressEnvelope>;
export const CountBody = z.looseObject({ count: Count });
export type CountBody = z.infer<typeof CountBody>;

/** 2021-11 `GET /token_information`. */
export const TokenInformation = z.looseObject({
  token_information: z.looseObject({
    name: NullableString.optional(),
    contact_email: NullableString.optional(),
    scopes: z.array(z.string()),
  }),
});
export type TokenInformation = z.infer<typeof TokenInformation>;

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
