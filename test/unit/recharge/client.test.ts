import { describe, expect, it } from 'vitest';
import {
  createRechargeClient,
  type RechargeClientOptions,
} from '../../../src-main/recharge/client.ts';
import { RechargeError } from '../../../src-main/recharge/errors.ts';
import { RateLimiter } from '../../../src-main/recharge/rate-limiter.ts';
import { createStoreApi2021_01 } from '../../../src-main/recharge/v2021-01.ts';
import { fakeClock } from '../../helpers/fake-clock.ts';
import { scriptedFetch, type Reply } from '../../helpers/fake-fetch.ts';
import { sampleAddress, sampleCustomer } from '../../helpers/wire-samples.ts';
import { appErrorOf } from '../../helpers/app-error.ts';

const rechargeError = (promise: Promise<unknown>) => appErrorOf(promise, RechargeError);

const BASE = 'http://127.0.0.1:9';

function setup(
  replies: Reply[] | Parameters<typeof scriptedFetch>[0],
  extra: Partial<RechargeClientOptions> = {},
) {
  const clock = fakeClock();
  const { fetch, calls } = scriptedFetch(replies);
  const limiter = new RateLimiter({ now: clock.now, sleep: clock.sleep });
  const transport = createRechargeClient({
    baseUrl: `${BASE}/`,
    token: 'secret-token',
    fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0,
    limiter,
    ...extra,
  });
  return { client: createStoreApi2021_01(transport), transport, calls, clock, limiter };
}

const state = (id: number) => ({ customer: { id }, paymentMethods: null });

describe('ReCharge client requests', () => {
  it('sends the token, version and JSON headers', async () => {
    const { client, calls } = setup([
      { body: { customers: [] } },
      { body: { address: sampleAddress() } },
    ]);
    await client.listCustomers({ limit: 250, updatedSince: '2021-01-20T15:00:00Z' });
    await client.updateAddress(1, { city: 'Reno' });
    const [list, put] = calls;
    expect(list?.url.pathname).toBe('/customers');
    expect(list?.headers.get('X-Recharge-Access-Token')).toBe('secret-token');
    expect(list?.headers.get('X-Recharge-Version')).toBe('2021-01');
    expect(list?.headers.get('Accept')).toBe('application/json');
    // The API takes naive US-Eastern times: 15:00 UTC is 10:00 EST in January.
    expect(list?.url.searchParams.get('updated_at_min')).toBe('2021-01-20T10:00:00');
    expect(list?.url.searchParams.get('sort_by')).toBe('updated_at-asc');
    expect(list?.url.searchParams.get('limit')).toBe('250');
    expect(put?.method).toBe('PUT');
    expect(put?.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(put?.body ?? '')).toEqual({ city: 'Reno' });
  });

  it('follows a cursor with page_info and limit only', async () => {
    const link = `<${BASE}/customers?limit=250&page_info=NEXT2>; rel="next"`;
    const { client, calls } = setup([
      { body: { customers: [sampleCustomer()] }, headers: { Link: link } },
      { body: { customers: [] }, headers: { Link: '' } },
    ]);
    const first = await client.listCustomers({ limit: 250 });
    expect(first.next).toBe('NEXT2');
    const second = await client.listCustomers({ limit: 250, cursor: 'NEXT2' });
    expect(second.next).toBeNull();
    expect([...(calls[1]?.url.searchParams.keys() ?? [])].sort()).toEqual(['limit', 'page_info']);
  });

  it('tolerates unknown fields and hands on only the domain fields (no processor tokens)', async () => {
    const customer = {
      ...sampleCustomer(),
      stripe_customer_token: 'cus_secret',
      shopify_id: 'x',
      brand_new: { a: 1 },
    };
    const { client } = setup([{ body: { customers: [customer] } }]);
    const page = await client.listCustomers({ limit: 50 });
    expect(page.items[0]?.email).toBe('jane.doe@example.com');
    expect(JSON.stringify(page.items)).not.toMatch(/cus_secret|brand_new|shopify_id/);
  });

  it('refuses a body whose used fields have the wrong type, as a protocol error', async () => {
    const bad = { ...sampleCustomer(), id: '40000001' };
    const { client } = setup(Array(10).fill({ body: { customers: [bad] } }));
    const error = await rechargeError(client.listCustomers({ limit: 50 }));
    expect(error.kind).toBe('protocol');
    expect(error.message).toContain('customers.0.id');
  });

  it('reads counts and token information (2021-11)', async () => {
    const { client, calls } = setup([
      { body: { count: 1234 } },
      { body: { token_information: { name: 'desk', scopes: ['read_customers'] } } },
    ]);
    expect(await client.countCustomers()).toBe(1234);
    expect(calls[0]?.url.pathname).toBe('/customers/count');
    expect(await client.tokenInformation()).toEqual({ name: 'desk', scopes: ['read_customers'] });
    expect(calls[1]?.headers.get('X-Recharge-Version')).toBe('2021-11');
  });
});

