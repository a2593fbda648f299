// Small conversions both version adapters use on their way to the domain model.
import { countryByCode, countryByName } from '../../src-shared/geo/countries.ts';
import { toUtcInstant } from '../../src-shared/time/eastern.ts';
import { AppError } from '../../src-shared/errors.ts';
import {
  ADDRESS_LINES,
  CUSTOMER_IDENTITY,
  pick,
  type AddressLine,
  type CustomerIdentity,
  type Timestamp,
} from '../../src-shared/customers/field-groups.ts';

/** Keeps "absent" (undefined) apart from "null" and maps a present value. */
export function present<T, U>(value: T | null | undefined, map: (v: T) => U): U | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  return map(value);
}

export const instant = (value: string | null | undefined) => present(value, toUtcInstant);

export const text = (value: string | number | null | undefined) => present(value, String);

/** `0`/`1`/booleans as a boolean. */
export const flag = (value: 0 | 1 | boolean | null | undefined) =>
  present(value, (v) => v === true || v === 1);

export function integer(value: number | string | null | undefined): number | null | undefined {
  return present(value, (v) => {
    const n = typeof v === 'number' ? v : Number.parseInt(v, 10);
    return Number.isInteger(n) ? n : null;
  });
}

/** A country's name (as 2021-01 writes it) from its ISO code; unknown codes stay as they are. */
export const countryNameOf = (code: string | null | undefined) =>
  present(code, (c) => countryByCode(c.toUpperCase())?.name ?? c);

export const countryCodeOf = (name: string | null | undefined) =>
  present(
    name,
    (n) => countryByName(n)?.code ?? (/^[A-Za-z]{2}$/.test(n) ? n.toUpperCase() : null),
  );

/** The ISO code 2021-11 needs for a country a form named; refuses names it cannot map. */
export function requireCountryCode(field: string, name: string | null): string | null {
  if (name === null) return null;
  const code = countryCodeOf(name);
  if (code) return code;
  throw new AppError('validation', `"${name}" is not a country this app can send to ReCharge.`, {
    fieldErrors: { [field]: ['Pick a country from the list.'] },
  });
}

/** Drops the keys whose value is undefined (zod leaves them on optional fields). */
export function defined<T extends object>(value: T): T {
  const out = {} as T;
  for (const [key, v] of Object.entries(value) as [keyof T, T[keyof T]][]) {
    if (v !== undefined) out[key] = v;
  }
  return out;
}

type WireText<K extends string> = { [P in K]?: string | null };

/** The values of `names` in a wire object, those it leaves out as null. */
export function orNull<K extends string>(w: WireText<K>, names: readonly K[]) {
  const out = {} as Record<K, string | null>;
  for (const name of names) out[name] = w[name] ?? null;
  return out;
}

/** The timestamps of a wire object as UTC instants. */
export function instants(w: WireText<Timestamp>) {
  return { created_at: instant(w.created_at), updated_at: instant(w.updated_at) };
}

/** A customer's fields both versions send alike; the rest is named per version. */
export function customerBasics(
  w: { id: number } & WireText<CustomerIdentity | Timestamp | 'first_charge_processed_at'>,
) {
  return {
    id: w.id,
    ...pick(w, CUSTOMER_IDENTITY),
    first_charge_processed_at: instant(w.first_charge_processed_at),
    ...instants(w),
  };
}

/** An address's fields both versions send alike; the country comes per version. */
export function addressLines(
  w: { id: number; customer_id: number } & WireText<AddressLine | Timestamp>,
) {
  return { id: w.id, customer_id: w.customer_id, ...pick(w, ADDRESS_LINES), ...instants(w) };
}
