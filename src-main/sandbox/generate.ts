// Deterministic fake customers, addresses and payment methods: the same (seed, count, options)
// gives byte-identical JSON. Everything is drawn from one seeded PRNG in a fixed order, and
// timestamps are spread over the five years before a fixed anchor, so the data never depends on
// the real clock.
import type * as w0101 from '../../src-shared/recharge/wire-2021-01.ts';
import type * as w2111 from '../../src-shared/recharge/wire-2021-11.ts';
import { generateMethods } from './generate-payment.ts';
import { company, digits, emailFor, place } from './generate-places.ts';
import {
  drawSparse,
  sparsifyAddress,
  sparsifyCustomer,
  sparsifyMethod,
} from './generate-sparse.ts';
import {
  CART_ATTRIBUTE_SAMPLES,
  FIRST_NAMES,
  LAST_NAMES,
  SHIPPING_METHODS,
} from './generator-data.ts';
import type {
  AnalyticsData,
  NameValue,
  SbAddress,
  SbCustomer,
  SbPaymentMethod,
  ShippingLine,
} from './model.ts';
import { createRng, type Rng } from './prng.ts';
import { address0101, customer0101, type SentCustomer } from './render-2021-01.ts';
import { paymentMethod2111 } from './render-2021-11.ts';
import type { Row } from './table.ts';

export interface GeneratedModel {
  customers: Row<SbCustomer>[];
  addresses: Row<SbAddress>[];
  paymentMethods: Row<SbPaymentMethod>[];
}

export interface GenerateOptions {
  /** UTC second of the newest record (default 2026-01-01T00:00:00Z). */
  until?: number;
  /** How many years back the oldest customer goes (default 5). */
  years?: number;
  /** Leave optional keys out of some records and null in others (default true). */
  sparse?: boolean;
}

export const CUSTOMER_ID_BASE = 40_000_000;
export const ADDRESS_ID_BASE = 90_000_000;
export const PAYMENT_METHOD_ID_BASE = 70_000_000;
export const DEFAULT_UNTIL = Date.UTC(2026, 0, 1) / 1000;

// Values most records share are shared, frozen, objects: records are replaced on write, never
// changed in place, and sharing keeps 100k customers' worth of garbage collection down.
const frozen = <T>(value: T): T => Object.freeze(value);
const NONE: NameValue[] = frozen([]);
const ATTRIBUTES: NameValue[][] = CART_ATTRIBUTE_SAMPLES.map(([name, value]) =>
  frozen([frozen({ name, value })]),
);
const SHIPPING: ShippingLine[][] = SHIPPING_METHODS.map(([code, price, title]) =>
  frozen([frozen({ code, price, title })]),
);
const NO_UTM: AnalyticsData = frozen({ utm_params: frozen([]) });
const UTM: AnalyticsData[] = [
  { utm_source: 'instagram', utm_medium: 'social', utm_campaign: 'spring' },
  { utm_source: 'google', utm_medium: 'cpc', utm_campaign: 'brand' },
  { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'welcome' },
].map((params) => frozen({ utm_params: frozen([frozen(params)]) }));

function attributes(rng: Rng, probability: number): NameValue[] {
  return rng.chance(probability) ? rng.pick(ATTRIBUTES) : NONE;
}

function addressCount(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.1) return 0;
  if (roll < 0.6) return 1;
  if (roll < 0.85) return 2;
  if (roll < 0.95) return 3;
  return 4;
}

