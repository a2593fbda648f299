// Records as API 2021-01 sends them: billing fields and processor_type on the customer (from its
// default payment method), country names, naive US-Eastern timestamps. Keys the record leaves
// undefined stay out of the JSON.
import type { TokenField } from '../../src-shared/recharge/payment-tokens.ts';
import type * as wire from '../../src-shared/recharge/wire-2021-01.ts';
import type { SbAddress, SbBillingAddress, SbCustomer, SbPaymentMethod } from './model.ts';
import { addressHead, customerIdentity } from './render-common.ts';
import type { Row } from './table.ts';
import { formatMaybe, formatNaiveEastern } from './timestamps.ts';

/** A 2021-01 customer as the sandbox sends it: these four are always there. */
export type SentCustomer = wire.Customer & {
  hash: string;
  email: string;
  first_name: string;
  last_name: string;
};

/** What 2021-01 calls the processor of a method (PayPal is a processor of its own there). */
export function processorTypeOf(method: SbPaymentMethod): string | null {
  if (method.payment_type === 'PAYPAL') return 'paypal';
  if (method.processor_name === 'authorize') return 'authorizedotnet';
  return method.processor_name;
}

const TOKEN_FIELD_OF: Readonly<Record<string, TokenField>> = {
  stripe: 'stripe_customer_token',
  braintree: 'braintree_customer_token',
  paypal: 'paypal_customer_token',
  authorizedotnet: 'authorizedotnet_customer_token',
};

/** The 2021-01 body field that carries this method's processor customer token, if any. */
export function tokenFieldOfMethod(method: SbPaymentMethod): TokenField | undefined {
  const type = processorTypeOf(method);
  return type === null ? undefined : TOKEN_FIELD_OF[type];
}

/** A billing part: null without a method or address, undefined where the address omits it. */
function part<K extends keyof SbBillingAddress>(
  method: SbPaymentMethod | undefined,
  key: K,
): SbBillingAddress[K] | null {
  const billing = method?.billing_address;
  return billing ? billing[key] : null;
}

export function customer0101(
  row: Row<SbCustomer>,
  method: SbPaymentMethod | undefined,
): SentCustomer {
  const c = row.data;
  const out: SentCustomer = {
    ...customerIdentity(c),
    shopify_customer_id: c.external_customer_id,
    accepts_marketing: c.accepts_marketing,
    billing_address1: part(method, 'address1'),
    billing_address2: part(method, 'address2'),
    billing_zip: part(method, 'zip'),
    billing_city: part(method, 'city'),
    billing_company: part(method, 'company'),
    billing_province: part(method, 'province'),
    billing_country: part(method, 'country'),
    billing_phone: part(method, 'phone'),
    processor_type: method ? processorTypeOf(method) : null,
    status: c.status,
    has_valid_payment_method: c.has_valid_payment_method,
    reason_payment_method_not_valid: c.reason_payment_method_not_valid,
    has_card_error_in_dunning: c.in_dunning,
    number_active_subscriptions: c.subscriptions_active,
    number_subscriptions: c.subscriptions_total,
    first_charge_processed_at: formatMaybe(c.first_charge_processed_at, 'naive'),
    created_at: formatNaiveEastern(row.created),
    updated_at: formatNaiveEastern(row.updated),
  };
  // A secret some real stores send anyway: clients must drop it, so the sandbox sends it too.
  const field = c.sends_token && method ? tokenFieldOfMethod(method) : undefined;
  if (field && method?.processor_customer_token) out[field] = method.processor_customer_token;
  return out;
}

export function address0101(row: Row<SbAddress>): wire.Address {
  const a = row.data;
  return {
    ...addressHead(a, {}, { country: a.country }),
    cart_attributes: a.cart_attributes,
    note_attributes: a.note_attributes,
    cart_note: a.cart_note,
    discount_id: a.discount_id,
    shipping_lines_override: a.shipping_lines_override,
    original_shipping_lines: a.original_shipping_lines,
    presentment_currency: a.presentment_currency,
    created_at: formatNaiveEastern(row.created),
    updated_at: formatNaiveEastern(row.updated),
  };
}
