// Names that every shape of a customer or an address uses alike: the domain model, both API
// versions' wire objects, the forms and the cache's columns. Each shape composes its fields from
// these groups, so a part is named once and the shapes cannot drift apart.

/** A customer's first fields in every version, after its id: who it is. */
export const CUSTOMER_IDENTITY = ['hash', 'email', 'first_name', 'last_name', 'phone'] as const;
export type CustomerIdentity = (typeof CUSTOMER_IDENTITY)[number];

export const PERSON_NAME = ['first_name', 'last_name'] as const;

/** The street part of a postal address, before its country, in every shape of one. */
export const STREET_LINES = ['address1', 'address2', 'city', 'province', 'zip'] as const;
export type StreetLine = (typeof STREET_LINES)[number];

/** What every address shape holds under these names; the country is named per shape. */
export const ADDRESS_LINES = [...PERSON_NAME, 'company', 'phone', ...STREET_LINES] as const;
export type AddressLine = (typeof ADDRESS_LINES)[number];

/** When a record was made and last changed, in every version. */
export const TIMESTAMPS = ['created_at', 'updated_at'] as const;
export type Timestamp = (typeof TIMESTAMPS)[number];

/** An object with each of `names` set to `value`: a zod shape, or a row of nulls. */
export function fieldsOf<const K extends string, const V>(
  names: readonly K[],
  value: V,
): Record<K, V> {
  return Object.fromEntries(names.map((name) => [name, value])) as Record<K, V>;
}

/** The values of `names` in `record`, under the same names. */
export function pick<T extends object, const K extends keyof T>(
  record: T,
  names: readonly K[],
): Pick<T, K> {
  // A plain loop: the adapters run it for every record of a pull.
  const out = {} as Pick<T, K>;
  for (const name of names) out[name] = record[name];
  return out;
}
