// Deterministic fake customers and addresses: the same (seed, count) gives byte-identical JSON.
// Everything is drawn from one seeded PRNG in a fixed order, and timestamps are spread over the
// five years before a fixed anchor, so the data never depends on the real clock.
import type { Address, Customer } from '../../src-shared/recharge/wire.ts';
import { PROVINCES } from '../../src-shared/geo/countries.ts';
import { createRng, type Rng } from './prng.ts';
import { formatWallSecond } from './timestamps.ts';
import {
  AU_CITIES,
  CA_CITIES,
  CART_ATTRIBUTE_SAMPLES,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  INVALID_PAYMENT_REASONS,
  LAST_NAMES,
  OTHER_COUNTRIES,
  SHIPPING_METHODS,
  STREET_NAMES,
  STREET_SUFFIXES,
  UK_CITIES,
  UNIT_PREFIXES,
  US_AREA_CODES,
  US_CITIES,
} from './generator-data.ts';

export interface GeneratedData {
  customers: Customer[];
  addresses: Address[];
}

export interface GenerateOptions {
  /** Wall second of the newest record (default 2026-01-01T00:00:00). */
  until?: number;
  /** How many years back the oldest customer goes (default 5). */
  years?: number;
}

export const CUSTOMER_ID_BASE = 40_000_000;
export const ADDRESS_ID_BASE = 90_000_000;
export const DEFAULT_UNTIL = Date.UTC(2026, 0, 1) / 1000;

interface Place {
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  zip: string;
  country: string;
  currency: string;
  phone: string;
}

const provinceName = (country: string, code: string): string =>
  PROVINCES[country]?.find((province) => province.code === code)?.name ?? code;

const digits = (rng: Rng, count: number): string => {
  let text = '';
  for (let i = 0; i < count; i += 1) text += String(rng.int(10));
  return text;
};

const LETTERS = 'ABCEGHJKLMNPRSTVXY';

function usPhone(rng: Rng): string {
  const area = rng.pick(US_AREA_CODES);
  const exchange = `${rng.between(2, 9)}${digits(rng, 2)}`;
  const line = digits(rng, 4);
  switch (rng.int(6)) {
    case 0:
      return `(${area}) ${exchange}-${line}`;
    case 1:
      return `+1 ${area} ${exchange} ${line}`;
    case 2:
      return `${area}.${exchange}.${line}`;
    case 3:
      return `${area}${exchange}${line}`;
    case 4:
      return `+1${area}${exchange}${line}`;
    default:
      return `${area}-${exchange}-${line}`;
  }
}

function street(rng: Rng): { address1: string; address2: string | null } {
  const address1 = `${rng.between(1, 9899)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`;
  const address2 = rng.chance(0.25)
    ? `${rng.pick(UNIT_PREFIXES)} ${rng.between(1, 40)}${rng.chance(0.3) ? rng.pick(['A', 'B', 'C']) : ''}`
    : null;
  return { address1, address2 };
}

function place(rng: Rng): Place {
  const roll = rng.next();
  const { address1, address2 } = street(rng);
  if (roll < 0.7) {
    const [city, state, zip3] = rng.pick(US_CITIES);
    return {
      address1,
      address2,
      city,
      province: provinceName('United States', state),
      zip: rng.chance(0.1)
        ? `${zip3}${digits(rng, 2)}-${digits(rng, 4)}`
        : `${zip3}${digits(rng, 2)}`,
      country: 'United States',
      currency: 'USD',
      phone: usPhone(rng),
    };
  }
  if (roll < 0.78) {
    const [city, code, letter] = rng.pick(CA_CITIES);
    const pick = () => LETTERS.charAt(rng.int(LETTERS.length));
    return {
      address1,
      address2,
      city,
      province: provinceName('Canada', code),
      zip: `${letter}${rng.int(10)}${pick()} ${rng.int(10)}${pick()}${rng.int(10)}`,
      country: 'Canada',
      currency: 'CAD',
      phone: rng.chance(0.5)
        ? usPhone(rng)
        : `+1 ${rng.between(200, 999)} ${digits(rng, 3)} ${digits(rng, 4)}`,
    };
  }
  if (roll < 0.85) {
    const [city, area] = rng.pick(UK_CITIES);
    const pick = () => LETTERS.charAt(rng.int(LETTERS.length));
    return {
      address1,
      address2,
      city,
      province: null,
      zip: `${area} ${rng.int(10)}${pick()}${pick()}`,
      country: 'United Kingdom',
      currency: 'GBP',
      phone: rng.chance(0.6)
        ? `+44 20 ${digits(rng, 4)} ${digits(rng, 4)}`
        : `07${digits(rng, 3)} ${digits(rng, 6)}`,
    };
  }
  if (roll < 0.9) {
    const [city, code, first] = rng.pick(AU_CITIES);
    return {
      address1,
      address2,
      city,
      province: provinceName('Australia', code),
      zip: `${first}${digits(rng, 3)}`,
      country: 'Australia',
      currency: 'AUD',
      phone: rng.chance(0.5)
        ? `+61 ${rng.between(2, 8)} ${digits(rng, 4)} ${digits(rng, 4)}`
        : `04${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 3)}`,
    };
  }
  const other = rng.pick(OTHER_COUNTRIES);
  return {
    address1,
    address2,
    city: rng.pick(other.cities),
    province: null,
    zip: other.zipDigits === 0 ? `D${rng.between(1, 24)}` : digits(rng, other.zipDigits),
    country: other.country,
    currency: other.currency,
    phone: `+${other.dial} ${digits(rng, 2)} ${digits(rng, 4)} ${digits(rng, 4)}`,
  };
}

const slug = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

const FIRST_SLUGS = FIRST_NAMES.map(slug);
const LAST_SLUGS = LAST_NAMES.map(slug);

