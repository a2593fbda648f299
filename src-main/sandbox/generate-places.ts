// Fake places, phones, companies and emails for the generator, drawn from one seeded PRNG.
import { countryByName, PROVINCES } from '../../src-shared/geo/countries.ts';
import type { Rng } from './prng.ts';
import {
  AU_CITIES,
  CA_CITIES,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  LAST_NAMES,
  OTHER_COUNTRIES,
  STREET_NAMES,
  STREET_SUFFIXES,
  UK_CITIES,
  UNIT_PREFIXES,
  US_AREA_CODES,
  US_CITIES,
} from './generator-data.ts';

export interface Place {
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  zip: string;
  country: string;
  country_code: string;
  currency: string;
  phone: string;
}

const provinceName = (country: string, code: string): string =>
  PROVINCES[country]?.find((province) => province.code === code)?.name ?? code;

const codes = new Map<string, string>();
function codeOf(country: string): string {
  let code = codes.get(country);
  if (code === undefined) {
    code = countryByName(country)?.code ?? country.slice(0, 2).toUpperCase();
    codes.set(country, code);
  }
  return code;
}

export const digits = (rng: Rng, count: number): string => {
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

type Local = Omit<Place, 'address1' | 'address2' | 'country_code'>;

function local(rng: Rng, roll: number): Local {
  const pick = () => LETTERS.charAt(rng.int(LETTERS.length));
  if (roll < 0.7) {
    const [city, state, zip3] = rng.pick(US_CITIES);
    return {
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
    return {
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
    return {
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
    city: rng.pick(other.cities),
    province: null,
    zip: other.zipDigits === 0 ? `D${rng.between(1, 24)}` : digits(rng, other.zipDigits),
    country: other.country,
    currency: other.currency,
    phone: `+${other.dial} ${digits(rng, 2)} ${digits(rng, 4)} ${digits(rng, 4)}`,
  };
}

/** A street address: 70% in the US, then Canada, the UK, Australia and 15 more countries. */
export function place(rng: Rng): Place {
  const roll = rng.next();
  const { address1, address2 } = street(rng);
  const rest = local(rng, roll);
  return { address1, address2, ...rest, country_code: codeOf(rest.country) };
}

export function company(rng: Rng): string {
  return `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)}`;
}

const slug = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

const FIRST_SLUGS = FIRST_NAMES.map(slug);
const LAST_SLUGS = LAST_NAMES.map(slug);

export function emailFor(rng: Rng, first: number, last: number, taken: Set<string>): string {
  const f = FIRST_SLUGS[first] ?? 'customer';
  const l = LAST_SLUGS[last] ?? 'customer';
  const domain = rng.pick(EMAIL_DOMAINS);
  const localPart = [`${f}.${l}`, `${f}${l}`, `${f.charAt(0)}${l}`, `${f}_${l}`, `${l}.${f}`][
    rng.int(5)
  ];
  let email = `${localPart}@${domain}`;
  // Collisions get a number, as people do; drawn from the PRNG so the result stays deterministic.
  while (taken.has(email)) email = `${localPart}${rng.between(1, 9999)}@${domain}`;
  taken.add(email);
  return email;
}
