// Wire objects of API version 2021-11: customers without billing or status, addresses with
// country codes, and payment methods that hold the billing address and the processor's tokens.
import { z } from 'zod';
import {
  ADDRESS_LINES,
  CUSTOMER_IDENTITY,
  fieldsOf,
  TIMESTAMPS,
} from '../customers/field-groups.ts';
import { Count, ExternalId, Flag, Id, maybe, NameValue, Text, When } from './wire-common.ts';

export const Cursors = { next_cursor: Text, previous_cursor: Text };

export const BillingAddress = z.looseObject({
  ...fieldsOf(ADDRESS_LINES, Text),
  country_code: Text,
  /** Not documented for 2021-11, but some payloads carry the name as well. */
  country: Text,
});
export type BillingAddress = z.infer<typeof BillingAddress>;

export const PaymentDetails = z.looseObject({
  brand: Text,
  last4: Text,
  exp_month: maybe(z.union([z.number().int(), z.string()])),
  exp_year: maybe(z.union([z.number().int(), z.string()])),
  paypal_email: Text,
  wallet_type: Text,
  funding_type: Text,
});

export const PaymentMethod = z.looseObject({
  id: Id,
  customer_id: Id,
  default: Flag,
  payment_type: Text,
  processor_name: Text,
  processor_customer_token: Text,
  processor_payment_method_token: Text,
  status: Text,
  status_reason: Text,
  payment_details: maybe(PaymentDetails),
  billing_address: maybe(BillingAddress),
  ...fieldsOf(TIMESTAMPS, When),
});
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const Address = z.looseObject({
  id: Id,
  customer_id: Id,
  payment_method_id: maybe(Id),
  ...fieldsOf(ADDRESS_LINES, Text),
  country_code: Text,
  order_attributes: maybe(z.array(NameValue)),
  order_note: Text,
  discounts: maybe(z.array(z.unknown())),
  shipping_lines_override: maybe(z.array(z.unknown())),
  presentment_currency: Text,
  ...fieldsOf(TIMESTAMPS, When),
});
export type Address = z.infer<typeof Address>;

export const Customer = z.looseObject({
  id: Id,
  ...fieldsOf(CUSTOMER_IDENTITY, Text),
  external_customer_id: maybe(z.looseObject({ ecommerce: ExternalId })),
  has_valid_payment_method: Flag,
  has_payment_method_in_dunning: Flag,
  subscriptions_active_count: maybe(Count),
  subscriptions_total_count: maybe(Count),
  tax_exempt: Flag,
  apply_credit_to_next_recurring_charge: Flag,
  first_charge_processed_at: When,
  ...fieldsOf(TIMESTAMPS, When),
  analytics_data: z.unknown().optional(),
  /** `?include=addresses,payment_methods` puts the related objects here. */
  include: maybe(
    z.looseObject({
      addresses: maybe(z.array(Address)),
      payment_methods: maybe(z.array(PaymentMethod)),
    }),
  ),
});
export type Customer = z.infer<typeof Customer>;

export const CustomerList = z.looseObject({ customers: z.array(Customer), ...Cursors });
export const CustomerEnvelope = z.looseObject({ customer: Customer });
export const AddressList = z.looseObject({ addresses: z.array(Address), ...Cursors });
export const AddressEnvelope = z.looseObject({ address: Address });
export const PaymentMethodList = z.looseObject({
  payment_methods: z.array(PaymentMethod),
  ...Cursors,
});
export const PaymentMethodEnvelope = z.looseObject({ payment_method: PaymentMethod });

export const PAYMENT_TYPES = ['CREDIT_CARD', 'PAYPAL', 'APPLE_PAY', 'GOOGLE_PAY', 'SEPA_DEBIT'];
/** Processors whose methods are managed elsewhere and refused on write. */
export const READ_ONLY_PROCESSORS = ['shopify_payments'];
