import { describe, expect, it } from 'vitest';
import * as w0101 from '../../../src-shared/recharge/wire-2021-01.ts';
import * as w2111 from '../../../src-shared/recharge/wire-2021-11.ts';
import { normalizeErrors } from '../../../src-shared/recharge/wire-errors.ts';
import type { CallOptions } from './http.ts';
import { useSandbox } from './suite-sandbox.ts';

const env = useSandbox({ seed: 13, customers: 400 }, '2021-11');
const { api } = env;

const fieldErrors = (json: unknown) => normalizeErrors(json).fieldErrors;

/** Every id of a 2021-11 list, following `next_cursor` with only `limit` beside it. */
async function walk(
  first: string,
  key: 'customers' | 'addresses' | 'payment_methods',
  options: CallOptions = {},
): Promise<number[]> {
  const ids: number[] = [];
  let response = await api(first, options);
  for (;;) {
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('link')).toBeNull();
    const body = response.json as { next_cursor: string | null } & Record<string, { id: number }[]>;
    ids.push(...(body[key] ?? []).map((item) => item.id));
    if (!body.next_cursor) return ids;
    response = await api(`/${key}?cursor=${body.next_cursor}&limit=37`, options);
  }
}

describe('2021-11 lists', () => {
  it('walk customers, addresses and payment methods by cursor, each row exactly once', async () => {
    const { customers, addresses, paymentMethods } = env.sandbox.admin.state();
    for (const [key, total] of [
      ['customers', customers],
      ['addresses', addresses],
      ['payment_methods', paymentMethods],
    ] as const) {
      for (const sort of ['id-desc', 'updated_at-asc']) {
        const ids = await walk(`/${key}?limit=37&sort_by=${sort}`, key);
        expect(ids, `${key} ${sort}`).toHaveLength(total);
        expect(new Set(ids).size, `${key} ${sort}`).toBe(total);
      }
    }
  });

  it('a cursor keeps the filters and takes nothing but limit beside it (422)', async () => {
    const id = [...env.sandbox.store.customerTable.rows.keys()].find(
      (c) => env.sandbox.store.methodIdsOf(c).length >= 2,
    );
    const first = await api(`/payment_methods?customer_id=${id}&limit=1`);
    const body = w2111.PaymentMethodList.parse(first.json);
    expect(body.payment_methods.every((m) => m.customer_id === id)).toBe(true);
    const cursor = body.next_cursor ?? '';
    expect(cursor).not.toBe('');
    const next = w2111.PaymentMethodList.parse(
      (await api(`/payment_methods?cursor=${cursor}`)).json,
    );
    expect(next.payment_methods[0]?.customer_id).toBe(id);
    for (const extra of [
      `customer_id=${id}`,
      'sort_by=id-asc',
      'page=2',
      'updated_at_min=2024-01-01',
    ]) {
      const mixed = await api(`/payment_methods?cursor=${cursor}&${extra}`);
      expect(mixed.status, extra).toBe(422);
      expect(Object.keys(fieldErrors(mixed.json))).toEqual(['cursor']);
    }
    for (const key of ['customers', 'addresses']) {
      const listed = (await api(`/${key}?limit=2`)).json as { next_cursor: string };
      expect((await api(`/${key}?cursor=${listed.next_cursor}&ids=1`)).status).toBe(422);
    }
    expect((await api('/customers?cursor=garbage')).status).toBe(422);
  });

  it('has no count endpoints and no /customers/{id}/addresses (404); 2021-01 keeps them', async () => {
    for (const path of ['/customers/count', '/addresses/count']) {
      const response = await api(path);
      expect(response.status, path).toBe(404);
      expect(response.json).toEqual({ errors: 'Not Found' });
      expect((await api(path, { version: '2021-01' })).status, path).toBe(200);
    }
    const id = [...env.sandbox.store.customerTable.rows.keys()][0];
    expect((await api(`/customers/${id}/addresses`)).status).toBe(404);
    expect((await api('/payment_methods', { version: '2021-01' })).status).toBe(404);
    expect((await api('/addresses', { version: '2021-01', method: 'POST', body: {} })).status).toBe(
      405,
    );
  });

  it('filters by updated_at_min given naive (US Eastern, DST included) or with an offset', async () => {
    const row = [...env.sandbox.store.customerTable.rows.values()].find(
      (r) => new Date(r.updated * 1000).getUTCMonth() === 6,
    );
    if (!row) throw new Error('no customer updated in July');
    const at = new Date(row.updated * 1000).toISOString().slice(0, 19);
    const naive = new Date((row.updated - 4 * 3600) * 1000).toISOString().slice(0, 19);
    const ids = async (query: string) =>
      w2111.CustomerList.parse(
        (await api(`/customers?limit=250&ids=${row.data.id}&${query}`)).json,
      ).customers.map((c) => c.id);
    expect(await ids(`updated_at_min=${naive}`)).toEqual([row.data.id]);
    expect(await ids(`updated_at_min=${encodeURIComponent(`${at}+00:00`)}`)).toEqual([row.data.id]);
    expect(await ids(`updated_at_max=${naive}`)).toEqual([row.data.id]);
    const later = new Date((row.updated - 4 * 3600 + 1) * 1000).toISOString().slice(0, 19);
    expect(await ids(`updated_at_min=${later}`)).toEqual([]);
  });
});

