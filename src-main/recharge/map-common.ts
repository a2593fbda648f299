// Small conversions both version adapters use on their way to the domain model.
import { countryByCode, countryByName } from '../../src-shared/geo/countries.ts';
import { toUtcInstant } from '../../src-shared/time/eastern.ts';
import { AppError } from '../../src-shared/errors.ts';

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
