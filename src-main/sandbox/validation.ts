// Body validation for customer and address writes, with the API's (marshmallow-style) messages:
// `{"first_name": ["Shorter than minimum length 1."]}`, `{"_schema": ["Invalid input type."]}`.
import {
  checkCustomerToken,
  processorOfField,
  TOKEN_FIELDS,
  PROCESSORS,
} from '../../src-shared/recharge/payment-tokens.ts';
import { BILLING_FIELDS, CUSTOMER_STATUSES } from '../../src-shared/recharge/wire.ts';
import type { FieldErrors } from './paging.ts';
import type { AddressPatch, CustomerPatch, StoredPaymentToken } from './store.ts';

export const MAX_STRING = 255;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

type Check = (value: unknown) => { value: unknown } | { error: string };

const fail = (error: string) => ({ error });
const pass = (value: unknown) => ({ value });

function text(options: { nullable: boolean; min?: number }): Check {
  return (value) => {
    if (value === null) return options.nullable ? pass(null) : fail('Field may not be null.');
    if (typeof value !== 'string') return fail('Not a valid string.');
    if (options.min !== undefined && value.trim().length < options.min) {
      return fail(`Shorter than minimum length ${options.min}.`);
    }
    if (value.length > MAX_STRING) return fail(`Longer than maximum length ${MAX_STRING}.`);
    return pass(value);
  };
}

const email: Check = (value) => {
  const checked = text({ nullable: false, min: 1 })(value);
  if ('error' in checked) return checked;
  return EMAIL.test(value as string)
    ? pass((value as string).trim())
    : fail('Not a valid email address.');
};

// The wire carries 0/1/null; booleans are accepted on input and stored as 0/1.
const marketing: Check = (value) => {
  if (value === null || value === 0 || value === 1) return pass(value);
  if (typeof value === 'boolean') return pass(value ? 1 : 0);
  return fail('Must be one of: 0, 1, null.');
};

const boolean: Check = (value) =>
  typeof value === 'boolean' ? pass(value) : fail('Not a valid boolean.');

const count: Check = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? pass(value)
    : fail('Not a valid integer.');

const status: Check = (value) =>
  typeof value === 'string' && (CUSTOMER_STATUSES as readonly string[]).includes(value)
    ? pass(value)
    : fail(`Must be one of: ${CUSTOMER_STATUSES.join(', ')}.`);

const nameValues: Check = (value) => {
  if (!Array.isArray(value)) return fail('Not a valid list.');
  const ok = value.every(
    (item: unknown) =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as Record<string, unknown>)['name'] === 'string' &&
      typeof (item as Record<string, unknown>)['value'] === 'string',
  );
  return ok ? pass(value) : fail('Each item must be an object with string name and value.');
};

const nullableList: Check = (value) =>
  value === null || Array.isArray(value) ? pass(value) : fail('Not a valid list.');

const nullableText = text({ nullable: true });
const name = text({ nullable: false, min: 1 });

const CUSTOMER_FIELDS: Record<string, Check> = {
  email,
  first_name: name,
  last_name: name,
  phone: nullableText,
  accepts_marketing: marketing,
  ...Object.fromEntries(BILLING_FIELDS.map((field) => [field, nullableText])),
};

// Fields the customer portal (or ReCharge itself) changes, which the API does not let a merchant
// write; the admin endpoint accepts them to simulate remote activity.
const ADMIN_CUSTOMER_FIELDS: Record<string, Check> = {
  status,
  has_valid_payment_method: boolean,
  reason_payment_method_not_valid: nullableText,
  has_card_error_in_dunning: boolean,
  number_active_subscriptions: count,
  number_subscriptions: count,
  shopify_customer_id: nullableText,
  processor_type: nullableText,
};

