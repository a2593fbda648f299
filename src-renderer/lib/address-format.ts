import type { StreetLine } from '../../src-shared/customers/field-groups.ts';
import {
  countryByCode,
  countryByName,
  PROVINCES,
  type Country,
} from '../../src-shared/geo/countries.ts';

/** A postal address as the screens know it; every part may be missing. */
export type PostalAddress = { [P in 'company' | StreetLine | 'phone']?: string | null } & {
  name?: string | null;
  /** A country name (2021-01) or, where that is all there is, an ISO code. */
  country?: string | null;
  countryCode?: string | null;
};

const clean = (value: string | null | undefined): string => value?.trim() ?? '';
const join = (parts: string[], separator: string): string => parts.filter(Boolean).join(separator);

function countryOf(address: PostalAddress): Country | undefined {
  const code = clean(address.countryCode);
  const name = clean(address.country);
  return (
    (code ? countryByCode(code) : undefined) ??
    (name
      ? (countryByName(name) ?? (name.length === 2 ? countryByCode(name) : undefined))
      : undefined)
  );
}

/** "Oregon" → "OR" in the countries whose addresses use the short form. */
function provinceCode(country: Country, province: string): string {
  const match = PROVINCES[country.name]?.find(
    (p) => p.name.toLowerCase() === province.toLowerCase() || p.code === province.toUpperCase(),
  );
  return match?.code ?? province;
}

/** One line of an address and the parts it was made of (to mark a line whose value is pending). */
export interface PostalLine {
  text: string;
  parts: (keyof PostalAddress)[];
}

const line = (text: string, ...parts: (keyof PostalAddress)[]): PostalLine => ({ text, parts });

/** The line with the city, in the order the country's post writes it. */
function localityLines(country: Country | undefined, a: PostalAddress): PostalLine[] {
  const city = clean(a.city);
  const province = clean(a.province);
  const zip = clean(a.zip);
  switch (country?.code) {
    case 'US':
    case 'CA':
      return [
        line(
          join([city, join([provinceCode(country, province), zip], ' ')], ', '),
          'city',
          'province',
          'zip',
        ),
      ];
    case 'AU':
      return [
        line(join([city, provinceCode(country, province), zip], ' '), 'city', 'province', 'zip'),
      ];
    case 'GB':
    case 'IE':
      return [line(city, 'city'), line(province, 'province'), line(zip, 'zip')];
    default:
      // Most of Europe (DE, FR, DK, …) writes the postcode before the city.
      return [line(join([zip, city], ' '), 'zip', 'city'), line(province, 'province')];
  }
}

/** The address as the lines of an envelope with their parts, empty lines left out. */
export function postalLineParts(address: PostalAddress): PostalLine[] {
  const country = countryOf(address);
  const countryName = country?.name ?? (clean(address.country) || clean(address.countryCode));
  return [
    line(clean(address.name), 'name'),
    line(clean(address.company), 'company'),
    line(join([clean(address.address1), clean(address.address2)], ', '), 'address1', 'address2'),
    ...localityLines(country, address),
    line(countryName, 'country', 'countryCode'),
    line(clean(address.phone), 'phone'),
  ].filter((l) => l.text !== '');
}

/** The address as the lines of an envelope, empty lines left out; country by its full name. */
export function postalLines(address: PostalAddress): string[] {
  return postalLineParts(address).map((l) => l.text);
}
