import { describe, expect, it } from 'vitest';
import { generateCustomers, generateModel } from '../../../src-main/sandbox/generate.ts';
import * as w0101 from '../../../src-shared/recharge/wire-2021-01.ts';
import * as w2111 from '../../../src-shared/recharge/wire-2021-11.ts';
import { COUNTRIES, PROVINCES } from '../../../src-shared/geo/countries.ts';

/** The data as JSON would carry it: absent keys gone. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('generateCustomers', () => {
  it('same seed gives byte-identical JSON; different seeds differ', () => {
    const a = JSON.stringify(generateCustomers(42, 500));
    const b = JSON.stringify(generateCustomers(42, 500));
    const c = JSON.stringify(generateCustomers(43, 500));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(JSON.stringify(generateModel(42, 500))).toBe(JSON.stringify(generateModel(42, 500)));
    const full = JSON.stringify(generateCustomers(42, 500, { sparse: false }));
    expect(full).toBe(JSON.stringify(generateCustomers(42, 500, { sparse: false })));
  });

  it('turning sparsity off fills in the same records and changes nothing else', () => {
    const sparse = generateModel(8, 400);
    const full = generateModel(8, 400, { sparse: false });
    const ids = (m: typeof sparse) =>
      [m.customers, m.addresses, m.paymentMethods].map((rows) => rows.map((r) => r.data.id));
    expect(ids(full)).toEqual(ids(sparse));
    expect(full.customers.map((r) => [r.data.email, r.created, r.updated])).toEqual(
      sparse.customers.map((r) => [r.data.email, r.created, r.updated]),
    );
  });

  it('produces valid wire objects: 2021-01 customers and addresses, 2021-11 methods', () => {
    const { customers, addresses, paymentMethods } = wire(generateCustomers(1, 2000));
    for (const customer of customers) w0101.Customer.parse(customer);
    for (const address of addresses) w0101.Address.parse(address);
    for (const method of paymentMethods) w2111.PaymentMethod.parse(method);
    expect(customers).toHaveLength(2000);
  });

  it('has unique emails, rising ids and created_at, newest = highest id', () => {
    const { customers } = generateModel(2, 5000);
    expect(new Set(customers.map((c) => c.data.email)).size).toBe(5000);
    for (let i = 1; i < customers.length; i += 1) {
      const previous = customers[i - 1];
      const current = customers[i];
      if (!previous || !current) continue;
      expect(current.data.id).toBeGreaterThan(previous.data.id);
      expect(current.created).toBeGreaterThanOrEqual(previous.created);
      expect(current.updated).toBeGreaterThanOrEqual(current.created);
    }
  });

  it('looks realistic in aggregate (every key present)', () => {
    const { customers, addresses } = generateCustomers(3, 10_000, { sparse: false });
    const share = (predicate: (c: w0101.Customer) => boolean) =>
      customers.filter(predicate).length / customers.length;
    expect(share((c) => c.status === 'ACTIVE')).toBeGreaterThan(0.7);
    expect(share((c) => c.processor_type === 'stripe')).toBeGreaterThan(0.6);
    for (const processor of ['braintree', 'paypal', 'authorizedotnet', 'shopify_payments']) {
      expect(
        share((c) => c.processor_type === processor),
        processor,
      ).toBeGreaterThan(0.01);
    }
    expect(share((c) => c.processor_type === null)).toBeGreaterThan(0.01);
    const invalid = share((c) => !c.has_valid_payment_method);
    expect(invalid).toBeGreaterThan(0.03);
    expect(invalid).toBeLessThan(0.12);
    const invalids = customers.filter((c) => !c.has_valid_payment_method);
    expect(invalids.every((c) => c.reason_payment_method_not_valid)).toBe(true);
    expect(share((c) => c.has_card_error_in_dunning === true)).toBeGreaterThan(0);
    expect(share((c) => c.shopify_customer_id === null)).toBeGreaterThan(0.02);
    expect(
      customers.every(
        (c) => c.shopify_customer_id === null || /^\d+$/.test(String(c.shopify_customer_id)),
      ),
    ).toBe(true);
    expect(share((c) => c.billing_company !== null)).toBeGreaterThan(0.05);
    const names = new Set(COUNTRIES.map((country) => country.name));
    const billed = customers.filter((c) => c.processor_type !== null);
    expect(billed.every((c) => names.has(c.billing_country ?? ''))).toBe(true);
    const us = customers.filter((c) => c.billing_country === 'United States');
    const states = new Set(PROVINCES['United States']?.map((p) => p.name));
    expect(us.every((c) => states.has(c.billing_province ?? ''))).toBe(true);
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

  it('gives customers none, one or several payment methods, exactly one default', () => {
    const { customers, paymentMethods } = generateModel(4, 5000);
    const byCustomer = new Map<number, (typeof paymentMethods)[number]['data'][]>();
    for (const { data } of paymentMethods) {
      byCustomer.set(data.customer_id, [...(byCustomer.get(data.customer_id) ?? []), data]);
    }
    const counts = customers.map((c) => byCustomer.get(c.data.id)?.length ?? 0);
    for (const n of [0, 1, 2, 3])
      expect(counts.filter((c) => c === n).length, `${n}`).toBeGreaterThan(20);
    for (const methods of byCustomer.values()) {
      expect(methods.filter((m) => m.is_default)).toHaveLength(1);
    }
    const methods = paymentMethods.map((row) => row.data);
    expect(methods.some((m) => m.processor_name === 'shopify_payments')).toBe(true);
    const paypal = methods.filter((m) => m.payment_type === 'PAYPAL');
    expect(paypal.length).toBeGreaterThan(50);
    expect(paypal.every((m) => !m.payment_details?.last4)).toBe(true);
    expect(paypal.some((m) => typeof m.payment_details?.paypal_email === 'string')).toBe(true);
    const invalid = methods.filter((m) => m.status === 'invalid');
    expect(invalid.length).toBeGreaterThan(20);
    expect(invalid.some((m) => typeof m.status_reason === 'string')).toBe(true);
    expect(methods.some((m) => m.payment_type === 'APPLE_PAY')).toBe(true);
  });

  it('lets a few 2021-01 customers carry their processor token, as some real stores do', () => {
    const { customers } = wire(generateCustomers(5, 3000));
    const leaking = customers.filter((c) =>
      Object.keys(c).some((key) => key.endsWith('_customer_token')),
    );
    expect(leaking.length).toBeGreaterThan(30);
    expect(leaking.length).toBeLessThan(200);
  });
});
