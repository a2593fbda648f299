import { describe, expect, it } from 'vitest';
import type { SbAddress, SbCustomer, SbPaymentMethod } from '../../../src-main/sandbox/model.ts';
import { address0101, customer0101 } from '../../../src-main/sandbox/render-2021-01.ts';
import {
  address2111,
  customer2111,
  paymentMethod2111,
} from '../../../src-main/sandbox/render-2021-11.ts';
import type { Row } from '../../../src-main/sandbox/table.ts';
import { parseRechargeTimestamp } from '../../../src-shared/time/eastern.ts';

const JANUARY = Date.UTC(2025, 0, 15, 17, 30, 5) / 1000;
const JULY = Date.UTC(2025, 6, 15, 17, 30, 5) / 1000;

const customer: SbCustomer = {
  id: 7,
  hash: 'abc',
  email: 'a@example.com',
  first_name: 'A',
  last_name: 'B',
  phone: null,
  external_customer_id: '123',
  accepts_marketing: 1,
  tax_exempt: false,
  apply_credit_to_next_recurring_charge: false,
  analytics_data: { utm_params: [] },
  status: 'ACTIVE',
  has_valid_payment_method: true,
  reason_payment_method_not_valid: null,
  in_dunning: false,
  subscriptions_active: 1,
  subscriptions_total: 2,
  first_charge_processed_at: JANUARY,
  sends_token: true,
};

const method: SbPaymentMethod = {
  id: 9,
  customer_id: 7,
  is_default: true,
  payment_type: 'CREDIT_CARD',
  processor_name: 'authorize',
  processor_customer_token: '123456789',
  processor_payment_method_token: '987654321',
  status: 'valid',
  status_reason: null,
  payment_details: { brand: 'visa', last4: '4242', exp_month: 1, exp_year: 2030 },
  billing_address: {
    address1: '1 Main St',
    city: 'Toronto',
    province: 'Ontario',
    zip: 'M5V 1A1',
    country: 'Canada',
    country_code: 'CA',
  },
};

const address: SbAddress = { id: 11, customer_id: 7, country: 'Germany', country_code: 'DE' };

const row = <T>(data: T, created: number, updated: number): Row<T> => ({
  data,
  created,
  updated,
  rev: 1,
});

describe('2021-01 rendering', () => {
  it('writes naive US-Eastern time that converts back to the same instant in winter and summer', () => {
    const rendered = customer0101(row(customer, JANUARY, JULY), method);
    expect(rendered.created_at).toBe('2025-01-15T12:30:05');
    expect(rendered.updated_at).toBe('2025-07-15T13:30:05');
    expect(parseRechargeTimestamp(rendered.created_at ?? '')).toBe(JANUARY);
    expect(parseRechargeTimestamp(rendered.updated_at ?? '')).toBe(JULY);
  });

  it('takes billing and processor from the default method, and may carry its token', () => {
    const rendered = customer0101(row(customer, JANUARY, JANUARY), method);
    expect(rendered).toMatchObject({
      billing_address1: '1 Main St',
      billing_country: 'Canada',
      billing_phone: undefined,
      processor_type: 'authorizedotnet',
      authorizedotnet_customer_token: '123456789',
      shopify_customer_id: '123',
    });
    const none = customer0101(
      row({ ...customer, sends_token: false }, JANUARY, JANUARY),
      undefined,
    );
    expect(none.billing_city).toBeNull();
    expect(none.processor_type).toBeNull();
    expect(Object.keys(JSON.parse(JSON.stringify(none)) as object)).not.toContain(
      'authorizedotnet_customer_token',
    );
  });

  it('sends country names on addresses', () => {
    expect(address0101(row(address, JULY, JULY)).country).toBe('Germany');
  });
});

describe('2021-11 rendering', () => {
  it('customers: no billing, status or token; timestamps naive or +00:00 by switch', () => {
    const offset = customer2111(row(customer, JANUARY, JULY), 'offset');
    const keys = Object.keys(offset);
    expect(keys.filter((k) => k.startsWith('billing_') || k.endsWith('_token'))).toEqual([]);
    expect(keys).not.toContain('status');
    expect(offset.external_customer_id).toEqual({ ecommerce: '123' });
    expect(offset.updated_at).toBe('2025-07-15T17:30:05+00:00');
    const naive = customer2111(row(customer, JANUARY, JULY), 'naive');
    expect(naive.updated_at).toBe('2025-07-15T13:30:05');
    for (const text of [offset.updated_at, naive.updated_at]) {
      expect(parseRechargeTimestamp(text ?? '')).toBe(JULY);
    }
  });

  it('addresses carry country codes and +00:00; methods carry billing and tokens', () => {
    const rendered = address2111(row(address, JANUARY, JULY));
    expect(rendered.country_code).toBe('DE');
    expect('country' in rendered).toBe(false);
    expect(rendered.created_at).toBe('2025-01-15T17:30:05+00:00');
    const m = paymentMethod2111(row(method, JANUARY, JULY));
    expect(m).toMatchObject({
      default: true,
      processor_customer_token: '123456789',
      billing_address: { country_code: 'CA', city: 'Toronto' },
    });
    expect(m.billing_address && 'country' in m.billing_address).toBe(false);
  });
});
