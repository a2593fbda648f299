import {
  mergeAddress,
  mergeCustomer,
  type Address as DomainAddress,
  type Customer as DomainCustomer,
} from '../../src-shared/customers/model.ts';
import type { Address, Customer } from '../../src-shared/recharge/wire-2021-01.ts';
import { addressFacts, customerFacts } from '../../src-main/recharge/v2021-01.ts';

export function sampleCustomer(
  overrides: Partial<Customer> & Record<string, unknown> = {},
): Customer {
  return {
    id: 40_000_001,
    hash: 'a1b2c3d4e5f6a7b8',
    email: 'jane.doe@example.com',
    first_name: 'Jane',
    last_name: 'Doe',
    phone: '(310) 384-3698',
    shopify_customer_id: '5123456789012',
    accepts_marketing: 1,
    billing_address1: '12 Ocean Ave',
    billing_address2: null,
    billing_zip: '90404',
    billing_city: 'Santa Monica',
    billing_company: 'Acme Widgets LLC',
    billing_province: 'California',
    billing_country: 'United States',
    billing_phone: null,
    processor_type: 'stripe',
    status: 'ACTIVE',
    has_valid_payment_method: true,
    reason_payment_method_not_valid: null,
    has_card_error_in_dunning: false,
    number_active_subscriptions: 1,
    number_subscriptions: 1,
    first_charge_processed_at: '2021-01-20T10:20:00',
    created_at: '2021-01-20T10:15:02',
    updated_at: '2021-01-20T10:15:02',
    ...overrides,
  };
}

export function sampleAddress(overrides: Partial<Address> & Record<string, unknown> = {}): Address {
  return {
    id: 90_000_001,
    customer_id: 40_000_001,
    address1: '12 Ocean Ave',
    address2: null,
    city: 'Santa Monica',
    province: 'California',
    zip: '90404',
    country: 'United States',
    company: null,
    phone: null,
    first_name: 'Jane',
    last_name: 'Doe',
    cart_attributes: [],
    note_attributes: [],
    cart_note: null,
    discount_id: null,
    shipping_lines_override: null,
    original_shipping_lines: [{ code: 'Standard', price: '0.00', title: 'Standard' }],
    presentment_currency: 'USD',
    created_at: '2021-01-20T10:15:02',
    updated_at: '2021-01-20T10:15:02',
    ...overrides,
  };
}

/** A 2021-01 sample as the cache holds it (through the version's adapter). */
export function domainCustomer(
  overrides: Partial<Customer> & Record<string, unknown> = {},
): DomainCustomer {
  return mergeCustomer(null, customerFacts(sampleCustomer(overrides)));
}

export function domainAddress(
  overrides: Partial<Address> & Record<string, unknown> = {},
): DomainAddress {
  return mergeAddress(null, addressFacts(sampleAddress(overrides)));
}

/** The billing update of ReCharge's guide (2021-01 `PUT /customers/{id}`), clears included. */
export const GUIDE_BILLING_UPDATE = {
  first_name: 'Mike',
  last_name: 'Flynn',
  billing_address1: '3030 Nebraska Avenue',
  billing_address2: null,
  billing_zip: '90404',
  billing_city: 'Los Angeles',
  billing_company: null,
  billing_province: 'California',
  billing_country: 'United States',
  billing_phone: '3103843698',
};
