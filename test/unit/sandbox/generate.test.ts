import { describe, expect, it } from 'vitest';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import { Address, Customer } from '../../../src-shared/recharge/wire.ts';
import { COUNTRIES, PROVINCES } from '../../../src-shared/geo/countries.ts';

describe('generateCustomers', () => {
  it('same seed gives byte-identical JSON; different seeds differ', () => {
    const a = JSON.stringify(generateCustomers(42, 500));
    const b = JSON.stringify(generateCustomers(42, 500));
    const c = JSON.stringify(generateCustomers(43, 500));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('produces valid 2021-01 wire objects', () => {
    const { customers, addresses } = generateCustomers(1, 2000);
    for (const customer of customers) Customer.parse(customer);
    for (const address of addresses) Address.parse(address);
    expect(customers).toHaveLength(2000);
  });

  it('has unique emails, rising ids and created_at, newest = highest id', () => {
    const { customers } = generateCustomers(2, 5000);
    expect(new Set(customers.map((c) => c.email)).size).toBe(5000);
    for (let i = 1; i < customers.length; i += 1) {
      const previous = customers[i - 1];
      const current = customers[i];
      if (!previous || !current) continue;
      expect(current.id).toBeGreaterThan(previous.id);
      expect(current.created_at >= previous.created_at).toBe(true);
      expect(current.updated_at >= current.created_at).toBe(true);
    }
  });

  it('looks realistic in aggregate', () => {
    const { customers, addresses } = generateCustomers(3, 10_000);
    const share = (predicate: (c: Customer) => boolean) =>
      customers.filter(predicate).length / customers.length;
    expect(share((c) => c.status === 'ACTIVE')).toBeGreaterThan(0.7);
    expect(share((c) => c.processor_type === 'stripe')).toBeGreaterThan(0.6);
    for (const processor of ['braintree', 'paypal', 'authorizedotnet']) {
      expect(share((c) => c.processor_type === processor)).toBeGreaterThan(0.01);
    }
    const invalid = share((c) => !c.has_valid_payment_method);
    expect(invalid).toBeGreaterThan(0.03);
    expect(invalid).toBeLessThan(0.1);
    expect(
      customers
        .filter((c) => !c.has_valid_payment_method)
        .every((c) => c.reason_payment_method_not_valid),
    ).toBe(true);
    expect(share((c) => c.has_card_error_in_dunning)).toBeGreaterThan(0);
    expect(share((c) => c.shopify_customer_id === null)).toBeGreaterThan(0.02);
    expect(
      customers.every((c) => c.shopify_customer_id === null || /^\d+$/.test(c.shopify_customer_id)),
    ).toBe(true);
    expect(share((c) => c.billing_company !== null)).toBeGreaterThan(0.05);
    const names = new Set(COUNTRIES.map((country) => country.name));
    expect(customers.every((c) => c.billing_country !== null && names.has(c.billing_country))).toBe(
      true,
    );
    const us = customers.filter((c) => c.billing_country === 'United States');
    const states = new Set(PROVINCES['United States']?.map((p) => p.name));
    expect(us.every((c) => c.billing_province !== null && states.has(c.billing_province))).toBe(
      true,
    );
    const phones = customers.map((c) => c.phone ?? '');
    for (const pattern of [
      /^\(\d{3}\) \d{3}-\d{4}$/,
      /^\+1 \d{3} \d{3} \d{4}$/,
      /^\d{3}\.\d{3}\.\d{4}$/,
      /^\+44 20 \d{4} \d{4}$/,
    ]) {
      expect(
        phones.some((phone) => pattern.test(phone)),
        String(pattern),
      ).toBe(true);
    }
    const perCustomer = new Map<number, number>();
    for (const address of addresses)
      perCustomer.set(address.customer_id, (perCustomer.get(address.customer_id) ?? 0) + 1);
    expect(Math.max(...perCustomer.values())).toBe(4);
    expect(perCustomer.size).toBeLessThan(customers.length);
    expect(new Set(addresses.map((a) => a.presentment_currency)).size).toBeGreaterThan(3);
  });
});
