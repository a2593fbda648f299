import { describe, expect, it } from 'vitest';
import * as w0101 from '../../../src-shared/recharge/wire-2021-01.ts';
import * as w2111 from '../../../src-shared/recharge/wire-2021-11.ts';
import { ErrorBody, normalizeErrors } from '../../../src-shared/recharge/wire-errors.ts';
import { VALID_METHOD } from './payment-method-body.ts';
import { useSandbox } from './suite-sandbox.ts';

let nowMs = Date.UTC(2026, 2, 1, 12, 0, 0);
const env = useSandbox({ seed: 17, customers: 200, now: () => nowMs }, '2021-11');
const { api } = env;

const errorsOf = (json: unknown) => {
  expect(ErrorBody.safeParse(json).success).toBe(true);
  return normalizeErrors(json).fieldErrors;
};

const customers = () => [...env.sandbox.store.customerTable.rows.keys()];
const withMethods = (n: number, processor?: string) =>
  customers().find((id) => {
    const methods = env.sandbox.store.methodsOf(id);
    return (
      methods.length >= n &&
      (processor === undefined || methods.some((m) => m.data.processor_name === processor))
    );
  }) ?? 0;

describe('GET /payment_methods', () => {
  it('lists a customer’s methods, exactly one default, with the processor tokens', async () => {
    const id = withMethods(2);
    const response = await api(`/payment_methods?customer_id=${id}`);
    const body = w2111.PaymentMethodList.parse(response.json);
    expect(body.payment_methods.map((m) => m.id).sort()).toEqual(env.sandbox.store.methodIdsOf(id));
    expect(body.payment_methods.filter((m) => m.default)).toHaveLength(1);
    expect(body.next_cursor).toBeNull();
    expect(body.payment_methods.some((m) => typeof m.processor_customer_token === 'string')).toBe(
      true,
    );
    const one = body.payment_methods[0];
    const got = await api(`/payment_methods/${one?.id}`);
    expect(w2111.PaymentMethodEnvelope.parse(got.json).payment_method.id).toBe(one?.id);
    expect((await api('/payment_methods/1')).status).toBe(404);
  });

  it('filters by ids and updated_at_min and sorts by updated_at-asc', async () => {
    const ids = env.sandbox.store.methodIdsOf(withMethods(3));
    const byIds = w2111.PaymentMethodList.parse(
      (await api(`/payment_methods?ids=${ids.join(',')}`)).json,
    );
    expect(byIds.payment_methods.map((m) => m.id).sort()).toEqual(ids);
    const sorted = w2111.PaymentMethodList.parse(
      (await api('/payment_methods?sort_by=updated_at-asc&limit=250&updated_at_min=2025-06-01'))
        .json,
    ).payment_methods;
    const times = sorted.map((m) => Date.parse(m.updated_at ?? ''));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t >= Date.parse('2025-06-01T04:00:00Z'))).toBe(true);
  });
});

