// What the full-text index holds for one customer: its own fields plus its delivery addresses',
// grouped in a few columns so a query can aim at one (phone digits) or all of them.
import { digitsOf } from './phone-digits.ts';

export interface CustomerSearchFields {
  id: number;
  hash: string | null;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  billing_phone: string | null;
  external_customer_id: string | null;
  billing_city: string | null;
  billing_zip: string | null;
  billing_company: string | null;
  billing_province: string | null;
}

export interface AddressSearchFields {
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  city: string | null;
  zip: string | null;
  company: string | null;
}

export interface SearchDocument {
  name: string;
  email: string;
  phone: string;
  place: string;
  ids: string;
}

function joinUnique(values: (string | null | undefined)[]): string {
  const seen = new Set<string>();
  for (const value of values) {
    const text = value?.trim();
    if (text) seen.add(text);
  }
  return [...seen].join(' | ');
}

export function searchDocument(
  customer: CustomerSearchFields,
  addresses: readonly AddressSearchFields[] = [],
): SearchDocument {
  return {
    name: joinUnique([
      `${customer.first_name ?? ''} ${customer.last_name ?? ''}`,
      ...addresses.map((a) => `${a.first_name ?? ''} ${a.last_name ?? ''}`),
    ]),
    email: customer.email ?? '',
    phone: joinUnique([
      digitsOf(customer.phone),
      digitsOf(customer.billing_phone),
      ...addresses.map((a) => digitsOf(a.phone)),
    ]),
    place: joinUnique([
      customer.billing_city,
      customer.billing_zip,
      customer.billing_company,
      customer.billing_province,
      ...addresses.flatMap((a) => [a.city, a.zip, a.company]),
    ]),
    ids: joinUnique([String(customer.id), customer.external_customer_id, customer.hash]),
  };
}
