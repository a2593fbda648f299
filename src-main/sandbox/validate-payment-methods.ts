// Payment-method bodies (2021-11): what a merchant may create and change, with the errors the
// API documents; and the wider set the admin controls accept, as the customer portal would.
import {
  BILLING_ADDRESS_KEYS,
  countryFromCode,
  METHOD_STATUSES,
  PAYMENT_DETAIL_KEYS,
  PAYMENT_TYPES,
  READ_ONLY_PROCESSOR,
  WRITABLE_PROCESSORS,
  type SbBillingAddress,
} from './model.ts';
import type { FieldErrors } from './paging.ts';
import type { MethodChange, NewMethod } from './payment-method-writes.ts';
import {
  boolean,
  checkFields,
  countryCode,
  id,
  isPlainObject,
  nullableText,
  oneOf,
  text,
  validateBody,
  type Check,
  type Validated,
} from './validation-core.ts';

export const READ_ONLY_MESSAGE = `Payment methods processed by ${READ_ONLY_PROCESSOR} are read-only.`;

const processorName: Check = (value) =>
  value === READ_ONLY_PROCESSOR ? { error: READ_ONLY_MESSAGE } : oneOf(WRITABLE_PROCESSORS)(value);

const token: Check = (value) => {
  const checked = text({ nullable: false, min: 1 })(value);
  if ('error' in checked) return checked;
  return /\s/.test(value as string) ? { error: 'Must not contain spaces.' } : checked;
};

const BILLING_CHECKS: Record<string, Check> = Object.fromEntries(
  BILLING_ADDRESS_KEYS.map((key) => [key, key === 'country_code' ? countryCode : nullableText]),
);

/** Nested problems are flattened into one list under the field (`"city: Not a valid string."`). */
function nested(checks: Record<string, Check>): Check {
  return (value) => {
    if (!isPlainObject(value)) return { error: 'Not a valid mapping type.' };
    const errors: FieldErrors = {};
    const out = checkFields(value, checks, [], errors);
    const messages = Object.entries(errors).map(([key, list]) => `${key}: ${list.join(' ')}`);
    return messages.length > 0 ? { error: messages.join(' ') } : { value: out };
  };
}

const billingAddress = nested(BILLING_CHECKS);

function billingOf(value: unknown): SbBillingAddress {
  const billing = { ...(value as SbBillingAddress) };
  if ('country_code' in billing)
    Object.assign(billing, countryFromCode(billing.country_code ?? null));
  return billing;
}

const CREATE_CHECKS: Record<string, Check> = {
  customer_id: id,
  payment_type: oneOf(PAYMENT_TYPES),
  processor_name: processorName,
  processor_customer_token: token,
  processor_payment_method_token: token,
  default: boolean,
  billing_address: billingAddress,
  retry_charges: boolean,
};

const CREATE_REQUIRED = [
  'customer_id',
  'payment_type',
  'processor_name',
  'processor_customer_token',
  'processor_payment_method_token',
];

/** Stripe's own rules: the customer token names a customer, the method token a saved method. */
function stripeRules(values: Record<string, unknown>, errors: FieldErrors): void {
  if (values['processor_name'] !== 'stripe') return;
  const customer = values['processor_customer_token'];
  const method = values['processor_payment_method_token'];
  if (typeof customer === 'string' && !customer.startsWith('cus_')) {
    errors['processor_customer_token'] = [
      'A Stripe processor_customer_token is a Stripe customer id, which starts with "cus_".',
    ];
  }
  if (typeof method === 'string' && method.startsWith('tok_')) {
    errors['processor_payment_method_token'] = [
      'A one-time Stripe card token (tok_) cannot be charged again; send the saved payment ' +
        'method (pm_ or card_).',
    ];
  }
}

export interface MethodCreate {
  customerId: number;
  method: NewMethod;
}

export function validateMethodCreate(
  body: unknown,
  customerExists: (id: number) => boolean,
): Validated<MethodCreate> {
  return validateBody(body, {
    checks: CREATE_CHECKS,
    required: CREATE_REQUIRED,
    build: (values, _sent, errors) => {
      stripeRules(values, errors);
      const customerId = values['customer_id'];
      if (typeof customerId === 'number' && !customerExists(customerId)) {
        errors['customer_id'] = [`Customer ${customerId} does not exist.`];
      }
      const method: NewMethod = {
        payment_type: (values['payment_type'] as string | undefined) ?? null,
        processor_name: (values['processor_name'] as string | undefined) ?? null,
        processor_customer_token:
          (values['processor_customer_token'] as string | undefined) ?? null,
        processor_payment_method_token:
          (values['processor_payment_method_token'] as string | undefined) ?? null,
        status: 'valid',
        status_reason: null,
        billing_address: 'billing_address' in values ? billingOf(values['billing_address']) : null,
      };
      if (typeof values['default'] === 'boolean') method.is_default = values['default'];
      return { customerId: typeof customerId === 'number' ? customerId : 0, method };
    },
  });
}

const UPDATE_CHECKS: Record<string, Check> = {
  default: boolean,
  processor_name: processorName,
  billing_address: billingAddress,
};

// The portal (or the processor) changes more than a merchant may.
const ADMIN_CHECKS: Record<string, Check> = {
  ...UPDATE_CHECKS,
  processor_name: nullableText,
  payment_type: (value) => (value === null ? { value } : oneOf(PAYMENT_TYPES)(value)),
  processor_customer_token: nullableText,
  processor_payment_method_token: nullableText,
  status: oneOf(METHOD_STATUSES),
  status_reason: nullableText,
  payment_details: nested(
    Object.fromEntries(
      PAYMENT_DETAIL_KEYS.map((key) => [
        key,
        key === 'exp_month' || key === 'exp_year'
          ? (value: unknown) =>
              value === null || (typeof value === 'number' && Number.isInteger(value))
                ? { value }
                : { error: 'Not a valid integer.' }
          : nullableText,
      ]),
    ),
  ),
};

function changeOf(values: Record<string, unknown>): MethodChange {
  const { default: isDefault, billing_address: billing, ...rest } = values;
  const change = rest as MethodChange;
  if (typeof isDefault === 'boolean') change.is_default = isDefault;
  if (billing !== undefined) change.billing_address = billingOf(billing);
  return change;
}

export function validateMethodUpdate(
  body: unknown,
  options: { admin?: boolean } = {},
): Validated<MethodChange> {
  return validateBody(body, {
    checks: options.admin ? ADMIN_CHECKS : UPDATE_CHECKS,
    mode: 'update',
    build: changeOf,
  });
}

/** An admin-created method: anything the portal could add, Shopify Payments included. */
export function validateMethodAdmin(body: unknown): Validated<NewMethod> {
  return validateBody(body, {
    checks: ADMIN_CHECKS,
    build: (values) => ({
      payment_type: 'CREDIT_CARD',
      processor_name: 'stripe',
      processor_customer_token: null,
      processor_payment_method_token: null,
      status: 'valid',
      status_reason: null,
      payment_details: null,
      billing_address: null,
      ...changeOf(values),
    }),
  });
}