describe('POST /payment_methods', () => {
  it('answers each documented mistake with a 422 naming the field', async () => {
    const id = withMethods(1);
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [{ ...VALID_METHOD }, 'customer_id', /Missing data/],
      [{ ...VALID_METHOD, customer_id: id, payment_type: undefined }, 'payment_type', /Missing/],
      [
        { ...VALID_METHOD, customer_id: id, processor_name: undefined },
        'processor_name',
        /Missing/,
      ],
      [
        { ...VALID_METHOD, customer_id: id, processor_customer_token: undefined },
        'processor_customer_token',
        /Missing/,
      ],
      [
        { ...VALID_METHOD, customer_id: id, processor_payment_method_token: undefined },
        'processor_payment_method_token',
        /Missing/,
      ],
      [{ ...VALID_METHOD, customer_id: 1 }, 'customer_id', /does not exist/],
      [
        { ...VALID_METHOD, customer_id: id, processor_name: 'paypal' },
        'processor_name',
        /stripe, braintree, authorize, mollie/,
      ],
      [
        { ...VALID_METHOD, customer_id: id, processor_name: 'shopify_payments' },
        'processor_name',
        /read-only/,
      ],
      [{ ...VALID_METHOD, customer_id: id, payment_type: 'CHEQUE' }, 'payment_type', /CREDIT_CARD/],
      [
        { ...VALID_METHOD, customer_id: id, processor_customer_token: 'tok_1N3T00' },
        'processor_customer_token',
        /cus_/,
      ],
      [
        { ...VALID_METHOD, customer_id: id, processor_customer_token: 'cus123' },
        'processor_customer_token',
        /cus_/,
      ],
      [
        { ...VALID_METHOD, customer_id: id, processor_payment_method_token: 'tok_1N3T00' },
        'processor_payment_method_token',
        /tok_/,
      ],
      [
        { ...VALID_METHOD, customer_id: id, billing_address: { city: 5 } },
        'billing_address',
        /city/,
      ],
      [{ ...VALID_METHOD, customer_id: id, card_number: '4242' }, 'card_number', /Unknown field/],
    ];
    for (const [body, field, message] of cases) {
      const response = await api('/payment_methods', {
        method: 'POST',
        body: JSON.parse(JSON.stringify(body)),
      });
      expect(response.status, field).toBe(422);
      const errors = errorsOf(response.json);
      expect(Object.keys(errors), JSON.stringify(body)).toContain(field);
      if (message) expect(errors[field]?.join(' '), field).toMatch(message);
    }
    const array = await api('/payment_methods', { method: 'POST', body: [] });
    expect(errorsOf(array.json)).toEqual({ _schema: ['Invalid input type.'] });
    // Other processors have no prefix rule.
    const braintree = await api('/payment_methods', {
      method: 'POST',
      body: {
        ...VALID_METHOD,
        customer_id: id,
        processor_name: 'braintree',
        processor_customer_token: '123456789',
        processor_payment_method_token: 'tok_abc',
      },
    });
    expect(braintree.status).toBe(201);
  });

  it('default: true replaces the default, bumps the old one, and 2021-01 follows', async () => {
    const id = withMethods(1);
    const old = env.sandbox.store.defaultMethodOf(id);
    if (!old) throw new Error('no default');
    const oldUpdated = old.updated;
    const customerUpdated = env.sandbox.store.customerRow(id)?.updated ?? 0;
    nowMs += 60_000;
    const created = await api('/payment_methods', {
      method: 'POST',
      body: {
        ...VALID_METHOD,
        customer_id: id,
        default: true,
        billing_address: {
          address1: '9 Pine St',
          city: 'Reno',
          zip: '89501',
          country_code: 'US',
          province: 'Nevada',
        },
        retry_charges: true,
      },
    });
    expect(created.status, created.text).toBe(201);
    const method = w2111.PaymentMethodEnvelope.parse(created.json).payment_method;
    expect(method).toMatchObject({
      default: true,
      status: 'valid',
      processor_customer_token: VALID_METHOD.processor_customer_token,
    });
    expect(method.payment_details?.last4).toMatch(/^\d{4}$/);
    const after = env.sandbox.store.methodRow(old.data.id);
    expect(after?.data.is_default).toBe(false);
    expect(after?.updated ?? 0).toBeGreaterThan(oldUpdated);
    const listed = w2111.PaymentMethodList.parse(
      (await api(`/payment_methods?customer_id=${id}`)).json,
    );
    expect(listed.payment_methods.filter((m) => m.default).map((m) => m.id)).toEqual([method.id]);
    const customer = w0101.CustomerEnvelope.parse(
      (await api(`/customers/${id}`, { version: '2021-01' })).json,
    ).customer;
    expect(customer).toMatchObject({
      processor_type: 'stripe',
      billing_city: 'Reno',
      billing_country: 'United States',
      has_valid_payment_method: true,
    });
    expect(env.sandbox.store.customerRow(id)?.updated ?? 0).toBeGreaterThan(customerUpdated);
    expect(env.sandbox.admin.paymentTokenHint(id)).toBe('cus_…6u7');
    const logged = env.sandbox.admin.requests().findLast((entry) => entry.method === 'POST');
    expect(JSON.stringify(logged?.body)).not.toContain(VALID_METHOD.processor_customer_token);
    expect(JSON.stringify(logged?.body)).not.toContain(VALID_METHOD.processor_payment_method_token);
    expect(logged).toMatchObject({ method: 'POST', path: '/payment_methods', version: '2021-11' });
  });

  it('default: false leaves the default where it is', async () => {
    const id = withMethods(1);
    const before = env.sandbox.store.defaultMethodOf(id)?.data.id;
    const created = await api('/payment_methods', {
      method: 'POST',
      body: { ...VALID_METHOD, customer_id: id, default: false },
    });
    expect(w2111.PaymentMethodEnvelope.parse(created.json).payment_method.default).toBe(false);
    expect(env.sandbox.store.defaultMethodOf(id)?.data.id).toBe(before);
  });
});