/** The sandbox's records, version-neutral, ready for `SandboxStore.load`. */
export function generateModel(
  seed: number,
  count: number,
  options: GenerateOptions = {},
): GeneratedModel {
  const rng = createRng(seed);
  const until = options.until ?? DEFAULT_UNTIL;
  const sparse = options.sparse ?? true;
  const span = Math.round((options.years ?? 5) * 365.25 * 86400);
  const start = until - span;
  const out: GeneratedModel = { customers: [], addresses: [], paymentMethods: [] };
  const taken = new Set<string>();
  let customerId = CUSTOMER_ID_BASE;
  let addressId = ADDRESS_ID_BASE;
  let methodId = PAYMENT_METHOD_ID_BASE;
  const nextMethodId = () => (methodId += 1 + (rng.chance(0.1) ? rng.int(3) : 0));

  for (let i = 0; i < count; i += 1) {
    customerId += 1 + (rng.chance(0.2) ? rng.int(3) : 0);
    // Created times rise with the index (newest = highest id), jittered within one slot.
    const created = start + Math.floor(((i + rng.next()) * span) / Math.max(count, 1));
    const updated = rng.chance(0.35)
      ? created
      : created + Math.floor(rng.next() ** 2 * (until - created));
    const firstIndex = rng.int(FIRST_NAMES.length);
    const lastIndex = rng.int(LAST_NAMES.length);
    const firstName = FIRST_NAMES[firstIndex] ?? 'Sam';
    const lastName = LAST_NAMES[lastIndex] ?? 'Doe';
    const email = emailFor(rng, firstIndex, lastIndex, taken);
    const billing = place(rng);
    const holder = {
      customerId,
      firstName,
      lastName,
      email,
      billing,
      company: rng.chance(0.15) ? company(rng) : null,
      billingPhone: rng.chance(0.7) ? billing.phone : null,
      created,
      until,
    };
    const methods = generateMethods(rng, holder, nextMethodId, () => place(rng));
    const subscriptions = rng.chance(0.06) ? 0 : rng.between(1, rng.chance(0.8) ? 2 : 6);
    const inactive = subscriptions === 0 || rng.chance(0.1);
    const marketing = rng.next();
    const customer: SbCustomer = {
      id: customerId,
      hash: `${rng.hex32()}${rng.hex32()}`.slice(0, 15 + rng.int(2)),
      email,
      first_name: firstName,
      last_name: lastName,
      phone: rng.chance(0.8) ? billing.phone : null,
      external_customer_id: rng.chance(0.92) ? `${rng.between(1, 8)}${digits(rng, 12)}` : null,
      accepts_marketing: marketing < 0.45 ? 0 : marketing < 0.9 ? 1 : null,
      tax_exempt: rng.chance(0.03),
      apply_credit_to_next_recurring_charge: rng.chance(0.1),
      analytics_data: rng.chance(0.2) ? rng.pick(UTM) : NO_UTM,
      status: inactive ? 'INACTIVE' : 'ACTIVE',
      has_valid_payment_method: methods.valid,
      reason_payment_method_not_valid: methods.reason,
      in_dunning: methods.valid ? rng.chance(0.005) : rng.chance(0.4),
      subscriptions_active: inactive ? 0 : rng.between(1, subscriptions),
      subscriptions_total: subscriptions,
      first_charge_processed_at: subscriptions > 0 ? created + rng.between(5, 600) : null,
      sends_token: rng.chance(0.03),
    };
    sparsifyCustomer(customer, drawSparse(rng), sparse);
    out.customers.push({ data: customer, created, updated, rev: 0 });
    const defaultMethod = methods.rows.find((row) => row.data.is_default);
    for (const row of methods.rows) {
      sparsifyMethod(row.data, drawSparse(rng), sparse);
      out.paymentMethods.push(row);
    }

    const addressTotal = addressCount(rng);
    for (let a = 0; a < addressTotal; a += 1) {
      addressId += 1;
      const delivery = a === 0 && rng.chance(0.7) ? billing : place(rng);
      const addressCreated = Math.min(created + a * rng.between(60, 86400 * 30), until);
      const addressUpdated = rng.chance(0.5)
        ? addressCreated
        : addressCreated + Math.floor(rng.next() * (until - addressCreated));
      const shipping = rng.pick(SHIPPING);
      const giftee = a > 0 && rng.chance(0.3);
      const paidBy =
        methods.rows.length > 1 && rng.chance(0.1)
          ? rng.pick(methods.rows).data.id
          : (defaultMethod?.data.id ?? null);
      const address: SbAddress = {
        id: addressId,
        customer_id: customerId,
        payment_method_id: paidBy,
        first_name: giftee ? rng.pick(FIRST_NAMES) : firstName,
        last_name: giftee ? rng.pick(LAST_NAMES) : lastName,
        company: rng.chance(0.1) ? company(rng) : null,
        phone: rng.chance(0.75) ? delivery.phone : null,
        address1: delivery.address1,
        address2: delivery.address2,
        city: delivery.city,
        province: delivery.province,
        zip: delivery.zip,
        country: delivery.country,
        country_code: delivery.country_code,
        cart_attributes: attributes(rng, 0.15),
        note_attributes: attributes(rng, 0.1),
        cart_note: rng.chance(0.05) ? 'Please ring the bell' : null,
        discount_id: rng.chance(0.03) ? rng.between(1_000_000, 9_999_999) : null,
        shipping_lines_override: null,
        original_shipping_lines: shipping,
        presentment_currency: delivery.currency,
      };
      sparsifyAddress(address, drawSparse(rng), sparse);
      out.addresses.push({
        data: address,
        created: addressCreated,
        updated: addressUpdated,
        rev: 0,
      });
    }
  }
  return out;
}

export interface GeneratedData {
  customers: SentCustomer[];
  addresses: w0101.Address[];
  /** As 2021-11 sends them. */
  paymentMethods: w2111.PaymentMethod[];
}

/** The generated records as wire objects: customers and addresses in 2021-01's shape. */
export function generateCustomers(
  seed: number,
  count: number,
  options: GenerateOptions = {},
): GeneratedData {
  const model = generateModel(seed, count, options);
  const defaults = new Map<number, SbPaymentMethod>();
  for (const row of model.paymentMethods) {
    if (row.data.is_default) defaults.set(row.data.customer_id, row.data);
  }
  return {
    customers: model.customers.map((row) => customer0101(row, defaults.get(row.data.id))),
    addresses: model.addresses.map(address0101),
    paymentMethods: model.paymentMethods.map(paymentMethod2111),
  };
}
