// API 2021-11's wire shapes onto the domain model and back: customers carry neither billing nor
// status, the billing address and the processor's tokens live on payment methods.
import { AppError } from '../../src-shared/errors.ts';
import {
  billingFromMethod,
  billingPartOf,
  isBillingField,
  type AddressFacts,
  type BillingAddress,
  type CustomerFacts,
  type PaymentMethod,
} from '../../src-shared/customers/model.ts';
import type { FieldValues } from '../../src-shared/outbox/rules.ts';
import type { Processor } from '../../src-shared/recharge/payment-tokens.ts';
import * as wire from '../../src-shared/recharge/wire-2021-11.ts';
import { ADDRESS_LINES, pick } from '../../src-shared/customers/field-groups.ts';
import {
  addressLines,
  countryNameOf,
  customerBasics,
  defined,
  instant,
  integer,
  orNull,
  requireCountryCode,
  text,
} from './map-common.ts';
import type { CustomerState } from './store-api.ts';

export function customerFacts(w: wire.Customer): CustomerFacts {
  return defined({
    ...customerBasics(w),
    external_customer_id:
      w.external_customer_id === undefined || w.external_customer_id === null
        ? w.external_customer_id
        : text(w.external_customer_id.ecommerce),
    tax_exempt: w.tax_exempt,
    has_valid_payment_method: w.has_valid_payment_method,
    in_dunning: w.has_payment_method_in_dunning,
    subscriptions_active: w.subscriptions_active_count,
    subscriptions_total: w.subscriptions_total_count,
  });
}

export function addressFacts(w: wire.Address): AddressFacts {
  return defined({
    ...addressLines(w),
    country: countryNameOf(w.country_code),
    country_code:
      w.country_code === undefined ? undefined : (w.country_code?.toUpperCase() ?? null),
    payment_method_id: w.payment_method_id,
  });
}

export function billingAddress(w: wire.BillingAddress | null | undefined): BillingAddress | null {
  if (!w) return null;
  const code = w.country_code?.toUpperCase() ?? null;
  return {
    ...orNull(w, ADDRESS_LINES),
    country: (countryNameOf(code) ?? w.country ?? null) || null,
    country_code: code,
  };
}

/** A payment method without its processor tokens: they are secrets and stop here. */
export function paymentMethod(w: wire.PaymentMethod): PaymentMethod {
  const details = w.payment_details ?? null;
  const processor = w.processor_name ?? null;
  return {
    id: w.id,
    customer_id: w.customer_id,
    is_default: w.default ?? null,
    payment_type: w.payment_type ?? null,
    processor_name: processor,
    status: w.status ?? null,
    status_reason: w.status_reason ?? null,
    brand: details?.brand ?? null,
    last4: details?.last4 ?? null,
    exp_month: integer(details?.exp_month) ?? null,
    exp_year: integer(details?.exp_year) ?? null,
    paypal_email: details?.paypal_email ?? null,
    wallet_type: details?.wallet_type ?? null,
    billing: billingAddress(w.billing_address),
    read_only: processor !== null && wire.READ_ONLY_PROCESSORS.includes(processor),
    created_at: instant(w.created_at) ?? null,
    updated_at: instant(w.updated_at) ?? null,
  };
}

export const defaultMethodOf = (methods: readonly PaymentMethod[]): PaymentMethod | null =>
  methods.find((m) => m.is_default === true) ?? null;

/** The customer's billing facts as its default payment method tells them. */
export function withDefaultMethod(
  customer: CustomerFacts,
  methods: readonly PaymentMethod[],
): CustomerFacts {
  const method = defaultMethodOf(methods);
  return {
    ...customer,
    ...billingFromMethod(method),
    default_payment_method_id: method?.id ?? null,
    processor_type: method?.processor_name ?? null,
  };
}

export const PROCESSOR_NAMES: Readonly<Record<Processor, string | null>> = {
  stripe: 'stripe',
  braintree: 'braintree',
  authorizedotnet: 'authorize',
  paypal: null,
};

export function wireBilling(billing: BillingAddress | null): Record<string, string | null> {
  if (!billing) return {};
  return defined({ ...pick(billing, ADDRESS_LINES), country_code: billing.country_code });
}

/**
 * A billing edit's values split into what goes on the customer (names) and onto its default
 * method's billing address, whose country 2021-11 takes as an ISO code.
 */
export function billingBodies(values: FieldValues) {
  const customer: Record<string, string | null> = {};
  const billing: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(values)) {
    if (!isBillingField(field)) customer[field] = value ?? null;
    else if (field === 'billing_country')
      billing['country_code'] = requireCountryCode(field, value ?? null);
    else billing[billingPartOf(field)] = value ?? null;
  }
  return { customer, billing };
}

/** A form's address values with the country as 2021-11 wants it. */
export function wireAddress(values: FieldValues): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(values)) {
    if (field === 'country') out['country_code'] = requireCountryCode('country', value ?? null);
    else out[field] = value ?? null;
  }
  return out;
}

export function requireDefaultMethod(current: CustomerState): PaymentMethod {
  const method = defaultMethodOf(current.paymentMethods ?? []);
  if (!method) {
    throw new AppError(
      'validation',
      'This customer has no default payment method on ReCharge, so there is no billing address ' +
        'to change. Add a payment method first.',
    );
  }
  if (method.read_only) {
    throw new AppError(
      'validation',
      `The default payment method is managed by ${method.processor_name ?? 'another platform'}; ` +
        'change its billing address there.',
    );
  }
  return method;
}
