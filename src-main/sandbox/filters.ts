// List filters for customers and addresses, parsed from query parameters into row predicates.
// Timestamps compare as wall seconds; `_min` and `_max` are both inclusive.
import type { Address, Customer } from '../../src-shared/recharge/wire.ts';
import type { FieldErrors, Parsed } from './paging.ts';
import type { Row } from './table.ts';
import { parseWallSecond } from './timestamps.ts';

export const TIME_FILTERS = [
  'created_at_min',
  'created_at_max',
  'updated_at_min',
  'updated_at_max',
] as const;
export const CUSTOMER_FILTERS = [
  'email',
  'status',
  'ids',
  'shopify_customer_id',
  'hash',
  ...TIME_FILTERS,
] as const;
export const ADDRESS_FILTERS = ['customer_id', 'ids', ...TIME_FILTERS] as const;

type Predicate<T> = (row: Row<T>) => boolean;

function parseIds(raw: string, errors: FieldErrors): Set<number> | null {
  const parts = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0 || parts.some((part) => !/^\d+$/.test(part))) {
    errors['ids'] = ['Must be a comma-separated list of integer ids.'];
    return null;
  }
  return new Set(parts.map(Number));
}

function timePredicates<T>(
  params: Record<string, string>,
  errors: FieldErrors,
  offsetMinutes: number,
): Predicate<T>[] {
  const predicates: Predicate<T>[] = [];
  for (const name of TIME_FILTERS) {
    const raw = params[name];
    if (raw === undefined) continue;
    const wall = parseWallSecond(raw, offsetMinutes);
    if (wall === null) {
      errors[name] = ['Not a valid datetime (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS).'];
      continue;
    }
    const created = name.startsWith('created');
    const min = name.endsWith('_min');
    predicates.push((row) => {
      const value = created ? row.created : row.updated;
      return min ? value >= wall : value <= wall;
    });
  }
  return predicates;
}

function combine<T>(predicates: Predicate<T>[]): Predicate<T> {
  if (predicates.length === 0) return () => true;
  return (row) => {
    for (const predicate of predicates) if (!predicate(row)) return false;
    return true;
  };
}

export function parseCustomerFilters(
  params: Record<string, string>,
  offsetMinutes: number,
): Parsed<Predicate<Customer>> {
  const errors: FieldErrors = {};
  const predicates = timePredicates<Customer>(params, errors, offsetMinutes);
  const { email, status, ids, shopify_customer_id: shopifyId, hash } = params;
  if (email !== undefined) {
    const wanted = email.trim().toLowerCase();
    predicates.push((row) => row.data.email.toLowerCase() === wanted);
  }
  if (status !== undefined) {
    const wanted = status.toUpperCase();
    if (wanted !== 'ACTIVE' && wanted !== 'INACTIVE')
      errors['status'] = ['Must be one of: ACTIVE, INACTIVE.'];
    predicates.push((row) => row.data.status === wanted);
  }
  if (ids !== undefined) {
    const set = parseIds(ids, errors);
    if (set) predicates.push((row) => set.has(row.data.id));
  }
  if (shopifyId !== undefined) predicates.push((row) => row.data.shopify_customer_id === shopifyId);
  if (hash !== undefined) predicates.push((row) => row.data.hash === hash);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: combine(predicates) };
}

export function parseAddressFilters(
  params: Record<string, string>,
  offsetMinutes: number,
): Parsed<Predicate<Address>> {
  const errors: FieldErrors = {};
  const predicates = timePredicates<Address>(params, errors, offsetMinutes);
  const { customer_id: customerId, ids } = params;
  if (customerId !== undefined) {
    if (!/^\d+$/.test(customerId)) errors['customer_id'] = ['Not a valid integer.'];
    const wanted = Number(customerId);
    predicates.push((row) => row.data.customer_id === wanted);
  }
  if (ids !== undefined) {
    const set = parseIds(ids, errors);
    if (set) predicates.push((row) => set.has(row.data.id));
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: combine(predicates) };
}