describe('2021-11 customers', () => {
  const someone = () =>
    [...env.sandbox.store.customerTable.rows.keys()].find(
      (id) =>
        env.sandbox.store.addressIdsOf(id).length > 0 &&
        env.sandbox.store.methodIdsOf(id).length > 0,
    ) ?? 0;

  it('GET with include=addresses,payment_methods nests them under customer.include', async () => {
    const id = someone();
    const response = await api(`/customers/${id}?include=addresses,payment_methods`);
    const customer = w2111.CustomerEnvelope.parse(response.json).customer;
    expect(customer.include?.addresses?.map((a) => a.id)).toEqual(
      env.sandbox.store.addressIdsOf(id),
    );
    expect(customer.include?.payment_methods?.map((m) => m.id)).toEqual(
      env.sandbox.store.methodIdsOf(id),
    );
    const plain = w2111.CustomerEnvelope.parse((await api(`/customers/${id}`)).json).customer;
    expect('include' in plain).toBe(false);
    expect((await api(`/customers/${id}?include=subscriptions`)).status).toBe(422);
    const noMethods = env.sandbox.admin.addToken({ scopes: ['read_customers'] }).token;
    const denied = await api(`/customers/${id}?include=payment_methods`, { token: noMethods });
    expect(denied.status).toBe(403);
    expect(normalizeErrors(denied.json).message).toContain('read_payment_methods');
    expect((await api(`/customers/${id}?include=addresses`, { token: noMethods })).status).toBe(
      200,
    );
  });

  it('PUT takes only the customer’s own fields; billing, status or a token is a 422 naming it', async () => {
    const id = someone();
    const ok = await api(`/customers/${id}`, {
      method: 'PUT',
      body: {
        first_name: 'Ada',
        external_customer_id: { ecommerce: '555' },
        tax_exempt: true,
        apply_credit_to_next_recurring_charge: true,
      },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(w2111.CustomerEnvelope.parse(ok.json).customer).toMatchObject({
      first_name: 'Ada',
      external_customer_id: { ecommerce: '555' },
      tax_exempt: true,
    });
    expect(env.sandbox.store.customer(id)?.shopify_customer_id).toBe('555');
    for (const field of [
      'billing_address1',
      'status',
      'stripe_customer_token',
      'accepts_marketing',
    ]) {
      const value = field === 'status' ? 'ACTIVE' : field === 'accepts_marketing' ? 1 : 'x';
      const refused = await api(`/customers/${id}`, { method: 'PUT', body: { [field]: value } });
      expect(refused.status, field).toBe(422);
      expect(fieldErrors(refused.json), field).toEqual({ [field]: ['Unknown field.'] });
    }
    const typed = await api(`/customers/${id}`, { method: 'PUT', body: { tax_exempt: 'yes' } });
    expect(fieldErrors(typed.json)).toEqual({ tax_exempt: ['Not a valid boolean.'] });
  });

  it('POST /customers creates without billing; 2021-01 shows it too', async () => {
    const created = await api('/customers', {
      method: 'POST',
      body: { email: 'v2111@example.com', first_name: 'New', last_name: 'Style' },
    });
    expect(created.status).toBe(201);
    const customer = w2111.CustomerEnvelope.parse(created.json).customer;
    expect(Object.keys(customer).some((k) => k.startsWith('billing_'))).toBe(false);
    const old = w0101.CustomerEnvelope.parse(
      (await api(`/customers/${customer.id}`, { version: '2021-01' })).json,
    ).customer;
    expect(old).toMatchObject({ email: 'v2111@example.com', status: 'ACTIVE', billing_city: null });
  });
});

describe('2021-11 addresses', () => {
  const body = {
    address1: '1 Infinite Loop',
    city: 'Cupertino',
    province: 'California',
    zip: '95014',
    country_code: 'US',
    first_name: 'Ada',
    last_name: 'Lovelace',
    order_attributes: [{ name: 'gift', value: 'yes' }],
    order_note: 'Leave at the door',
  };

  it('POST /addresses takes the customer in the body and validates', async () => {
    const id = [...env.sandbox.store.customerTable.rows.keys()].at(-1) ?? 0;
    const created = await api('/addresses', { method: 'POST', body: { ...body, customer_id: id } });
    expect(created.status, created.text).toBe(201);
    const address = w2111.AddressEnvelope.parse(created.json).address;
    expect(address).toMatchObject({
      customer_id: id,
      country_code: 'US',
      order_note: 'Leave at the door',
    });
    expect(address.created_at).toMatch(/\+00:00$/);
    const old = w0101.AddressEnvelope.parse(
      (await api(`/addresses/${address.id}`, { version: '2021-01' })).json,
    ).address;
    expect(old).toMatchObject({ country: 'United States', cart_note: 'Leave at the door' });
    expect(old.note_attributes).toEqual([{ name: 'gift', value: 'yes' }]);

    const missing = await api('/addresses', { method: 'POST', body });
    expect(fieldErrors(missing.json)).toEqual({
      customer_id: ['Missing data for required field.'],
    });
    const unknown = await api('/addresses', { method: 'POST', body: { ...body, customer_id: 1 } });
    expect(Object.keys(fieldErrors(unknown.json))).toEqual(['customer_id']);
    const named = await api('/addresses', {
      method: 'POST',
      body: { ...body, customer_id: id, country_code: 'United States' },
    });
    expect(Object.keys(fieldErrors(named.json))).toEqual(['country_code']);
    const other = [...env.sandbox.store.methodTable.rows.values()].find(
      (m) => m.data.customer_id !== id,
    );
    const foreign = await api('/addresses', {
      method: 'POST',
      body: { ...body, customer_id: id, payment_method_id: other?.data.id },
    });
    expect(Object.keys(fieldErrors(foreign.json))).toEqual(['payment_method_id']);
    const oldStyle = await api('/addresses', {
      method: 'POST',
      body: { ...body, country: 'US', customer_id: id },
    });
    expect(fieldErrors(oldStyle.json)).toEqual({ country: ['Unknown field.'] });
    const readOnly = await api('/addresses', {
      method: 'POST',
      body: { ...body, customer_id: id },
      token: env.sandbox.tokens.readOnly,
    });
    expect(readOnly.status).toBe(403);
  });

  it('PUT /addresses/{id} takes 2021-11 names and bumps updated_at', async () => {
    const id = env.sandbox.store.addressIdsOf(
      [...env.sandbox.store.customerTable.rows.keys()][5] ?? 0,
    )[0];
    const before = env.sandbox.store.addressRow(id ?? 0)?.updated ?? 0;
    const put = await api(`/addresses/${id}`, {
      method: 'PUT',
      body: { country_code: 'de', city: 'Berlin' },
    });
    expect(put.status).toBe(200);
    expect(w2111.AddressEnvelope.parse(put.json).address.country_code).toBe('DE');
    expect(env.sandbox.store.address(id ?? 0)?.country).toBe('Germany');
    expect(env.sandbox.store.addressRow(id ?? 0)?.updated ?? 0).toBeGreaterThan(before);
    const old = await api(`/addresses/${id}`, { method: 'PUT', body: { cart_note: 'x' } });
    expect(fieldErrors(old.json)).toEqual({ cart_note: ['Unknown field.'] });
  });
});