function emailFor(rng: Rng, first: number, last: number, taken: Set<string>): string {
  const f = FIRST_SLUGS[first] ?? 'customer';
  const l = LAST_SLUGS[last] ?? 'customer';
  const domain = rng.pick(EMAIL_DOMAINS);
  const local = [`${f}.${l}`, `${f}${l}`, `${f.charAt(0)}${l}`, `${f}_${l}`, `${l}.${f}`][
    rng.int(5)
  ];
  let email = `${local}@${domain}`;
  // Collisions get a number, as people do; drawn from the PRNG so the result stays deterministic.
  while (taken.has(email)) email = `${local}${rng.between(1, 9999)}@${domain}`;
  taken.add(email);
  return email;
}

function processorFor(rng: Rng): string | null {
  const roll = rng.next();
  if (roll < 0.74) return 'stripe';
  if (roll < 0.86) return 'braintree';
  if (roll < 0.95) return 'paypal';
  if (roll < 0.99) return 'authorizedotnet';
  return null;
}

function company(rng: Rng): string {
  return `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)}`;
}

function attributes(rng: Rng, probability: number): { name: string; value: string }[] {
  if (!rng.chance(probability)) return [];
  const [name, value] = rng.pick(CART_ATTRIBUTE_SAMPLES);
  return [{ name, value }];
}

function addressCount(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.1) return 0;
  if (roll < 0.6) return 1;
  if (roll < 0.85) return 2;
  if (roll < 0.95) return 3;
  return 4;
}

export function generateCustomers(
  seed: number,
  count: number,
  options: GenerateOptions = {},
): GeneratedData {
  const rng = createRng(seed);
  const until = options.until ?? DEFAULT_UNTIL;
  const span = Math.round((options.years ?? 5) * 365.25 * 86400);
  const start = until - span;
  const customers: Customer[] = [];
  const addresses: Address[] = [];
  const taken = new Set<string>();
  let customerId = CUSTOMER_ID_BASE;
  let addressId = ADDRESS_ID_BASE;

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
    const billing = place(rng);
    const processor = processorFor(rng);
    const invalid = processor === null || rng.chance(0.05);
    const subscriptions = rng.chance(0.06) ? 0 : rng.between(1, rng.chance(0.8) ? 2 : 6);
    const inactive = subscriptions === 0 || rng.chance(0.1);
    const marketing = rng.next();

    const customer: Customer = {
      id: customerId,
      hash: `${rng.hex32()}${rng.hex32()}`.slice(0, 15 + rng.int(2)),
      email: emailFor(rng, firstIndex, lastIndex, taken),
      first_name: firstName,
      last_name: lastName,
      phone: rng.chance(0.8) ? billing.phone : null,
      shopify_customer_id: rng.chance(0.92) ? `${rng.between(1, 8)}${digits(rng, 12)}` : null,
      accepts_marketing: marketing < 0.45 ? 0 : marketing < 0.9 ? 1 : null,
      billing_address1: billing.address1,
      billing_address2: billing.address2,
      billing_zip: billing.zip,
      billing_city: billing.city,
      billing_company: rng.chance(0.15) ? company(rng) : null,
      billing_province: billing.province,
      billing_country: billing.country,
      billing_phone: rng.chance(0.7) ? billing.phone : null,
      processor_type: processor,
      status: inactive ? 'INACTIVE' : 'ACTIVE',
      has_valid_payment_method: !invalid,
      reason_payment_method_not_valid: invalid ? rng.pick(INVALID_PAYMENT_REASONS) : null,
      has_card_error_in_dunning: invalid ? rng.chance(0.4) : rng.chance(0.005),
      number_active_subscriptions: inactive ? 0 : rng.between(1, subscriptions),
      number_subscriptions: subscriptions,
      first_charge_processed_at:
        subscriptions > 0 ? formatWallSecond(created + rng.between(5, 600)) : null,
      created_at: formatWallSecond(created),
      updated_at: formatWallSecond(updated),
    };
    customers.push(customer);

    const addressTotal = addressCount(rng);
    for (let a = 0; a < addressTotal; a += 1) {
      addressId += 1;
      const delivery = a === 0 && rng.chance(0.7) ? billing : place(rng);
      const addressCreated = Math.min(created + a * rng.between(60, 86400 * 30), until);
      const addressUpdated = rng.chance(0.5)
        ? addressCreated
        : addressCreated + Math.floor(rng.next() * (until - addressCreated));
      const shipping = rng.pick(SHIPPING_METHODS);
      const giftee = a > 0 && rng.chance(0.3);
      addresses.push({
        id: addressId,
        customer_id: customerId,
        address1: delivery.address1,
        address2: delivery.address2,
        city: delivery.city,
        province: delivery.province,
        zip: delivery.zip,
        country: delivery.country,
        company: rng.chance(0.1) ? company(rng) : null,
        phone: rng.chance(0.75) ? delivery.phone : null,
        first_name: giftee ? rng.pick(FIRST_NAMES) : firstName,
        last_name: giftee ? rng.pick(LAST_NAMES) : lastName,
        cart_attributes: attributes(rng, 0.15),
        note_attributes: attributes(rng, 0.1),
        cart_note: rng.chance(0.05) ? 'Please ring the bell' : null,
        discount_id: rng.chance(0.03) ? rng.between(1_000_000, 9_999_999) : null,
        shipping_lines_override: null,
        original_shipping_lines: [{ code: shipping[0], price: shipping[1], title: shipping[2] }],
        presentment_currency: delivery.currency,
        created_at: formatWallSecond(addressCreated),
        updated_at: formatWallSecond(addressUpdated),
      });
    }
  }
  return { customers, addresses };
}
