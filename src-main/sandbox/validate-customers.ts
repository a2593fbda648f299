// Customer bodies of both versions. 2021-01 takes billing fields and one payment token beside
// the customer's own fields; 2021-11 takes only the customer's own fields, and names any other.
import { BILLING_FIELDS, CUSTOMER_STATUSES } from '../../src-shared/customers/model.ts';
import { checkCustomerToken, processorOfField } from '../../src-shared/recharge/payment-tokens.ts';
import type { CustomerWrite, StoredPaymentToken } from './customer-writes.ts';
import { countryFromName, type SbBillingAddress } from './model.ts';
import type { FieldErrors } from './paging.ts';
import type { CustomerPatch } from './store.ts';
import type { Check, Validated, WriteMode } from './validation-core.ts';
import {
  boolean,
  count,
  email,
  isPlainObject,
  marketing,
  nullableBoolean,
  nullableText,
  oneOf,
  renamed,
  requiredText,
  validateBody,
} from './validation-core.ts';

const OWN_FIELDS: Record<string, Check> = {
  email,
  first_name: requiredText,
  last_name: requiredText,
  phone: nullableText,
};

const FIELDS_2021_01: Record<string, Check> = {
  ...OWN_FIELDS,
  accepts_marketing: marketing,
  ...Object.fromEntries(BILLING_FIELDS.map((field) => [field, nullableText])),
};

// Fields the customer portal (or ReCharge itself) changes, which the API does not let a merchant
// write; the admin controls accept them to simulate remote activity.
const ADMIN_FIELDS: Record<string, Check> = {
  status: oneOf(CUSTOMER_STATUSES),
  has_valid_payment_method: boolean,
  reason_payment_method_not_valid: nullableText,
  has_card_error_in_dunning: boolean,
  number_active_subscriptions: count,
  number_subscriptions: count,
  shopify_customer_id: nullableText,
  processor_type: nullableText,
  tax_exempt: nullableBoolean,
  apply_credit_to_next_recurring_charge: nullableBoolean,
};

/** 2021-01 names of the customer's own fields, where they differ from the record's. */
const OWN_NAMES: Readonly<Record<string, keyof CustomerPatch>> = {
  email: 'email',
  first_name: 'first_name',
  last_name: 'last_name',
  phone: 'phone',
  accepts_marketing: 'accepts_marketing',
  status: 'status',
  has_valid_payment_method: 'has_valid_payment_method',
  reason_payment_method_not_valid: 'reason_payment_method_not_valid',
  has_card_error_in_dunning: 'in_dunning',
  number_active_subscriptions: 'subscriptions_active',
  number_subscriptions: 'subscriptions_total',
  shopify_customer_id: 'external_customer_id',
  tax_exempt: 'tax_exempt',
  apply_credit_to_next_recurring_charge: 'apply_credit_to_next_recurring_charge',
};

const BILLING_NAMES: Readonly<Record<string, keyof SbBillingAddress>> = {
  billing_address1: 'address1',
  billing_address2: 'address2',
  billing_zip: 'zip',
  billing_city: 'city',
  billing_company: 'company',
  billing_province: 'province',
  billing_country: 'country',
  billing_phone: 'phone',
};

export const CUSTOMER_REQUIRED = ['email', 'first_name', 'last_name'] as const;

/** The payment-token fields present in a body (their presence needs `write_payments`). */
export function tokenFieldsIn(body: unknown): string[] {
  if (!isPlainObject(body)) return [];
  return Object.keys(body).filter((field) => processorOfField(field) !== null);
}

function tokenOf(
  body: Record<string, unknown>,
  errors: FieldErrors,
): StoredPaymentToken | undefined {
  const fields = tokenFieldsIn(body);
  if (fields.length > 1) {
    errors['_schema'] = [`Send one payment token at a time (got ${fields.join(', ')}).`];
    return undefined;
  }
  const field = fields[0];
  const processor = field === undefined ? null : processorOfField(field);
  if (field === undefined || processor === null) return undefined;
  const value = body[field];
  if (typeof value !== 'string') {
    errors[field] = [value === null ? 'Field may not be null.' : 'Not a valid string.'];
    return undefined;
  }
  const problem = checkCustomerToken(processor, value);
  if (problem) errors[field] = [problem];
  return problem ? undefined : { processor, token: value };
}

function billingOf(values: Record<string, unknown>): SbBillingAddress {
  const billing = renamed(values, BILLING_NAMES) as SbBillingAddress;
  if ('country' in billing) Object.assign(billing, countryFromName(billing.country ?? null));
  return billing;
}

/** A 2021-01 customer body (or, with `admin`, a portal change in 2021-01's names). */
export function validateCustomer2021_01(
  body: unknown,
  mode: WriteMode,
  options: { admin?: boolean } = {},
): Validated<CustomerWrite> {
  return validateBody(body, {
    checks: options.admin ? { ...FIELDS_2021_01, ...ADMIN_FIELDS } : FIELDS_2021_01,
    required: mode === 'create' ? CUSTOMER_REQUIRED : [],
    mode,
    skip: (field) => processorOfField(field) !== null,
    build: (values, sent, errors) => {
      const token = tokenOf(sent, errors);
      const write: CustomerWrite = {
        own: renamed(values, OWN_NAMES) as CustomerPatch,
        billing: billingOf(values),
      };
      if (token) write.token = token;
      if ('processor_type' in values)
        write.processorType = values['processor_type'] as string | null;
      return write;
    },
  });
}

const externalId: Check = (value) => {
  if (value === null) return { value: null };
  if (!isPlainObject(value)) return { error: 'Not a valid mapping type.' };
  const ecommerce = value['ecommerce'];
  if (ecommerce === undefined || ecommerce === null) return { value: null };
  if (typeof ecommerce === 'string' || typeof ecommerce === 'number') {
    return { value: String(ecommerce) };
  }
  return { error: 'ecommerce: Not a valid string.' };
};

const FIELDS_2021_11: Record<string, Check> = {
  ...OWN_FIELDS,
  external_customer_id: externalId,
  tax_exempt: boolean,
  apply_credit_to_next_recurring_charge: boolean,
};

/** A 2021-11 customer body: billing, status and tokens are not customer fields there. */
export function validateCustomer2021_11(body: unknown, mode: WriteMode): Validated<CustomerPatch> {
  return validateBody(body, {
    checks: FIELDS_2021_11,
    required: mode === 'create' ? CUSTOMER_REQUIRED : [],
    mode,
    build: (values) => values as CustomerPatch,
  });
}