describe('ReCharge client retries', () => {
  it('retries 5xx with growing backoff, then succeeds', async () => {
    const { client, calls, clock } = setup([
      { status: 503, body: { errors: 'Service Unavailable' } },
      { status: 502, text: '<html>bad gateway</html>' },
      { status: 500, body: { error: 'boom' } },
      { body: { count: 3 } },
    ]);
    expect(await client.countCustomers()).toBe(3);
    expect(calls).toHaveLength(4);
    expect(clock.sleeps.filter((ms) => ms >= 250)).toEqual([250, 500, 1000]);
  });

  it('honours Retry-After on 429 and slows the shared limiter', async () => {
    const { client, calls, clock, limiter } = setup([
      {
        status: 429,
        body: { errors: 'Too many' },
        headers: { 'Retry-After': '7', 'X-Recharge-Limit': '40/40' },
      },
      { body: { count: 1 }, headers: { 'X-Recharge-Limit': '39/40' } },
    ]);
    const start = clock.now();
    await client.countCustomers();
    expect(calls).toHaveLength(2);
    expect(clock.now() - start).toBeGreaterThanOrEqual(7000);
    expect(limiter.stats.rateLimited).toBe(1);
  });

  it('never retries other 4xx', async () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      const { client, calls } = setup([{ status, body: { errors: 'no' } }, { body: { count: 1 } }]);
      const error = await rechargeError(client.countCustomers());
      expect(error.status).toBe(status);
      expect(calls).toHaveLength(1);
    }
  });

  it('retries dropped connections and truncated bodies, then reports them clearly', async () => {
    const { client, calls } = setup([
      { fail: new TypeError('fetch failed') },
      { text: '{"customers": [{"id": 1' },
      { body: { customers: [] } },
    ]);
    const page = await client.listCustomers({ limit: 50 });
    expect(page.items).toEqual([]);
    expect(calls).toHaveLength(3);

    const down = setup(() => ({ fail: new TypeError('fetch failed') }), {
      retry: { maxAttempts: 3 },
    });
    const error = await rechargeError(down.client.listCustomers({ limit: 50 }));
    expect(error.kind).toBe('network');
    expect(down.calls).toHaveLength(3);

    const garbled = setup(() => ({ text: '{"customers":' }), { retry: { maxAttempts: 2 } });
    expect((await rechargeError(garbled.client.listCustomers({ limit: 50 }))).kind).toBe(
      'protocol',
    );
  });

  it('says the store stopped answering at the first dropped attempt, and when it answers again', async () => {
    const { client } = setup([
      { fail: new TypeError('fetch failed') },
      { fail: new TypeError('fetch failed') },
      { status: 503, body: { errors: 'Service Unavailable' } },
      { body: { count: 3 } },
      { fail: new TypeError('fetch failed') },
      { body: { count: 4 } },
    ]);
    const heard: boolean[] = [];
    const unsubscribe = client.onReachability((reachable) => heard.push(reachable));
    expect(await client.countCustomers()).toBe(3);
    // Once per change: a 5xx is an answer, a second dropped attempt is no news.
    expect(heard).toEqual([false, true]);
    unsubscribe();
    expect(await client.countCustomers()).toBe(4);
    expect(heard).toEqual([false, true]);
  });

  it('does not resend a create after a 5xx (it may have been applied)', async () => {
    const { client, calls } = setup([
      { status: 503, body: { errors: 'Service Unavailable' } },
      { status: 201, body: { address: sampleAddress() } },
    ]);
    const error = await rechargeError(client.createAddress(40_000_001, { address1: '1 Main St' }));
    expect(error.kind).toBe('server');
    expect(calls).toHaveLength(1);
  });

  it('maps 422 bodies to field errors and names the scope of a payment update', async () => {
    const { client } = setup([
      { status: 422, body: { errors: { email: 'email already exists on store' } } },
      { status: 403, body: { errors: 'forbidden' } },
    ]);
    const invalid = await rechargeError(client.updateBilling(state(1), { email: 'a@b.c' }));
    expect(invalid.kind).toBe('validation');
    expect(invalid.fieldErrors).toEqual({ email: ['email already exists on store'] });
    const forbidden = await rechargeError(
      client.replacePaymentToken(state(1), {
        processor: 'stripe',
        customerToken: 'cus_x',
        paymentMethodToken: null,
      }),
    );
    expect(forbidden.kind).toBe('forbidden');
    expect(forbidden.scope).toBe('write_payments');
  });

  it('times out a request that never answers', async () => {
    const never = (async (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof fetch;
    const client = createRechargeClient({
      baseUrl: BASE,
      token: 't',
      fetch: never,
      timeoutMs: 20,
      retry: { maxAttempts: 1 },
      limiter: new RateLimiter(),
    });
    const error = await rechargeError(createStoreApi2021_01(client).countCustomers());
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/did not answer in time/);
  });

  it('stops at once when the caller cancels', async () => {
    const { client } = setup(() => ({ status: 503, body: { errors: 'x' } }));
    const controller = new AbortController();
    controller.abort(new Error('cancelled by user'));
    await expect(client.countCustomers(controller.signal)).rejects.toThrow('cancelled by user');
  });

  it('never follows a redirect (the token would go along) and never retries one', async () => {
    const { client, calls } = setup([
      { status: 302, headers: { Location: 'https://elsewhere.example/customers' } },
      { body: { count: 1 } },
    ]);
    const error = await rechargeError(client.countCustomers());
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/redirect/);
    expect(calls).toHaveLength(1);
  });

  it('never sends the token in clear to another computer, whatever address it was given', async () => {
    for (const baseUrl of ['http://example.com', 'http://localhost:3000', 'http://10.0.0.5']) {
      const { client, calls } = setup([{ body: { count: 1 } }], { baseUrl });
      const error = await rechargeError(client.countCustomers());
      expect(error.kind).toBe('protocol');
      expect(calls).toHaveLength(0);
    }
  });

  it('never retries an opaque redirect (status 0), as a spec-following fetch reports one', async () => {
    let calls = 0;
    const opaque = (() => {
      calls += 1;
      return Promise.resolve({
        type: 'opaqueredirect',
        status: 0,
        ok: false,
        headers: new Headers(),
        text: () => Promise.resolve(''),
      } as Response);
    }) as unknown as typeof fetch;
    const { client } = setup([], { fetch: opaque });
    const error = await rechargeError(client.countCustomers());
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/redirect/);
    expect(calls).toBe(1);
  });
});
