import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import {
  AddressEnvelope,
  AddressList,
  CountBody,
  CustomerEnvelope,
  CustomerList,
  ErrorBody,
  TokenInformation,
  normalizeErrors,
} from '../../../src-shared/recharge/wire.ts';
import { call, type CallOptions } from './http.ts';

let sandbox: Sandbox;
let nowMs = Date.UTC(2026, 10, 27, 15, 0, 0);

beforeAll(async () => {
  // The clock creeps 1 ms per reading and the time scale is huge, so the bucket stays out of the
  // way while timestamps stay within the same second for many writes (the limiter has own tests).
  sandbox = await startSandbox({ seed: 7, customers: 60, timeScale: 1e6, now: () => (nowMs += 1) });
});
afterAll(async () => {
  await sandbox.close();
});

const api = (path: string, options: CallOptions = {}) =>
  call(sandbox.url, path, { token: sandbox.tokens.full, ...options });

function expectErrorShape(json: unknown): void {
  expect(ErrorBody.safeParse(json).success).toBe(true);
}

const newestId = () => Math.max(...[...sandbox.store.customers.rows.keys()]);

describe('common headers and version', () => {
  it('sends X-Request-Id, X-Recharge-Limit and the time scale on every response', async () => {
    for (const response of [
      await api('/customers?limit=1'),
      await api('/customers', { token: null }),
      await api('/customers/1'),
      await api('/customers', { version: '2020-01' }),
    ]) {
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get('x-recharge-limit')).toMatch(/^\d+\/40$/);
      expect(response.headers.get('x-sandbox-time-scale')).toBe('1000000');
    }
  });

  it('answers 426 for an unsupported version and defaults to 2021-01 without the header', async () => {
    const old = await api('/customers', { version: '2020-01' });
    expect(old.status).toBe(426);
    expectErrorShape(old.json);
    const none = await api('/customers?limit=1', { version: null });
    expect(none.status).toBe(200);
    expect(CustomerList.parse(none.json).next_cursor).toBeUndefined();
  });

  it('serves 2021-11 lists with cursors in the body', async () => {
    const response = await api('/customers?limit=5', { version: '2021-11' });
    expect(response.status).toBe(200);
    const body = CustomerList.parse(response.json);
    expect(body.customers).toHaveLength(5);
    expect(typeof body.next_cursor).toBe('string');
    expect(body.previous_cursor).toBeNull();
    const next = await api(`/customers?cursor=${body.next_cursor}&limit=5`, { version: '2021-11' });
    expect(CustomerList.parse(next.json).customers[0]?.id).toBeLessThan(body.customers[4]?.id ?? 0);
  });
});

describe('auth and scopes', () => {
  it('401 for a missing or unknown token, with {"error": "bad authentication"}', async () => {
    for (const token of [null, 'nope']) {
      const response = await api('/customers', { token });
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ error: 'bad authentication' });
    }
  });

  it('403 naming write_customer for a read-only token', async () => {
    const id = newestId();
    const response = await api(`/customers/${id}`, {
      token: sandbox.tokens.readOnly,
      method: 'PUT',
      body: { billing_city: 'Boston' },
    });
    expect(response.status).toBe(403);
    expect(normalizeErrors(response.json).message).toContain('write_customer');
  });

  it('403 naming write_payments for a payment token without that scope', async () => {
    const response = await api(`/customers/${newestId()}`, {
      token: sandbox.tokens.readWrite,
      method: 'PUT',
      body: { stripe_customer_token: 'cus_IV0hD7FtykKe1a' },
    });
    expect(response.status).toBe(403);
    expectErrorShape(response.json);
    expect(normalizeErrors(response.json).message).toContain('write_payments');
  });

  it('403 naming read_customer for a token without read scope', async () => {
    const added = sandbox.admin.addToken({ scopes: ['write_customers'], label: 'writer' });
    const response = await api('/customers', { token: added.token });
    expect(response.status).toBe(403);
    expect(normalizeErrors(response.json).message).toContain('read_customer');
  });

  it('accepts both scope spellings', async () => {
    const guide = sandbox.admin.addToken({ scopes: ['read_customer', 'write_customer'] });
    const response = await api(`/customers/${newestId()}`, {
      token: guide.token,
      method: 'PUT',
      body: { billing_company: 'Guide Spelling Inc.' },
    });
    expect(response.status).toBe(200);
  });

  it('GET /token_information returns the scopes on 2021-11 only', async () => {
    const v2021_11 = await api('/token_information', {
      version: '2021-11',
      token: sandbox.tokens.readOnly,
    });
    expect(v2021_11.status).toBe(200);
    expect(TokenInformation.parse(v2021_11.json).token_information.scopes).toEqual([
      'read_customers',
    ]);
    const v2021_01 = await api('/token_information', { token: sandbox.tokens.readOnly });
    expect(v2021_01.status).toBe(404);
  });
});

