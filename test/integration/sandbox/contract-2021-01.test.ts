import { describe, expect, it } from 'vitest';
import { parseRechargeTimestamp } from '../../../src-shared/time/eastern.ts';
import { CustomerEnvelope, CustomerList } from '../../../src-shared/recharge/wire-2021-01.ts';
import { CountBody, TokenInformation } from '../../../src-shared/recharge/wire-common.ts';
import { normalizeErrors } from '../../../src-shared/recharge/wire-errors.ts';
import { expectErrorShape, useWriteSandbox } from './write-sandbox.ts';

const env = useWriteSandbox();
const { api, newestId } = env;

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
      token: env.sandbox.tokens.readOnly,
      method: 'PUT',
      body: { billing_city: 'Boston' },
    });
    expect(response.status).toBe(403);
    expect(normalizeErrors(response.json).message).toContain('write_customer');
  });

  it('403 naming write_payments for a payment token without that scope', async () => {
    const response = await api(`/customers/${newestId()}`, {
      token: env.sandbox.tokens.readWrite,
      method: 'PUT',
      body: { stripe_customer_token: 'cus_IV0hD7FtykKe1a' },
    });
    expect(response.status).toBe(403);
    expectErrorShape(response.json);
    expect(normalizeErrors(response.json).message).toContain('write_payments');
  });

  it('403 naming read_customer for a token without read scope', async () => {
    const added = env.sandbox.admin.addToken({ scopes: ['write_customers'], label: 'writer' });
    const response = await api('/customers', { token: added.token });
    expect(response.status).toBe(403);
    expect(normalizeErrors(response.json).message).toContain('read_customer');
  });

  it('accepts both scope spellings', async () => {
    const guide = env.sandbox.admin.addToken({ scopes: ['read_customer', 'write_customer'] });
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
      token: env.sandbox.tokens.readOnly,
    });
    expect(v2021_11.status).toBe(200);
    expect(TokenInformation.parse(v2021_11.json).token_information.scopes).toEqual([
      'read_customers',
      'read_payment_methods',
    ]);
    const v2021_01 = await api('/token_information', { token: env.sandbox.tokens.readOnly });
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
    expect(all).toBe(env.sandbox.store.customers.size);
    expect(active + inactive).toBe(all);
    expect(active).toBeGreaterThan(inactive);
  });

  it('filters by email, ids, hash, shopify_customer_id and timestamps', async () => {
    const sample = CustomerList.parse((await api('/customers?limit=3')).json).customers;
    const [a, b, c] = sample;
    if (!a || !b || !c) throw new Error('need three customers');
    const byEmail = CustomerList.parse(
      (await api(`/customers?email=${encodeURIComponent((a.email ?? '').toUpperCase())}`)).json,
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
    // Naive times compare as instants (US Eastern, DST included), never as strings.
    const instant = (text: string | null | undefined) => parseRechargeTimestamp(text ?? '') ?? NaN;
    const min = a.created_at ?? '';
    const created = CustomerList.parse(
      (await api(`/customers?created_at_min=${min}&limit=250`)).json,
    );
    expect(created.customers.every((x) => instant(x.created_at) >= instant(min))).toBe(true);
    expect(created.customers.some((x) => x.id === a.id)).toBe(true);
    const max = CustomerList.parse((await api(`/customers?created_at_max=${min}&limit=250`)).json);
    expect(max.customers.every((x) => instant(x.created_at) <= instant(min))).toBe(true);
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
});
