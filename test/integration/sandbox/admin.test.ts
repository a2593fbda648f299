import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { CustomerEnvelope } from '../../../src-shared/recharge/wire.ts';
import { call } from './http.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9, customers: 30, timeScale: 1e6 });
});
afterAll(async () => {
  await sandbox.close();
});

const admin = (path: string, method = 'GET', body?: unknown) =>
  call(sandbox.url, `/__sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { body }),
    version: null,
  });
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
    expect(after.updated_at > (before?.updated_at ?? '')).toBe(true);
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

  it('unknown admin paths are 404, malformed admin JSON is 400', async () => {
    expect((await admin('/nope')).status).toBe(404);
    const broken = await call(sandbox.url, '/__sandbox/reset', { method: 'POST', rawBody: '{' });
    expect(broken.status).toBe(400);
  });
});
