import { describe, expect, it } from 'vitest';
import { CustomerEnvelope } from '../../../src-shared/recharge/wire-2021-01.ts';
import { normalizeErrors } from '../../../src-shared/recharge/wire-errors.ts';
import { expectErrorShape, useWriteSandbox } from './write-sandbox.ts';
import { GUIDE_BILLING_UPDATE } from '../../helpers/wire-samples.ts';

const env = useWriteSandbox();
const { api, newestId } = env;

const postCustomer = (body: unknown) => api('/customers', { method: 'POST', body });

describe('customer writes', () => {
  it('POST /customers creates (201) and validates with the real error shapes', async () => {
    const created = await postCustomer({
      email: 'new.person@example.com',
      first_name: 'New',
      last_name: 'Person',
      custom: undefined,
    });
    expect(created.status).toBe(201);
    const customer = CustomerEnvelope.parse(created.json).customer;
    expect(customer.shopify_customer_id).toBeNull();
    expect(customer.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);

    const duplicate = await postCustomer({
      email: 'NEW.person@example.com',
      first_name: 'Again',
      last_name: 'Person',
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.json).toEqual({ errors: { email: 'email already exists on store' } });

    const empty = await postCustomer({ email: 'e@example.com', first_name: '', last_name: 'X' });
    expect(empty.status).toBe(422);
    expect(empty.json).toEqual({ errors: { first_name: ['Shorter than minimum length 1.'] } });

    const missing = await postCustomer({ first_name: 'A' });
    expect(missing.status).toBe(422);
    expect(normalizeErrors(missing.json).fieldErrors).toEqual({
      email: ['Missing data for required field.'],
      last_name: ['Missing data for required field.'],
    });

    const badEmail = await postCustomer({ email: 'not-an-email', first_name: 'A', last_name: 'B' });
    expect(badEmail.status).toBe(422);
    expect(normalizeErrors(badEmail.json).fieldErrors['email']).toEqual([
      'Not a valid email address.',
    ]);

    const array = await postCustomer([1, 2]);
    expect(array.status).toBe(422);
    expect(array.json).toEqual({ errors: { _schema: ['Invalid input type.'] } });
  });

  it('POST /customers with a payment token needs write_payments and a customer token', async () => {
    const created = await postCustomer({
      email: 'payer@example.com',
      first_name: 'Pay',
      last_name: 'Er',
      stripe_customer_token: 'cus_Abc123456',
    });
    expect(created.status).toBe(201);
    const customer = CustomerEnvelope.parse(created.json).customer;
    expect(customer.processor_type).toBe('stripe');
    expect(customer.has_valid_payment_method).toBe(true);
    expect('stripe_customer_token' in customer).toBe(false);
  });

  it('PUT /customers/{id} updates billing fields, bumps updated_at, and null clears', async () => {
    const id = newestId();
    const before = CustomerEnvelope.parse((await api(`/customers/${id}`)).json).customer;
    const response = await api(`/customers/${id}`, {
      method: 'PUT',
      body: { ...GUIDE_BILLING_UPDATE, accepts_marketing: 1 },
    });
    expect(response.status).toBe(200);
    const after = CustomerEnvelope.parse(response.json).customer;
    expect(after.billing_city).toBe('Los Angeles');
    expect(after.billing_address2).toBeNull();
    expect(after.accepts_marketing).toBe(1);
    expect((after.updated_at ?? '') > (before.updated_at ?? '')).toBe(true);
    // A second write in the same (frozen) second still moves updated_at forward.
    const again = CustomerEnvelope.parse(
      (await api(`/customers/${id}`, { method: 'PUT', body: { billing_city: 'Santa Monica' } }))
        .json,
    ).customer;
    expect((again.updated_at ?? '') > (after.updated_at ?? '')).toBe(true);
  });

  it('PUT rejects unknown fields, wrong types, a card token, and an empty body', async () => {
    const id = newestId();
    const cases: [unknown, Record<string, string[]>][] = [
      [{ billing_city: 12 }, { billing_city: ['Not a valid string.'] }],
      [{ id: 5 }, { id: ['Unknown field.'] }],
      [{ accepts_marketing: 'yes' }, { accepts_marketing: ['Must be one of: 0, 1, null.'] }],
      [{ first_name: null }, { first_name: ['Field may not be null.'] }],
      [{}, { _schema: ['At least one field is required.'] }],
    ];
    for (const [body, fieldErrors] of cases) {
      const response = await api(`/customers/${id}`, { method: 'PUT', body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(normalizeErrors(response.json).fieldErrors).toEqual(fieldErrors);
    }
    const card = await api(`/customers/${id}`, {
      method: 'PUT',
      body: { stripe_customer_token: 'tok_1N3T00LkdIwHu7ix' },
    });
    expect(card.status).toBe(422);
    expect(normalizeErrors(card.json).fieldErrors['stripe_customer_token']?.[0]).toMatch(
      /customer token.*cus/,
    );
    const taken = env.sandbox.store.customer(id - 1)?.email ?? '';
    const duplicate = await api(`/customers/${id}`, { method: 'PUT', body: { email: taken } });
    expect(duplicate.json).toEqual({ errors: { email: 'email already exists on store' } });
  });

  it('PUT with a payment token sets the processor and a valid payment method', async () => {
    const id = newestId();
    env.sandbox.admin.patchCustomer(id, {
      has_valid_payment_method: false,
      reason_payment_method_not_valid: 'expired',
    });
    const response = await api(`/customers/${id}`, {
      method: 'PUT',
      body: { braintree_customer_token: '123456789' },
    });
    expect(response.status).toBe(200);
    const customer = CustomerEnvelope.parse(response.json).customer;
    expect(customer.processor_type).toBe('braintree');
    expect(customer.has_valid_payment_method).toBe(true);
    expect(customer.reason_payment_method_not_valid).toBeNull();
    expect(env.sandbox.admin.paymentTokenHint(id)).toBe('…789');
  });

  it('415 for a write that is not JSON, 400 for malformed JSON', async () => {
    const id = newestId();
    const text = await api(`/customers/${id}`, {
      method: 'PUT',
      rawBody: 'billing_city=Paris',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(text.status).toBe(415);
    expectErrorShape(text.json);
    const noType = await api(`/customers/${id}`, {
      method: 'PUT',
      rawBody: '{}',
      contentType: null,
    });
    expect(noType.status).toBe(415);
    const broken = await api(`/customers/${id}`, { method: 'PUT', rawBody: '{"billing_city": ' });
    expect(broken.status).toBe(400);
    expectErrorShape(broken.json);
  });

  it('DELETE /customers/{id} answers 204 with no body, then 404', async () => {
    const created = CustomerEnvelope.parse(
      (await postCustomer({ email: 'gone@example.com', first_name: 'G', last_name: 'One' })).json,
    ).customer;
    const deleted = await api(`/customers/${created.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api(`/customers/${created.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('405 for a known path with the wrong method, 404 for an unknown path', async () => {
    expect((await api('/customers/count', { method: 'POST', body: {} })).status).toBe(405);
    expect((await api('/customers/count', { method: 'DELETE' })).status).toBe(404);
    expect((await api('/subscriptions')).status).toBe(404);
  });
});
