// The one domain model of customers, addresses and payment methods, whatever API version a store
// speaks. The version adapters (src-main/recharge/) map wire objects onto it; the cache, search,
// outbox and renderer know only these shapes. null means the store has not told us (or cleared
// the field); timestamps are UTC instants (`2021-01-20T15:15:02Z`).
import { z } from 'zod';

const Text = z.string().nullable();
const Flag = z.boolean().nullable();
const Int = z.number().int().nullable();
export const Id = z.number().int();
/** `YYYY-MM-DDTHH:MM:SSZ`: fixed width, so stored instants sort as text. */
export const Instant = z.string();

export const CUSTOMER_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export const CustomerStatus = z.enum(CUSTOMER_STATUSES);
export type CustomerStatus = z.infer<typeof CustomerStatus>;

/** The billing address, flat on the customer (2021-01's own fields; 2021-11's default method's). */
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

const BILLING_SHAPE = Object.fromEntries(BILLING_FIELDS.map((f) => [f, Text])) as Record<
  BillingField,
  typeof Text
>;

export const Customer = z.object({
  id: Id,
  hash: Text,
  email: Text,
  first_name: Text,
  last_name: Text,
  phone: Text,
  /** The storefront platform's id (2021-01 `shopify_customer_id`, 2021-11 `external_customer_id`). */
  external_customer_id: Text,
  accepts_marketing: Flag,
  tax_exempt: Flag,
  /** 2021-01 only; 2021-11 customers have no status. */
  status: CustomerStatus.nullable(),
  has_valid_payment_method: Flag,
  reason_payment_method_not_valid: Text,
  /** 2021-01 `has_card_error_in_dunning`, 2021-11 `has_payment_method_in_dunning`. */
  in_dunning: Flag,
  subscriptions_active: Int,
  subscriptions_total: Int,
  /** 2021-01 `processor_type`; 2021-11 the default payment method's processor. */
  processor_type: Text,
  ...BILLING_SHAPE,
  /** 2021-11: the default payment method, whose billing address the billing fields hold. */
  default_payment_method_id: Int,
  first_charge_processed_at: Instant.nullable(),
  created_at: Instant.nullable(),
  updated_at: Instant.nullable(),
});
export type Customer = z.infer<typeof Customer>;

/** What one payload says of a customer: absent fields are unknown, not cleared. */
export const CustomerFacts = Customer.partial().extend({ id: Id });
export type CustomerFacts = z.infer<typeof CustomerFacts>;

export const Address = z.object({
  id: Id,
  customer_id: Id,
  first_name: Text,
  last_name: Text,
  company: Text,
  phone: Text,
  address1: Text,
  address2: Text,
  city: Text,
  province: Text,
  zip: Text,
  /** The country's English name, as 2021-01 sends it (from 2021-11's code where known). */
  country: Text,
  /** ISO 3166-1 alpha-2, as 2021-11 sends it (from 2021-01's name where known). */
  country_code: Text,
  /** 2021-11: the payment method that pays for this address's subscriptions. */
  payment_method_id: Int,
  created_at: Instant.nullable(),
  updated_at: Instant.nullable(),
});
export type Address = z.infer<typeof Address>;

export const AddressFacts = Address.partial().extend({ id: Id, customer_id: Id });
export type AddressFacts = z.infer<typeof AddressFacts>;

export const BillingAddress = z.object({
  first_name: Text,
  last_name: Text,
  company: Text,
  address1: Text,
  address2: Text,
  city: Text,
  province: Text,
  zip: Text,
  country: Text,
  country_code: Text,
  phone: Text,
});
export type BillingAddress = z.infer<typeof BillingAddress>;

/** A 2021-11 payment method, without its processor tokens (secrets never leave the adapter). */
export const PaymentMethod = z.object({
  id: Id,
  customer_id: Id,
  is_default: Flag,
  /** `CREDIT_CARD`, `PAYPAL`, `APPLE_PAY`, `GOOGLE_PAY`, `SEPA_DEBIT`. */
  payment_type: Text,
  /** `stripe`, `braintree`, `authorize`, `shopify_payments`, `mollie`. */
  processor_name: Text,
  /** `unvalidated`, `valid`, `invalid`, `empty`. */
  status: Text,
  status_reason: Text,
  brand: Text,
  last4: Text,
  exp_month: Int,
  exp_year: Int,
  paypal_email: Text,
  wallet_type: Text,
  billing: BillingAddress.nullable(),
  /** Managed by another platform (Shopify Payments): shown, never edited. */
  read_only: z.boolean(),
  created_at: Instant.nullable(),
  updated_at: Instant.nullable(),
});
export type PaymentMethod = z.infer<typeof PaymentMethod>;

const EMPTY_CUSTOMER: Omit<Customer, 'id'> = {
  hash: null,
  email: null,
  first_name: null,
  last_name: null,
  phone: null,
  external_customer_id: null,
  accepts_marketing: null,
  tax_exempt: null,
  status: null,
  has_valid_payment_method: null,
  reason_payment_method_not_valid: null,
  in_dunning: null,
  subscriptions_active: null,
  subscriptions_total: null,
  processor_type: null,
  billing_address1: null,
  billing_address2: null,
  billing_zip: null,
  billing_city: null,
  billing_company: null,
  billing_province: null,
  billing_country: null,
  billing_phone: null,
  default_payment_method_id: null,
  first_charge_processed_at: null,
  created_at: null,
  updated_at: null,
};

const EMPTY_ADDRESS: Omit<Address, 'id' | 'customer_id'> = {
  first_name: null,
  last_name: null,
  company: null,
  phone: null,
  address1: null,
  address2: null,
  city: null,
  province: null,
  zip: null,
  country: null,
  country_code: null,
  payment_method_id: null,
  created_at: null,
  updated_at: null,
};

function known<T extends object>(facts: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(facts) as [keyof T, T[keyof T]][]) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** What the cache holds after learning `facts`: known fields replace, unknown ones stay. */
export function mergeCustomer(previous: Customer | null, facts: CustomerFacts): Customer {
  return { ...EMPTY_CUSTOMER, ...previous, ...known(facts), id: facts.id };
}

export function mergeAddress(previous: Address | null, facts: AddressFacts): Address {
  return {
    ...EMPTY_ADDRESS,
    ...previous,
    ...known(facts),
    id: facts.id,
    customer_id: facts.customer_id,
  };
}

/** The customer's billing fields from a payment method's billing address (none: all null). */
export function billingFromMethod(method: PaymentMethod | null): Pick<Customer, BillingField> {
  const b = method?.billing ?? null;
  return {
    billing_address1: b?.address1 ?? null,
    billing_address2: b?.address2 ?? null,
    billing_zip: b?.zip ?? null,
    billing_city: b?.city ?? null,
    billing_company: b?.company ?? null,
    billing_province: b?.province ?? null,
    billing_country: b?.country ?? b?.country_code ?? null,
    billing_phone: b?.phone ?? null,
  };
}
