// The one domain model of customers, addresses and payment methods, whatever API version a store
// speaks. The version adapters (src-main/recharge/) map wire objects onto it; the cache, search,
// outbox and renderer know only these shapes. null means the store has not told us (or cleared
// the field); timestamps are UTC instants (`2021-01-20T15:15:02Z`).
import { z } from 'zod';
import { ADDRESS_LINES, CUSTOMER_IDENTITY, fieldsOf, TIMESTAMPS } from './field-groups.ts';

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

/** The part of a billing address a billing field holds (`billing_zip` → `zip`). */
export type BillingPart = BillingField extends `billing_${infer P}` ? P : never;
export const billingPartOf = (field: BillingField) => field.slice('billing_'.length) as BillingPart;
export const isBillingField = (field: string): field is BillingField =>
  (BILLING_FIELDS as readonly string[]).includes(field);

/** Where a customer is, by its billing address: what search's place and a result row hold. */
export const BILLING_PLACE = [
  'billing_city',
  'billing_zip',
  'billing_company',
  'billing_province',
] as const satisfies readonly BillingField[];

export const Customer = z.object({
  id: Id,
  ...fieldsOf(CUSTOMER_IDENTITY, Text),
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
  ...fieldsOf(BILLING_FIELDS, Text),
  /** 2021-11: the default payment method, whose billing address the billing fields hold. */
  default_payment_method_id: Int,
  first_charge_processed_at: Instant.nullable(),
  ...fieldsOf(TIMESTAMPS, Instant.nullable()),
});
export type Customer = z.infer<typeof Customer>;

/** What one payload says of a customer: absent fields are unknown, not cleared. */
export const CustomerFacts = Customer.partial().extend({ id: Id });
export type CustomerFacts = z.infer<typeof CustomerFacts>;

/** A postal address, whether it is a delivery address or a payment method's billing address. */
const POSTAL_SHAPE = {
  ...fieldsOf(ADDRESS_LINES, Text),
  /** The country's English name, as 2021-01 sends it (from 2021-11's code where known). */
  country: Text,
  /** ISO 3166-1 alpha-2, as 2021-11 sends it (from 2021-01's name where known). */
  country_code: Text,
};

export const Address = z.object({
  id: Id,
  customer_id: Id,
  ...POSTAL_SHAPE,
  /** 2021-11: the payment method that pays for this address's subscriptions. */
  payment_method_id: Int,
  ...fieldsOf(TIMESTAMPS, Instant.nullable()),
});
export type Address = z.infer<typeof Address>;

export const AddressFacts = Address.partial().extend({ id: Id, customer_id: Id });
export type AddressFacts = z.infer<typeof AddressFacts>;

export const BillingAddress = z.object(POSTAL_SHAPE);
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
  ...fieldsOf(TIMESTAMPS, Instant.nullable()),
});
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** Every field of a shape but its ids, set to null: all of them are nullable. */
const unknownBut = <T>(shape: object, ids: readonly string[]): T =>
  fieldsOf(
    Object.keys(shape).filter((key) => !ids.includes(key)),
    null,
  ) as T;

const EMPTY_CUSTOMER = unknownBut<Omit<Customer, 'id'>>(Customer.shape, ['id']);
const EMPTY_ADDRESS = unknownBut<Omit<Address, 'id' | 'customer_id'>>(Address.shape, [
  'id',
  'customer_id',
]);

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
  const fields = Object.fromEntries(BILLING_FIELDS.map((f) => [f, b?.[billingPartOf(f)] ?? null]));
  return {
    ...(fields as Pick<Customer, BillingField>),
    billing_country: b?.country ?? b?.country_code ?? null,
  };
}
