// Address bodies: 2021-01 names countries and cart/note attributes; 2021-11 takes ISO country
// codes, `order_attributes`/`order_note`, the paying method, and (on create) the customer.
import { countryFromCode, countryFromName } from './model.ts';
import type { AddressPatch } from './store.ts';
import type { Check, Validated, WriteMode } from './validation-core.ts';
import {
  countryCode,
  id,
  nameValues,
  nullableId,
  nullableList,
  nullableText,
  renamed,
  requiredText,
  validateBody,
} from './validation-core.ts';

const PLACE_FIELDS: Record<string, Check> = {
  address1: requiredText,
  address2: nullableText,
  city: requiredText,
  province: nullableText,
  zip: requiredText,
  company: nullableText,
  phone: nullableText,
  first_name: requiredText,
  last_name: requiredText,
  shipping_lines_override: nullableList,
};

const FIELDS_2021_01: Record<string, Check> = {
  ...PLACE_FIELDS,
  country: requiredText,
  cart_attributes: nameValues,
  note_attributes: nameValues,
  cart_note: nullableText,
};

const FIELDS_2021_11: Record<string, Check> = {
  ...PLACE_FIELDS,
  country_code: countryCode,
  order_attributes: nameValues,
  order_note: nullableText,
  presentment_currency: nullableText,
  payment_method_id: nullableId,
};

const REQUIRED = ['address1', 'city', 'first_name', 'last_name', 'zip'];
export const ADDRESS_REQUIRED_2021_01 = [...REQUIRED, 'country'];
export const ADDRESS_REQUIRED_2021_11 = [...REQUIRED, 'country_code', 'customer_id'];

const NAMES_2021_11: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.keys(PLACE_FIELDS).map((field) => [field, field])),
  order_attributes: 'note_attributes',
  order_note: 'cart_note',
  presentment_currency: 'presentment_currency',
  payment_method_id: 'payment_method_id',
};

/** The country's name and code, where a 2021-01 body names the country. */
function withCountryName(values: AddressPatch): AddressPatch {
  if ('country' in values) Object.assign(values, countryFromName(values.country ?? null));
  return values;
}

export function validateAddress2021_01(body: unknown, mode: WriteMode): Validated<AddressPatch> {
  return validateBody(body, {
    checks: FIELDS_2021_01,
    required: mode === 'create' ? ADDRESS_REQUIRED_2021_01 : [],
    mode,
    build: (values) => withCountryName(values as AddressPatch),
  });
}

export interface AddressWrite2021_11 {
  customerId: number | null;
  patch: AddressPatch;
}

export function validateAddress2021_11(
  body: unknown,
  mode: WriteMode,
): Validated<AddressWrite2021_11> {
  return validateBody(body, {
    checks: mode === 'create' ? { ...FIELDS_2021_11, customer_id: id } : FIELDS_2021_11,
    required: mode === 'create' ? ADDRESS_REQUIRED_2021_11 : [],
    mode,
    build: (values) => {
      const patch = renamed(values, NAMES_2021_11) as AddressPatch;
      if ('country_code' in values) {
        Object.assign(patch, countryFromCode((values['country_code'] as string | null) ?? null));
      }
      const customerId = typeof values['customer_id'] === 'number' ? values['customer_id'] : null;
      return { customerId, patch };
    },
  });
}

/** Admin changes use 2021-01's names, plus the 2021-11 country code and paying method. */
export function validateAddressAdmin(body: unknown): Validated<AddressPatch> {
  return validateBody(body, {
    checks: { ...FIELDS_2021_01, country_code: countryCode, payment_method_id: nullableId },
    mode: 'update',
    build: (values, sent) => {
      const patch = withCountryName(values as AddressPatch);
      if ('country_code' in sent) Object.assign(patch, countryFromCode(patch.country_code ?? null));
      return patch;
    },
  });
}