const ADDRESS_FIELDS: Record<string, Check> = {
  address1: text({ nullable: false, min: 1 }),
  address2: nullableText,
  city: text({ nullable: false, min: 1 }),
  province: nullableText,
  zip: text({ nullable: false, min: 1 }),
  country: text({ nullable: false, min: 1 }),
  company: nullableText,
  phone: nullableText,
  first_name: text({ nullable: false, min: 1 }),
  last_name: text({ nullable: false, min: 1 }),
  cart_attributes: nameValues,
  note_attributes: nameValues,
  cart_note: nullableText,
  shipping_lines_override: nullableList,
};

export const CUSTOMER_REQUIRED = ['email', 'first_name', 'last_name'] as const;
export const ADDRESS_REQUIRED = [
  'address1',
  'city',
  'country',
  'first_name',
  'last_name',
  'zip',
] as const;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export type WriteMode = 'create' | 'update';

function isPlainObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

function checkFields(
  body: Record<string, unknown>,
  checks: Record<string, Check>,
  required: readonly string[],
  errors: FieldErrors,
  skip: (field: string) => boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of required) {
    if (!(field in body)) errors[field] = ['Missing data for required field.'];
  }
  for (const [field, value] of Object.entries(body)) {
    if (skip(field)) continue;
    const check = checks[field];
    if (!check) {
      errors[field] = ['Unknown field.'];
      continue;
    }
    const result = check(value);
    if ('error' in result) errors[field] = [result.error];
    else out[field] = result.value;
  }
  return out;
}

export interface CustomerWrite {
  fields: CustomerPatch;
  token?: StoredPaymentToken;
}

/** The payment-token fields present in a body (their presence needs `write_payments`). */
export function tokenFieldsIn(body: unknown): string[] {
  if (!isPlainObject(body)) return [];
  return Object.keys(body).filter((field) => processorOfField(field) !== null);
}

export function validateCustomerWrite(
  body: unknown,
  mode: WriteMode,
  options: { admin?: boolean } = {},
): Validated<CustomerWrite> {
  if (!isPlainObject(body)) return { ok: false, errors: { _schema: ['Invalid input type.'] } };
  const errors: FieldErrors = {};
  const checks = options.admin ? { ...CUSTOMER_FIELDS, ...ADMIN_CUSTOMER_FIELDS } : CUSTOMER_FIELDS;
  const required = mode === 'create' ? CUSTOMER_REQUIRED : [];
  const fields = checkFields(
    body,
    checks,
    required,
    errors,
    (field) => processorOfField(field) !== null,
  );

  let token: StoredPaymentToken | undefined;
  const tokenFields = tokenFieldsIn(body);
  if (tokenFields.length > 1) {
    errors['_schema'] = [`Send one payment token at a time (got ${tokenFields.join(', ')}).`];
  } else if (tokenFields.length === 1) {
    const field = tokenFields[0] as string;
    const processor = processorOfField(field);
    const value = body[field];
    if (processor === null) throw new Error('unreachable');
    if (typeof value !== 'string') {
      errors[field] = [value === null ? 'Field may not be null.' : 'Not a valid string.'];
    } else {
      const problem = checkCustomerToken(processor, value);
      if (problem) errors[field] = [problem];
      else token = { processor, token: value };
    }
  }
  if (mode === 'update' && Object.keys(body).length === 0) {
    errors['_schema'] = ['At least one field is required.'];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: token ? { fields: fields as CustomerPatch, token } : { fields: fields as CustomerPatch },
  };
}

export function validateAddressWrite(body: unknown, mode: WriteMode): Validated<AddressPatch> {
  if (!isPlainObject(body)) return { ok: false, errors: { _schema: ['Invalid input type.'] } };
  const errors: FieldErrors = {};
  const required = mode === 'create' ? ADDRESS_REQUIRED : [];
  const fields = checkFields(body, ADDRESS_FIELDS, required, errors, () => false);
  if (mode === 'update' && Object.keys(body).length === 0) {
    errors['_schema'] = ['At least one field is required.'];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: fields as AddressPatch };
}

/** All token field names, for masking and documentation. */
export const PAYMENT_TOKEN_FIELDS: readonly string[] = PROCESSORS.map((p) => TOKEN_FIELDS[p]);
