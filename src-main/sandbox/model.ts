// The sandbox's own records: one shape whatever API version a request speaks. render-2021-01.ts
// and render-2021-11.ts turn them into each version's wire objects. An undefined field is one the
// store does not send at all (real payloads omit fields); null is sent as null. created_at and
// updated_at live on the table rows as UTC epoch seconds.
import { countryByCode, countryByName } from '../../src-shared/geo/countries.ts';
import type { CustomerStatus } from '../../src-shared/customers/model.ts';

// Type aliases, not interfaces: the loose wire schemas want an implicit index signature.
export type NameValue = { name: string; value: string };
export type ShippingLine = { code: string; price: string; title: string };

export interface AnalyticsData {
  utm_params: Record<string, string>[];
}

export interface SbCustomer {
  id: number;
  hash: string;
  email: string;
  first_name: string;
  last_name: string;
  phone?: string | null;
  /** The storefront's id: 2021-01 `shopify_customer_id`, 2021-11 `external_customer_id`. */
  external_customer_id?: string | null;
  accepts_marketing?: 0 | 1 | null;
  tax_exempt?: boolean | null;
  apply_credit_to_next_recurring_charge?: boolean | null;
  analytics_data?: AnalyticsData | null;
  /** Sent on 2021-01 only. */
  status: CustomerStatus;
  has_valid_payment_method: boolean;
  reason_payment_method_not_valid?: string | null;
  /** 2021-01 `has_card_error_in_dunning`, 2021-11 `has_payment_method_in_dunning`. */
  in_dunning: boolean;
  subscriptions_active: number;
  subscriptions_total: number;
  /** UTC epoch seconds. */
  first_charge_processed_at?: number | null;
  /** Some real 2021-01 stores also send the default method's processor token on the customer. */
  sends_token: boolean;
}

export interface Country {
  /** The English name, as 2021-01 sends it. */
  country?: string | null;
  /** ISO 3166-1 alpha-2, as 2021-11 sends it. */
  country_code?: string | null;
}

/** The text parts an address and a billing address both hold; any may be missing or null. */
type PostalPart =
  | 'first_name'
  | 'last_name'
  | 'company'
  | 'phone'
  | 'address1'
  | 'address2'
  | 'city'
  | 'province'
  | 'zip';
type PostalText = { [K in PostalPart]?: string | null };

export interface SbAddress extends Country, PostalText {
  id: number;
  customer_id: number;
  payment_method_id?: number | null;
  /** 2021-01 only. */
  cart_attributes?: NameValue[] | null;
  /** 2021-11 `order_attributes`. */
  note_attributes?: NameValue[] | null;
  /** 2021-11 `order_note`. */
  cart_note?: string | null;
  /** 2021-11 sends it inside `discounts`. */
  discount_id?: number | null;
  shipping_lines_override?: unknown[] | null;
  /** 2021-01 only. */
  original_shipping_lines?: ShippingLine[] | null;
  presentment_currency?: string | null;
}

export type SbBillingAddress = Country & PostalText;

/** A billing address with nothing in it; new billing parts merge into this. */
export const EMPTY_BILLING: Readonly<Required<SbBillingAddress>> = {
  first_name: null,
  last_name: null,
  company: null,
  address1: null,
  address2: null,
  city: null,
  province: null,
  zip: null,
  country: null,
  country_code: null,
  phone: null,
};

/** A billing address as 2021-11 sends and takes it: the country by code alone. */
export const BILLING_ADDRESS_KEYS = (
  Object.keys(EMPTY_BILLING) as (keyof SbBillingAddress)[]
).filter((key) => key !== 'country');

export interface SbPaymentDetails {
  brand?: string | null;
  last4?: string | null;
  exp_month?: number | null;
  exp_year?: number | null;
  paypal_email?: string | null;
  wallet_type?: string | null;
  funding_type?: string | null;
}

export const PAYMENT_DETAIL_KEYS = [
  'brand',
  'last4',
  'exp_month',
  'exp_year',
  'paypal_email',
  'wallet_type',
  'funding_type',
] as const;

export const PAYMENT_TYPES = [
  'CREDIT_CARD',
  'PAYPAL',
  'APPLE_PAY',
  'GOOGLE_PAY',
  'SEPA_DEBIT',
] as const;
/** Processors a merchant may create methods for; `shopify_payments` ones are read-only. */
export const WRITABLE_PROCESSORS = ['stripe', 'braintree', 'authorize', 'mollie'] as const;
export const READ_ONLY_PROCESSOR = 'shopify_payments';
export const METHOD_STATUSES = ['unvalidated', 'valid', 'invalid', 'empty'] as const;
export type MethodStatus = (typeof METHOD_STATUSES)[number];

export interface SbPaymentMethod {
  id: number;
  customer_id: number;
  is_default: boolean;
  payment_type: string | null;
  processor_name: string | null;
  processor_customer_token: string | null;
  processor_payment_method_token: string | null;
  status: MethodStatus;
  status_reason?: string | null;
  payment_details?: SbPaymentDetails | null;
  billing_address?: SbBillingAddress | null;
}

/** The name and code of a country given by name (unknown names keep a null code). */
export function countryFromName(name: string | null): Country {
  if (name === null) return { country: null, country_code: null };
  return { country: name, country_code: countryByName(name)?.code ?? null };
}

/** The name and code of a country given by ISO code (unknown codes stand in for the name). */
export function countryFromCode(code: string | null): Country {
  if (code === null) return { country: null, country_code: null };
  const upper = code.toUpperCase();
  return { country: countryByCode(upper)?.name ?? upper, country_code: upper };
}
