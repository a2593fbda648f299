// Wire objects of API version 2021-01 (the guide's shape), as real stores send them.
import { z } from 'zod';
import {
  ADDRESS_LINES,
  CUSTOMER_IDENTITY,
  fieldsOf,
  TIMESTAMPS,
} from '../customers/field-groups.ts';
import { BILLING_FIELDS } from '../customers/model.ts';
import { Count, ExternalId, Flag, Id, maybe, NameValue, Text, When } from './wire-common.ts';

export const Customer = z.looseObject({
  id: Id,
  ...fieldsOf(CUSTOMER_IDENTITY, Text),
  shopify_customer_id: ExternalId,
  /** 0/1 on the wire; some clients send booleans. */
  accepts_marketing: maybe(z.union([z.literal(0), z.literal(1), z.boolean()])),
  billing_first_name: Text,
  billing_last_name: Text,
  /** The domain's billing fields are 2021-01's own. */
  ...fieldsOf(BILLING_FIELDS, Text),
  processor_type: Text,
  status: Text,
  has_valid_payment_method: Flag,
  reason_payment_method_not_valid: Text,
  has_card_error_in_dunning: Flag,
  number_active_subscriptions: maybe(Count),
  number_subscriptions: maybe(Count),
  first_charge_processed_at: When,
  ...fieldsOf(TIMESTAMPS, When),
});
export type Customer = z.infer<typeof Customer>;

export const ShippingLine = z.looseObject({ code: Text, price: Text, title: Text });

export const Address = z.looseObject({
  id: Id,
  customer_id: Id,
  ...fieldsOf(ADDRESS_LINES, Text),
  country: Text,
  cart_attributes: maybe(z.array(NameValue)),
  note_attributes: maybe(z.array(NameValue)),
  cart_note: Text,
  discount_id: maybe(z.union([Id, z.string()])),
  shipping_lines_override: maybe(z.array(z.unknown())),
  original_shipping_lines: maybe(z.array(ShippingLine)),
  presentment_currency: Text,
  ...fieldsOf(TIMESTAMPS, When),
});
export type Address = z.infer<typeof Address>;

export const CustomerList = z.looseObject({ customers: z.array(Customer) });
export const CustomerEnvelope = z.looseObject({ customer: Customer });
export const AddressList = z.looseObject({ addresses: z.array(Address) });
export const AddressEnvelope = z.looseObject({ address: Address });

/** Body fields of `PUT /customers/{id}` that carry a processor's customer token. */
export const TOKEN_FIELDS_2021_01 = [
  'stripe_customer_token',
  'braintree_customer_token',
  'paypal_customer_token',
  'authorizedotnet_customer_token',
] as const;