describe('PUT and DELETE /payment_methods/{id}', () => {
  it('PUT merges a partial billing address and changes the default and processor', async () => {
    const writable = (m: { data: { processor_name: string | null } }) =>
      m.data.processor_name !== 'shopify_payments';
    const id = customers().find((c) => {
      const methods = env.sandbox.store.methodsOf(c);
      return methods.filter(writable).length >= 2 && methods.every(writable);
    });
    const methods = env.sandbox.store.methodsOf(id ?? 0);
    const target = methods.find((m) => !m.data.is_default);
    const current = methods.find((m) => m.data.is_default);
    if (id === undefined || !target || !current) throw new Error('need two writable methods');
    const before = { ...current.data.billing_address };
    const put = await api(`/payment_methods/${current.data.id}`, {
      method: 'PUT',
      body: { billing_address: { city: 'Dayton', zip: '45402' } },
    });
    expect(put.status, put.text).toBe(200);
    const billing = w2111.PaymentMethodEnvelope.parse(put.json).payment_method.billing_address;
    expect(billing).toMatchObject({
      city: 'Dayton',
      zip: '45402',
      address1: before.address1 ?? null,
    });
    expect(env.sandbox.store.customer(id)?.billing_city).toBe('Dayton');
    const switched = await api(`/payment_methods/${target.data.id}`, {
      method: 'PUT',
      body: { default: true, processor_name: 'mollie' },
    });
    expect(w2111.PaymentMethodEnvelope.parse(switched.json).payment_method).toMatchObject({
      default: true,
      processor_name: 'mollie',
    });
    expect(env.sandbox.store.methodRow(current.data.id)?.data.is_default).toBe(false);
    for (const body of [
      { payment_type: 'PAYPAL' },
      { status: 'valid' },
      { processor_customer_token: 'cus_x' },
      {},
    ]) {
      const refused = await api(`/payment_methods/${target.data.id}`, { method: 'PUT', body });
      expect(refused.status, JSON.stringify(body)).toBe(422);
    }
    const badProcessor = await api(`/payment_methods/${target.data.id}`, {
      method: 'PUT',
      body: { processor_name: 'shopify_payments' },
    });
    expect(errorsOf(badProcessor.json)['processor_name']?.[0]).toMatch(/read-only/);
  });

  it('methods processed by shopify_payments are read-only (422)', async () => {
    const id = withMethods(1, 'shopify_payments');
    const method = env.sandbox.store
      .methodsOf(id)
      .find((m) => m.data.processor_name === 'shopify_payments');
    if (!method) throw new Error('no Shopify Payments method');
    const put = await api(`/payment_methods/${method.data.id}`, {
      method: 'PUT',
      body: { billing_address: { city: 'X' } },
    });
    expect(put.status).toBe(422);
    expect(normalizeErrors(put.json).message).toMatch(/shopify_payments are read-only/);
    expect((await api(`/payment_methods/${method.data.id}`, { method: 'DELETE' })).status).toBe(
      422,
    );
    expect((await api(`/payment_methods/${method.data.id}`)).status).toBe(200);
  });

  it('DELETE removes a method (204), then 404', async () => {
    const id = withMethods(2);
    const target = env.sandbox.store
      .methodsOf(id)
      .find((m) => m.data.processor_name !== 'shopify_payments');
    expect((await api(`/payment_methods/${target?.data.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await api(`/payment_methods/${target?.data.id}`)).status).toBe(404);
    expect((await api(`/payment_methods/${target?.data.id}`, { method: 'DELETE' })).status).toBe(
      404,
    );
  });
});
