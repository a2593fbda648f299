import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { CustomerEnvelope } from '../../../src-shared/recharge/wire-2021-01.ts';
import { adminCall, call } from './http.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9, customers: 30, timeScale: 1e6 });
});
afterAll(async () => {
  await sandbox.close();
});

const admin = (path: string, method = 'GET', body?: unknown) =>
  adminCall(sandbox.url, path, method, body);
const newestId = () => Math.max(...sandbox.store.customers.rows.keys());

describe('admin API', () => {
  it('GET /__sandbox/state reports counts, limiter and time scale', async () => {
    const response = await admin('/state');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      seed: 9,
      customers: 30,
      timeScale: 1e6,
      rateLimit: { capacity: 40, perSecond: 2 },
    });
    expect(JSON.stringify(response.json)).not.toContain(sandbox.tokens.full);
  });

  it('POST /__sandbox/customers/{id} changes a customer as the portal would', async () => {
    const id = newestId();
    const before = sandbox.store.customer(id);
    const response = await admin(`/customers/${id}`, 'POST', {
      billing_city: 'Portland',
      status: 'INACTIVE',
      has_card_error_in_dunning: true,
    });
    expect(response.status).toBe(200);
    const after = CustomerEnvelope.parse(response.json).customer;
    expect(after).toMatchObject({
      billing_city: 'Portland',
      status: 'INACTIVE',
      has_card_error_in_dunning: true,
    });
    expect((after.updated_at ?? '') > (before?.updated_at ?? '')).toBe(true);
    expect((await admin(`/customers/${id}`, 'POST', { status: 'GONE' })).status).toBe(422);
    expect((await admin('/customers/1', 'POST', { billing_city: 'x' })).status).toBe(404);
  });

  it('DELETE /__sandbox/customers/{id} removes it', async () => {
    const id = newestId();
    expect((await admin(`/customers/${id}`, 'DELETE')).status).toBe(204);
    expect(
      (await call(sandbox.url, `/customers/${id}`, { token: sandbox.tokens.readOnly })).status,
    ).toBe(404);
  });

  it('POST /__sandbox/tokens adds a token with given scopes', async () => {
    const response = await admin('/tokens', 'POST', { scopes: ['read_customer'], label: 'probe' });
    expect(response.status).toBe(201);
    const { token } = response.json as { token: string };
    expect((await call(sandbox.url, '/customers/count', { token })).status).toBe(200);
    expect((await admin('/tokens', 'POST', { scopes: ['read_everything'] })).status).toBe(422);
  });

  it('GET /__sandbox/requests logs writes with payment tokens masked', async () => {
    const id = newestId();
    await call(sandbox.url, `/customers/${id}`, {
      token: sandbox.tokens.full,
      method: 'PUT',
      body: { stripe_customer_token: 'cus_IV0hD7FtykKe1a', billing_city: 'Reno' },
    });
    const response = await admin('/requests?limit=1');
    const text = response.text;
    expect(text).not.toContain('cus_IV0hD7FtykKe1a');
    const [entry] = (response.json as { requests: Record<string, unknown>[] }).requests;
    expect(entry).toMatchObject({
      method: 'PUT',
      path: `/customers/${id}`,
      status: 200,
      tokenLabel: 'full',
      body: { stripe_customer_token: 'cus_…e1a', billing_city: 'Reno' },
    });
    expect(typeof entry?.['time']).toBe('string');
  });

  it('PUT /__sandbox/time-scale changes the drain rate', async () => {
    const response = await admin('/time-scale', 'PUT', { timeScale: 5 });
    expect(response.status).toBe(200);
    expect(
      (await call(sandbox.url, '/customers/count', { token: sandbox.tokens.readOnly })).headers.get(
        'x-sandbox-time-scale',
      ),
    ).toBe('5');
    await admin('/time-scale', 'PUT', { timeScale: 1e6 });
  });

  it('POST /__sandbox/reset regenerates the same data from the seed', async () => {
    const response = await admin('/reset', 'POST', {});
    expect(response.status).toBe(200);
    const fresh = await startSandbox({ seed: 9, customers: 30 });
    try {
      expect(JSON.stringify([...sandbox.store.customers.rows.values()].map((r) => r.data))).toBe(
        JSON.stringify([...fresh.store.customers.rows.values()].map((r) => r.data)),
      );
    } finally {
      await fresh.close();
    }
    expect(sandbox.admin.requests()).toHaveLength(0);
    const other = await admin('/reset', 'POST', { seed: 10, customers: 12 });
    expect(other.json).toMatchObject({ seed: 10, customers: 12 });
  });

  it('patchCustomer puts billing fields on the default method, making one if there is none', () => {
    const withMethod = [...sandbox.store.customerTable.rows.keys()].find(
      (id) => sandbox.store.defaultMethodOf(id) !== undefined,
    );
    const without = [...sandbox.store.customerTable.rows.keys()].find(
      (id) => sandbox.store.methodIdsOf(id).length === 0,
    );
    if (withMethod === undefined || without === undefined) throw new Error('need both kinds');
    const changed = sandbox.admin.patchCustomer(withMethod, { billing_company: 'Portal Inc.' });
    expect(changed).toMatchObject({ ok: true, value: { billing_company: 'Portal Inc.' } });
    const methods = sandbox.admin.paymentMethodsOf(withMethod) ?? [];
    expect(methods.find((m) => m.default)?.billing_address?.company).toBe('Portal Inc.');

    const holder = sandbox.admin.patchCustomer(without, { billing_city: 'Reno' });
    expect(holder).toMatchObject({
      ok: true,
      value: { billing_city: 'Reno', processor_type: null },
    });
    expect(sandbox.admin.paymentMethodsOf(without)).toMatchObject([
      { default: true, status: 'empty', processor_name: null, billing_address: { city: 'Reno' } },
    ]);
    expect(sandbox.admin.paymentMethodsOf(1)).toBeNull();
  });

  it('creates and changes payment methods as the portal would, over HTTP too', async () => {
    const id = newestId();
    const created = await admin(`/customers/${id}/payment_methods`, 'POST', {
      processor_name: 'shopify_payments',
      default: true,
      payment_details: { brand: 'visa', last4: '1111' },
    });
    expect(created.status).toBe(201);
    const method = (created.json as { payment_method: { id: number; default: boolean } })
      .payment_method;
    expect(method.default).toBe(true);
    expect(sandbox.store.customer(id)?.processor_type).toBe('shopify_payments');
    const before = sandbox.store.customerRow(id)?.updated ?? 0;
    const patched = sandbox.admin.patchPaymentMethod(method.id, {
      status: 'invalid',
      status_reason: 'card expired',
      billing_address: { city: 'Boise' },
    });
    expect(patched).toMatchObject({ ok: true, value: { status: 'invalid' } });
    // The default method's validity is the customer's, and 2021-01 shows it: updated_at moves.
    expect(sandbox.store.customer(id)).toMatchObject({
      has_valid_payment_method: false,
      reason_payment_method_not_valid: 'card expired',
      billing_city: 'Boise',
    });
    expect(sandbox.store.customerRow(id)?.updated ?? 0).toBeGreaterThan(before);
    const listed = await admin(`/customers/${id}/payment_methods`);
    expect((listed.json as { payment_methods: unknown[] }).payment_methods.length).toBeGreaterThan(
      0,
    );
    expect((await admin(`/payment_methods/${method.id}`, 'POST', { status: 'gone' })).status).toBe(
      422,
    );
    expect((await admin(`/payment_methods/${method.id}`, 'DELETE')).status).toBe(204);
    expect((await admin(`/payment_methods/${method.id}`, 'POST', { status: 'valid' })).status).toBe(
      404,
    );
  });

  it('PUT /__sandbox/options switches 2021-11 customer timestamps; reset takes sparse', async () => {
    const naive = await admin('/options', 'PUT', { customerTimestamps: 'naive' });
    expect(naive.json).toMatchObject({ customerTimestamps: 'naive', timeZone: 'America/New_York' });
    const id = newestId();
    const get = () =>
      call(sandbox.url, `/customers/${id}`, { token: sandbox.tokens.readOnly, version: '2021-11' });
    const text = (await get()).text;
    expect(text).toMatch(/"updated_at":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"/);
    await admin('/options', 'PUT', { customerTimestamps: 'offset' });
    expect((await get()).text).toMatch(/"updated_at":"[^"]+\+00:00"/);
    expect((await admin('/options', 'PUT', { customerTimestamps: 'utc' })).status).toBe(422);
    const full = await admin('/reset', 'POST', { sparse: false });
    expect(full.json).toMatchObject({ sparse: false });
    await admin('/reset', 'POST', { sparse: true });
  });

  it('unknown admin paths are 404, malformed admin JSON is 400', async () => {
    expect((await admin('/nope')).status).toBe(404);
    const broken = await call(sandbox.url, '/__sandbox/reset', {
      method: 'POST',
      rawBody: '{',
      version: null,
      contentType: 'application/json',
    });
    expect(broken.status).toBe(400);
  });
});
