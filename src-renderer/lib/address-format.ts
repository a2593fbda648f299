import {
  countryByCode,
  countryByName,
  PROVINCES,
  type Country,
} from '../../src-shared/geo/countries.ts';

/** A postal address as the screens know it; every part may be missing. */
export interface PostalAddress {
  name?: string | null;
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  zip?: string | null;
  /** A country name (2021-01) or, where that is all there is, an ISO code. */
  country?: string | null;
  countryCode?: string | null;
  phone?: string | null;
}

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

/** The line with the city, in the order the country's post writes it. */
function localityLines(country: Country | undefined, a: PostalAddress): string[] {
  const city = clean(a.city);
  const province = clean(a.province);
  const zip = clean(a.zip);
  switch (country?.code) {
    case 'US':
    case 'CA':
      return [join([city, join([provinceCode(country, province), zip], ' ')], ', ')];
    case 'AU':
      return [join([city, provinceCode(country, province), zip], ' ')];
    case 'GB':
    case 'IE':
      return [city, province, zip];
    default:
      // Most of Europe (DE, FR, DK, …) writes the postcode before the city.
      return [join([zip, city], ' '), province];
  }
}

/** The address as the lines of an envelope, empty lines left out; country by its full name. */
export function postalLines(address: PostalAddress): string[] {
  const country = countryOf(address);
  const countryName = country?.name ?? (clean(address.country) || clean(address.countryCode));
  return [
    clean(address.name),
    clean(address.company),
    join([clean(address.address1), clean(address.address2)], ', '),
    ...localityLines(country, address),
    countryName,
    clean(address.phone),
  ].filter(Boolean);
}