describe('customers', () => {
  it('GET /customers lists newest id first with a Link header', async () => {
    const response = await api('/customers?limit=10');
    expect(response.status).toBe(200);
    const { customers } = CustomerList.parse(response.json);
    expect(customers).toHaveLength(10);
    const ids = customers.map((customer) => customer.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(response.headers.get('link')).toContain('rel="next"');
  });

  it('GET /customers/count honours filters', async () => {
    const all = CountBody.parse((await api('/customers/count')).json).count;
    const active = CountBody.parse((await api('/customers/count?status=ACTIVE')).json).count;
    const inactive = CountBody.parse((await api('/customers/count?status=INACTIVE')).json).count;
    expect(all).toBe(sandbox.store.customers.size);
    expect(active + inactive).toBe(all);
    expect(active).toBeGreaterThan(inactive);
  });

  it('filters by email, ids, hash, shopify_customer_id and timestamps', async () => {
    const sample = CustomerList.parse((await api('/customers?limit=3')).json).customers;
    const [a, b, c] = sample;
    if (!a || !b || !c) throw new Error('need three customers');
    const byEmail = CustomerList.parse(
      (await api(`/customers?email=${encodeURIComponent(a.email.toUpperCase())}`)).json,
    );
    expect(byEmail.customers.map((x) => x.id)).toEqual([a.id]);
    const byIds = CustomerList.parse((await api(`/customers?ids=${a.id},${c.id}`)).json);
    expect(byIds.customers.map((x) => x.id)).toEqual([a.id, c.id]);
    const byHash = CustomerList.parse((await api(`/customers?hash=${b.hash}`)).json);
    expect(byHash.customers.map((x) => x.id)).toEqual([b.id]);
    const withShopify = sample.find((x) => x.shopify_customer_id !== null);
    if (withShopify) {
      const byShopify = CustomerList.parse(
        (await api(`/customers?shopify_customer_id=${withShopify.shopify_customer_id}`)).json,
      );
      expect(byShopify.customers.map((x) => x.id)).toEqual([withShopify.id]);
    }
    const min = a.created_at;
    const created = CustomerList.parse(
      (await api(`/customers?created_at_min=${min}&limit=250`)).json,
    );
    expect(created.customers.every((x) => x.created_at >= min)).toBe(true);
    expect(created.customers.some((x) => x.id === a.id)).toBe(true);
    const max = CustomerList.parse((await api(`/customers?created_at_max=${min}&limit=250`)).json);
    expect(max.customers.every((x) => x.created_at <= min)).toBe(true);
    const counted = CountBody.parse((await api(`/customers/count?created_at_min=${min}`)).json);
    expect(counted.count).toBe(created.customers.length);
  });

  it('422 for bad filters and paging parameters', async () => {
    for (const query of [
      'status=GONE',
      'ids=1,x',
      'updated_at_min=yesterday',
      'limit=251',
      'limit=0',
      'page=0',
      'sort_by=name-asc',
    ]) {
      const response = await api(`/customers?${query}`);
      expect(response.status, query).toBe(422);
      expectErrorShape(response.json);
    }
    const past = await api('/customers?page=101');
    expect(past.status).toBe(422);
    expect(normalizeErrors(past.json).message).toContain('page_info');
  });

  it('GET /customers/{id} returns one customer, 404 otherwise', async () => {
    const id = newestId();
    const found = await api(`/customers/${id}`);
    expect(found.status).toBe(200);
    expect(CustomerEnvelope.parse(found.json).customer.id).toBe(id);
    for (const path of ['/customers/1', '/customers/abc']) {
      const missing = await api(path);
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ errors: 'Not Found' });
    }
  });

  it('POST /customers creates (201) and validates with the real error shapes', async () => {
    const created = await api('/customers', {
      method: 'POST',
      body: {
        email: 'new.person@example.com',
        first_name: 'New',
        last_name: 'Person',
        custom: undefined,
      },
    });
    expect(created.status).toBe(201);
    const customer = CustomerEnvelope.parse(created.json).customer;
    expect(customer.shopify_customer_id).toBeNull();
    expect(customer.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);

    const duplicate = await api('/customers', {
      method: 'POST',
      body: { email: 'NEW.person@example.com', first_name: 'Again', last_name: 'Person' },
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.json).toEqual({ errors: { email: 'email already exists on store' } });

    const empty = await api('/customers', {
      method: 'POST',
      body: { email: 'e@example.com', first_name: '', last_name: 'X' },
    });
    expect(empty.status).toBe(422);
    expect(empty.json).toEqual({ errors: { first_name: ['Shorter than minimum length 1.'] } });

    const missing = await api('/customers', { method: 'POST', body: { first_name: 'A' } });
    expect(missing.status).toBe(422);
    expect(normalizeErrors(missing.json).fieldErrors).toEqual({
      email: ['Missing data for required field.'],
      last_name: ['Missing data for required field.'],
    });

    const badEmail = await api('/customers', {
      method: 'POST',
      body: { email: 'not-an-email', first_name: 'A', last_name: 'B' },
    });
    expect(badEmail.status).toBe(422);
    expect(normalizeErrors(badEmail.json).fieldErrors['email']).toEqual([
      'Not a valid email address.',
    ]);

    const array = await api('/customers', { method: 'POST', body: [1, 2] });
    expect(array.status).toBe(422);
    expect(array.json).toEqual({ errors: { _schema: ['Invalid input type.'] } });
  });

  it('POST /customers with a payment token needs write_payments and a customer token', async () => {
    const created = await api('/customers', {
      method: 'POST',
      body: {
        email: 'payer@example.com',
        first_name: 'Pay',
        last_name: 'Er',
        stripe_customer_token: 'cus_Abc123456',
      },
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
      body: {
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
        accepts_marketing: 1,
      },
    });
    expect(response.status).toBe(200);
    const after = CustomerEnvelope.parse(response.json).customer;
    expect(after.billing_city).toBe('Los Angeles');
    expect(after.billing_address2).toBeNull();
    expect(after.accepts_marketing).toBe(1);
    expect(after.updated_at > before.updated_at).toBe(true);
    // A second write in the same (frozen) second still moves updated_at forward.
    const again = CustomerEnvelope.parse(
      (await api(`/customers/${id}`, { method: 'PUT', body: { billing_city: 'Santa Monica' } }))
        .json,
    ).customer;
    expect(again.updated_at > after.updated_at).toBe(true);
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
    const taken = sandbox.store.customer(id - 1)?.email ?? '';
    const duplicate = await api(`/customers/${id}`, { method: 'PUT', body: { email: taken } });
    expect(duplicate.json).toEqual({ errors: { email: 'email already exists on store' } });
  });

  it('PUT with a payment token sets the processor and a valid payment method', async () => {
    const id = newestId();
    sandbox.admin.patchCustomer(id, {
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
    expect(sandbox.admin.paymentTokenHint(id)).toBe('…789');
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
      (
        await api('/customers', {
          method: 'POST',
          body: { email: 'gone@example.com', first_name: 'G', last_name: 'One' },
        })
      ).json,
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

describe('addresses', () => {
  const customerWithAddresses = () => {
    for (const row of sandbox.store.customers.rows.values()) {
      if (sandbox.store.addressIdsOf(row.data.id).length >= 2) return row.data.id;
    }
    throw new Error('no customer with addresses');
  };

  it('GET /customers/{id}/addresses lists that customer only', async () => {
    const id = customerWithAddresses();
    const response = await api(`/customers/${id}/addresses`);
    expect(response.status).toBe(200);
    const { addresses } = AddressList.parse(response.json);
    expect(addresses.map((a) => a.id).sort()).toEqual(sandbox.store.addressIdsOf(id));
    expect(addresses.every((a) => a.customer_id === id)).toBe(true);
    expect((await api('/customers/1/addresses')).status).toBe(404);
  });

  it('GET /addresses and /addresses/count filter by customer_id and ids', async () => {
    const id = customerWithAddresses();
    const list = AddressList.parse((await api(`/addresses?customer_id=${id}`)).json);
    expect(list.addresses.length).toBe(sandbox.store.addressIdsOf(id).length);
    const count = CountBody.parse((await api(`/addresses/count?customer_id=${id}`)).json);
    expect(count.count).toBe(list.addresses.length);
    const all = CountBody.parse((await api('/addresses/count')).json);
    expect(all.count).toBe(sandbox.store.addresses.size);
    const first = list.addresses[0];
    const byIds = AddressList.parse((await api(`/addresses?ids=${first?.id}`)).json);
    expect(byIds.addresses).toHaveLength(1);
    expect((await api('/addresses?customer_id=abc')).status).toBe(422);
  });

  it('POST /customers/{id}/addresses creates (201) and validates', async () => {
    const id = newestId();
    const body = {
      address1: '1 Infinite Loop',
      city: 'Cupertino',
      province: 'California',
      zip: '95014',
      country: 'United States',
      first_name: 'Ada',
      last_name: 'Lovelace',
      cart_attributes: [{ name: 'gift', value: 'yes' }],
    };
    const created = await api(`/customers/${id}/addresses`, { method: 'POST', body });
    expect(created.status).toBe(201);
    const address = AddressEnvelope.parse(created.json).address;
    expect(address.customer_id).toBe(id);
    const badZip = await api(`/customers/${id}/addresses`, {
      method: 'POST',
      body: { ...body, zip: 95014 },
    });
    expect(badZip.status).toBe(422);
    expect(normalizeErrors(badZip.json).fieldErrors).toEqual({ zip: ['Not a valid string.'] });
    const missing = await api(`/customers/${id}/addresses`, {
      method: 'POST',
      body: { address1: 'x' },
    });
    expect(Object.keys(normalizeErrors(missing.json).fieldErrors).sort()).toEqual([
      'city',
      'country',
      'first_name',
      'last_name',
      'zip',
    ]);
    expect((await api('/customers/1/addresses', { method: 'POST', body })).status).toBe(404);
    const readOnly = await api(`/customers/${id}/addresses`, {
      method: 'POST',
      body,
      token: sandbox.tokens.readOnly,
    });
    expect(readOnly.status).toBe(403);
  });

  it('GET, PUT and DELETE /addresses/{id}', async () => {
    const id = sandbox.store.addressIdsOf(customerWithAddresses())[0] ?? 0;
    const got = await api(`/addresses/${id}`);
    expect(got.status).toBe(200);
    const before = AddressEnvelope.parse(got.json).address;
    const put = await api(`/addresses/${id}`, {
      method: 'PUT',
      body: { address2: 'Suite 9', city: 'Berlin', country: 'Germany' },
    });
    expect(put.status).toBe(200);
    const after = AddressEnvelope.parse(put.json).address;
    expect(after.city).toBe('Berlin');
    expect(after.updated_at > before.updated_at).toBe(true);
    const bad = await api(`/addresses/${id}`, { method: 'PUT', body: { note_attributes: 'x' } });
    expect(bad.status).toBe(422);
    expect((await api(`/addresses/${id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await api(`/addresses/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ errors: 'Not Found' });
  });

  it('deleting a customer removes its addresses', async () => {
    const id = customerWithAddresses();
    const addressIds = sandbox.store.addressIdsOf(id);
    expect((await api(`/customers/${id}`, { method: 'DELETE' })).status).toBe(204);
    for (const addressId of addressIds)
      expect((await api(`/addresses/${addressId}`)).status).toBe(404);
  });
});

describe('updated_at and incremental pulls', () => {
  it('a pull with updated_at_min = newest seen catches every later write, even in the same second', async () => {
    const newest = CustomerList.parse(
      (await api('/customers?sort_by=updated_at-desc&limit=1')).json,
    ).customers[0];
    if (!newest) throw new Error('no customers');
    const ids = [...sandbox.store.customers.rows.keys()].slice(0, 3);
    for (const id of ids) {
      await api(`/customers/${id}`, { method: 'PUT', body: { billing_phone: '310.384.3698' } });
    }
    const pulled = CustomerList.parse(
      (await api(`/customers?updated_at_min=${newest.updated_at}&sort_by=updated_at-asc&limit=250`))
        .json,
    );
    const seen = pulled.customers.map((customer) => customer.id);
    for (const id of ids) expect(seen).toContain(id);
    // Ordered by update, written order kept within one second.
    expect(seen.slice(-3)).toEqual(ids);
  });

  it('timestamps carry no offset and follow the injected clock (US Eastern by default)', async () => {
    nowMs = Date.UTC(2027, 0, 2, 12, 0, 0);
    const id = newestId();
    const customer = CustomerEnvelope.parse(
      (await api(`/customers/${id}`, { method: 'PUT', body: { billing_zip: '10001' } })).json,
    ).customer;
    expect(customer.updated_at).toBe('2027-01-02T07:00:00');
  });
});
