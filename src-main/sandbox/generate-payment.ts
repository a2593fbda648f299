// A generated customer's payment methods: none for a few, one for most, two or three for some
// (exactly one default), across Stripe (cards and wallets), Braintree (cards and PayPal),
// Authorize.Net, Shopify Payments (read-only) and Mollie, some of them invalid.
import type { Place } from './generate-places.ts';
import { digits } from './generate-places.ts';
import { INVALID_PAYMENT_REASONS } from './generator-data.ts';
import type { MethodStatus, SbBillingAddress, SbPaymentDetails, SbPaymentMethod } from './model.ts';
import type { Rng } from './prng.ts';
import type { Row } from './table.ts';

interface Kind {
  processor: string;
  type: string;
  wallet: string | null;
}

// Cumulative shares of methods by processor and payment type.
const KINDS: readonly (readonly [number, Kind])[] = [
  [0.66, { processor: 'stripe', type: 'CREDIT_CARD', wallet: null }],
  [0.7, { processor: 'stripe', type: 'APPLE_PAY', wallet: 'apple_pay' }],
  [0.72, { processor: 'stripe', type: 'GOOGLE_PAY', wallet: 'google_pay' }],
  [0.81, { processor: 'braintree', type: 'CREDIT_CARD', wallet: null }],
  [0.89, { processor: 'braintree', type: 'PAYPAL', wallet: null }],
  [0.93, { processor: 'authorize', type: 'CREDIT_CARD', wallet: null }],
  [0.98, { processor: 'shopify_payments', type: 'CREDIT_CARD', wallet: null }],
  [0.99, { processor: 'mollie', type: 'SEPA_DEBIT', wallet: null }],
  [1, { processor: 'stripe', type: 'SEPA_DEBIT', wallet: null }],
];

const BRANDS = ['visa', 'visa', 'visa', 'mastercard', 'mastercard', 'american_express', 'discover'];
const SECONDS_PER_YEAR = 31_556_952;

function kindOf(rng: Rng): Kind {
  const roll = rng.next();
  for (const [upTo, kind] of KINDS) if (roll < upTo) return kind;
  return (KINDS[0] as readonly [number, Kind])[1];
}

function methodCount(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.03) return 0;
  if (roll < 0.83) return 1;
  if (roll < 0.96) return 2;
  return 3;
}

function tokens(rng: Rng, processor: string): [string | null, string | null] {
  switch (processor) {
    case 'stripe':
      return [`cus_${rng.hex32()}${rng.hex32().slice(2)}`, `pm_${rng.hex32()}${rng.hex32()}`];
    case 'braintree':
      return [digits(rng, 9), rng.hex32().slice(1)];
    case 'authorize':
      return [digits(rng, 9), digits(rng, 10)];
    case 'mollie':
      return [`cst_${rng.hex32()}`, `mdt_${rng.hex32()}`];
    default:
      return [null, null];
  }
}

function details(rng: Rng, kind: Kind, email: string, created: number): SbPaymentDetails {
  if (kind.type === 'PAYPAL') {
    return {
      brand: null,
      last4: null,
      exp_month: null,
      exp_year: null,
      paypal_email: rng.chance(0.8) ? email : `pay.${email}`,
      wallet_type: null,
      funding_type: null,
    };
  }
  const card = kind.type !== 'SEPA_DEBIT';
  const year = 1970 + Math.floor(created / SECONDS_PER_YEAR);
  return {
    brand: card ? rng.pick(BRANDS) : 'sepa_debit',
    last4: digits(rng, 4),
    exp_month: card ? rng.between(1, 12) : null,
    exp_year: card ? year + rng.between(1, 5) : null,
    paypal_email: null,
    wallet_type: kind.wallet,
    funding_type: card ? (rng.chance(0.7) ? 'credit' : 'debit') : null,
  };
}

export interface Holder {
  customerId: number;
  firstName: string;
  lastName: string;
  email: string;
  billing: Place;
  company: string | null;
  billingPhone: string | null;
  created: number;
  until: number;
}

export interface GeneratedMethods {
  rows: Row<SbPaymentMethod>[];
  valid: boolean;
  reason: string | null;
}

export function billingOf(holder: Holder, where: Place): SbBillingAddress {
  return {
    first_name: holder.firstName,
    last_name: holder.lastName,
    company: holder.company,
    address1: where.address1,
    address2: where.address2,
    city: where.city,
    province: where.province,
    zip: where.zip,
    country: where.country,
    country_code: where.country_code,
    phone: holder.billingPhone,
  };
}

function statusOf(rng: Rng, isDefault: boolean, invalid: boolean): [MethodStatus, string | null] {
  if (isDefault) return invalid ? ['invalid', rng.pick(INVALID_PAYMENT_REASONS)] : ['valid', null];
  const roll = rng.next();
  if (roll < 0.85) return ['valid', null];
  if (roll < 0.93) return ['invalid', rng.pick(INVALID_PAYMENT_REASONS)];
  return roll < 0.98 ? ['unvalidated', null] : ['empty', null];
}

export function generateMethods(
  rng: Rng,
  holder: Holder,
  nextId: () => number,
  other: () => Place,
): GeneratedMethods {
  const count = methodCount(rng);
  const invalid = count === 0 || rng.chance(0.045);
  const defaultIndex = count > 1 ? rng.int(count) : 0;
  const rows: Row<SbPaymentMethod>[] = [];
  let reason: string | null = count === 0 ? rng.pick(INVALID_PAYMENT_REASONS) : null;
  const span = holder.until - holder.created;
  for (let i = 0; i < count; i += 1) {
    const kind = kindOf(rng);
    const isDefault = i === defaultIndex;
    const [status, statusReason] = statusOf(rng, isDefault, invalid);
    if (isDefault) reason = statusReason;
    const [customerToken, methodToken] = tokens(rng, kind.processor);
    const created =
      i === 0 ? holder.created + rng.between(0, 3600) : holder.created + rng.int(span + 1);
    const at = Math.min(created, holder.until);
    const updated = rng.chance(0.5) ? at : at + Math.floor(rng.next() * (holder.until - at));
    const where = isDefault || rng.chance(0.7) ? holder.billing : other();
    rows.push({
      data: {
        id: nextId(),
        customer_id: holder.customerId,
        is_default: isDefault,
        payment_type: kind.type,
        processor_name: kind.processor,
        processor_customer_token: customerToken,
        processor_payment_method_token: methodToken,
        status,
        status_reason: statusReason,
        payment_details: details(rng, kind, holder.email, at),
        billing_address: billingOf(holder, where),
      },
      created: at,
      updated,
      rev: 0,
    });
  }
  return { rows, valid: !invalid, reason };
}
