// What the full-text index holds for one customer: its own fields plus its delivery addresses',
// grouped in a few columns so a query can aim at one (phone digits) or all of them.
import { CUSTOMER_IDENTITY, PERSON_NAME } from '../../src-shared/customers/field-groups.ts';
import { BILLING_PLACE, type Address, type Customer } from '../../src-shared/customers/model.ts';
import { digitsOf } from './phone-digits.ts';

const ADDRESS_PLACE = ['city', 'zip', 'company'] as const;

/** The customer's columns a document is made of (the index reads just these). */
export const CUSTOMER_SEARCH_FIELDS = [
  'id',
  ...CUSTOMER_IDENTITY,
  'billing_phone',
  'external_customer_id',
  ...BILLING_PLACE,
] as const;
export type CustomerSearchFields = Pick<Customer, (typeof CUSTOMER_SEARCH_FIELDS)[number]>;

/** A delivery address's columns the document of its customer takes. */
export const ADDRESS_SEARCH_FIELDS = [...PERSON_NAME, 'phone', ...ADDRESS_PLACE] as const;
export type AddressSearchFields = Pick<Address, (typeof ADDRESS_SEARCH_FIELDS)[number]>;

export interface SearchDocument {
  name: string;
  email: string;
  phone: string;
  place: string;
  ids: string;
}

/** The values that hold text, trimmed, each once, in the order first seen. */
const joinUnique = (values: (string | null | undefined)[]): string =>
  [...new Set(values.map((value) => value?.trim()).filter(Boolean))].join(' | ');

const fullName = (p: Pick<Customer, 'first_name' | 'last_name'>) =>
  `${p.first_name ?? ''} ${p.last_name ?? ''}`;

export function searchDocument(
  customer: CustomerSearchFields,
  addresses: readonly AddressSearchFields[] = [],
): SearchDocument {
  const phones = [customer.phone, customer.billing_phone, ...addresses.map((a) => a.phone)];
  return {
    name: joinUnique([customer, ...addresses].map(fullName)),
    email: customer.email ?? '',
    phone: joinUnique(phones.map((phone) => digitsOf(phone))),
    place: joinUnique([
      ...BILLING_PLACE.map((field) => customer[field]),
      ...addresses.flatMap((a) => ADDRESS_PLACE.map((field) => a[field])),
    ]),
    ids: joinUnique([String(customer.id), customer.external_customer_id, customer.hash]),
  };
}
