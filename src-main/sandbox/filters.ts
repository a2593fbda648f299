// List filters per resource and API version, parsed from query parameters into row predicates.
// Timestamps compare as UTC instants: naive values are US Eastern (daylight saving included),
// values with an offset are taken as written; `_min` and `_max` are both inclusive.
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import type { SbAddress, SbCustomer, SbPaymentMethod } from './model.ts';
import type { FieldErrors, Parsed, Resource } from './paging.ts';
import type { Row } from './table.ts';
import { parseFilterTime } from './timestamps.ts';

type Predicate<T> = (row: Row<T>) => boolean;
type Filter<T> = (raw: string, errors: FieldErrors, name: string) => Predicate<T> | null;
export type Filters<T> = Readonly<Record<string, Filter<T>>>;

function time<T>(created: boolean, min: boolean): Filter<T> {
  return (raw, errors, name) => {
    const second = parseFilterTime(raw);
    if (second === null) {
      errors[name] = ['Not a valid datetime (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS).'];
      return null;
    }
    return (row) => {
      const value = created ? row.created : row.updated;
      return min ? value >= second : value <= second;
    };
  };
}

function ids<T extends { id: number }>(): Filter<T> {
  return (raw, errors, name) => {
    const parts = raw
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    if (parts.length === 0 || parts.some((part) => !/^\d+$/.test(part))) {
      errors[name] = ['Must be a comma-separated list of integer ids.'];
      return null;
    }
    const set = new Set(parts.map(Number));
    return (row) => set.has(row.data.id);
  };
}

function customerId<T extends { customer_id: number }>(): Filter<T> {
  return (raw, errors, name) => {
    if (!/^\d+$/.test(raw)) {
      errors[name] = ['Not a valid integer.'];
      return null;
    }
    const wanted = Number(raw);
    return (row) => row.data.customer_id === wanted;
  };
}

function equals<T>(get: (data: T) => string | null | undefined): Filter<T> {
  return (raw) => (row) => get(row.data) === raw;
}

function common<T extends { id: number }>(): Filters<T> {
  return {
    ids: ids<T>(),
    created_at_min: time<T>(true, true),
    created_at_max: time<T>(true, false),
    updated_at_min: time<T>(false, true),
    updated_at_max: time<T>(false, false),
  };
}

const email: Filter<SbCustomer> = (raw) => {
  const wanted = raw.trim().toLowerCase();
  return (row) => row.data.email.toLowerCase() === wanted;
};

const status: Filter<SbCustomer> = (raw, errors, name) => {
  const wanted = raw.toUpperCase();
  if (wanted !== 'ACTIVE' && wanted !== 'INACTIVE') {
    errors[name] = ['Must be one of: ACTIVE, INACTIVE.'];
    return null;
  }
  return (row) => row.data.status === wanted;
};

const CUSTOMERS_2021_01: Filters<SbCustomer> = {
  email,
  status,
  shopify_customer_id: equals((c) => c.external_customer_id),
  hash: equals((c) => c.hash),
  ...common<SbCustomer>(),
};

const CUSTOMERS_2021_11: Filters<SbCustomer> = {
  email,
  external_customer_id: equals((c) => c.external_customer_id),
  hash: equals((c) => c.hash),
  ...common<SbCustomer>(),
};

const ADDRESSES: Filters<SbAddress> = {
  customer_id: customerId<SbAddress>(),
  ...common<SbAddress>(),
};

const PAYMENT_METHODS: Filters<SbPaymentMethod> = {
  customer_id: customerId<SbPaymentMethod>(),
  ...common<SbPaymentMethod>(),
};

export const customerFilters = (version: ApiVersion): Filters<SbCustomer> =>
  version === '2021-11' ? CUSTOMERS_2021_11 : CUSTOMERS_2021_01;
export const addressFilters = (): Filters<SbAddress> => ADDRESSES;
export const paymentMethodFilters = (): Filters<SbPaymentMethod> => PAYMENT_METHODS;

export function filterNamesOf(resource: Resource, version: ApiVersion): string[] {
  if (resource === 'customers') return Object.keys(customerFilters(version));
  return Object.keys(resource === 'addresses' ? ADDRESSES : PAYMENT_METHODS);
}

/** One predicate for all given filter parameters (unknown names are ignored, as the API does). */
export function parseFilters<T>(
  filters: Filters<T>,
  params: Readonly<Record<string, string>>,
): Parsed<Predicate<T>> {
  const errors: FieldErrors = {};
  const predicates: Predicate<T>[] = [];
  for (const [name, raw] of Object.entries(params)) {
    const predicate = filters[name]?.(raw, errors, name);
    if (predicate) predicates.push(predicate);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: (row) => {
      for (const predicate of predicates) if (!predicate(row)) return false;
      return true;
    },
  };
}
