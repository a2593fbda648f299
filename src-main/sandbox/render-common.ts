// What both API versions send alike, in the order both send it. Each dialect's renderer
// (render-2021-01.ts, render-2021-11.ts) places these among the fields it names its own way.
import type { SbAddress, SbCustomer } from './model.ts';

/** A customer's first keys in either version: who it is. */
export const customerIdentity = (c: SbCustomer) => ({
  id: c.id,
  hash: c.hash,
  email: c.email,
  first_name: c.first_name,
  last_name: c.last_name,
  phone: c.phone,
});

/** An address's street, sent before its country in either version. */
const streetOf = (a: SbAddress) => ({
  address1: a.address1,
  address2: a.address2,
  city: a.city,
  province: a.province,
  zip: a.zip,
});

/** Who an address is for, sent after its country in either version. */
const recipientOf = (a: SbAddress) => ({
  company: a.company,
  phone: a.phone,
  first_name: a.first_name,
  last_name: a.last_name,
});

/**
 * An address's first keys in either version: its ids, the links the version adds, the street,
 * the country as the version names it, and who it is for.
 */
export const addressHead = <L extends object, C extends object>(
  a: SbAddress,
  links: L,
  country: C,
) => ({
  id: a.id,
  customer_id: a.customer_id,
  ...links,
  ...streetOf(a),
  ...country,
  ...recipientOf(a),
});

/** The given keys of a record, in that order (an undefined one stays out of the JSON). */
export function pick<T extends object, K extends keyof T>(
  record: T,
  keys: readonly K[],
): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, record[key]])) as Pick<T, K>;
}
