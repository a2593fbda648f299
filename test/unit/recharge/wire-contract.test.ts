// What real stores send, per API version: sparse objects, nulls, unknown fields, both timestamp
// forms. All of it must be read; a really broken payload is refused naming the field.
import { describe, expect, it } from 'vitest';
import { createRechargeClient } from '../../../src-main/recharge/client.ts';
import { RechargeError } from '../../../src-main/recharge/errors.ts';
import { RateLimiter } from '../../../src-main/recharge/rate-limiter.ts';
import { createStoreApi2021_01 } from '../../../src-main/recharge/v2021-01.ts';
import { createStoreApi2021_11 } from '../../../src-main/recharge/v2021-11.ts';
import { mergeAddress, mergeCustomer } from '../../../src-shared/customers/model.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import * as w01 from '../../../src-shared/recharge/wire-2021-01.ts';
import * as w11 from '../../../src-shared/recharge/wire-2021-11.ts';
import { scriptedFetch, type Reply } from '../../helpers/fake-fetch.ts';
import { appErrorOf } from '../../helpers/app-error.ts';

const rechargeError = (promise: Promise<unknown>) => appErrorOf(promise, RechargeError);

function apiOf(version: ApiVersion, replies: Reply[]) {
  const { fetch } = scriptedFetch(replies);
  const client = createRechargeClient({
    baseUrl: 'http://127.0.0.1:9',
    token: 't',
    apiVersion: version,
    fetch,
    retry: { maxAttempts: 1 },
    limiter: new RateLimiter(),
  });
  return version === '2021-01' ? createStoreApi2021_01(client) : createStoreApi2021_11(client);
}

/** Every documented key of a schema, set to null. */
const allNull = (shape: Record<string, unknown>, ids: Record<string, number>) => ({
  ...Object.fromEntries(Object.keys(shape).map((key) => [key, null])),
  ...ids,
});

const VERSIONS = [
  { version: '2021-01', customer: w01.Customer, address: w01.Address },
  { version: '2021-11', customer: w11.Customer, address: w11.Address },
] as const;

describe.each(VERSIONS)('API $version payloads', ({ version, customer, address }) => {
  it('reads a customer with only an id, one with every field null, and unknown extras', async () => {
    const api = apiOf(version, [
      {
        body: {
          customers: [
            { id: 1 },
            allNull(customer.shape, { id: 2 }),
            { id: 3, brand_new_field: { nested: [1, 2] }, another: 'x' },
          ],
        },
      },
    ]);
    const page = await api.listCustomers({ limit: 50 });
    expect(page.items.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(page.items[0]).toEqual({ id: 1 });
    const empty = mergeCustomer(null, page.items[1]!);
    expect(empty.email).toBeNull();
    expect(empty.updated_at).toBeNull();
    expect(JSON.stringify(page.items[2])).not.toContain('brand_new_field');
  });

  it('reads an address with only its ids, and one with every field null', async () => {
    const api = apiOf(version, [
      {
        body: {
          addresses: [{ id: 5, customer_id: 1 }, allNull(address.shape, { id: 6, customer_id: 1 })],
        },
      },
    ]);
    const page = await api.listAddresses({ limit: 50 });
    expect(page.items[0]).toEqual({ id: 5, customer_id: 1 });
    expect(mergeAddress(null, page.items[1]!)).toMatchObject({ id: 6, city: null, country: null });
  });

  it('takes naive timestamps as US Eastern (with daylight saving) and offsets as written', async () => {
    const api = apiOf(version, [
      {
        body: {
          customers: [
            { id: 1, updated_at: '2021-01-20T10:15:02' },
            { id: 2, updated_at: '2021-07-20T10:15:02' },
            { id: 3, updated_at: '2021-07-20T10:15:02+00:00' },
            { id: 4, updated_at: '2024-03-10T12:00:00.123456-05:00' },
          ],
        },
      },
    ]);
    const page = await api.listCustomers({ limit: 50 });
    expect(page.items.map((c) => c.updated_at)).toEqual([
      '2021-01-20T15:15:02Z',
      '2021-07-20T14:15:02Z',
      '2021-07-20T10:15:02Z',
      '2024-03-10T17:00:00Z',
    ]);
  });

  it('refuses a customer whose id is not an integer, naming the field', async () => {
    const api = apiOf(version, [{ body: { customers: [{ id: 1 }, { id: '2' }] } }]);
    const error = await rechargeError(api.listCustomers({ limit: 50 }));
    expect(error.kind).toBe('protocol');
    expect(error.message).toContain('customers.1.id');
  });

  it('refuses an address without its customer, a list that is not one, and junk timestamps', async () => {
    const missingOwner = apiOf(version, [{ body: { addresses: [{ id: 5 }] } }]);
    expect((await rechargeError(missingOwner.listAddresses({ limit: 50 }))).message).toContain(
      'addresses.0.customer_id',
    );
    const notAList = apiOf(version, [{ body: { customers: 'nope' } }]);
    expect((await rechargeError(notAList.listCustomers({ limit: 50 }))).message).toContain(
      'customers',
    );
    const junk = apiOf(version, [{ body: { customers: [{ id: 1, updated_at: 'yesterday' }] } }]);
    expect((await rechargeError(junk.listCustomers({ limit: 50 }))).message).toContain(
      'customers.0.updated_at',
    );
  });
});

describe('API 2021-01 specifics', () => {
  it('reads accepts_marketing as 0/1, a boolean, null or absent', async () => {
    const api = apiOf('2021-01', [
      {
        body: {
          customers: [
            { id: 1, accepts_marketing: 1 },
            { id: 2, accepts_marketing: 0 },
            { id: 3, accepts_marketing: true },
            { id: 4, accepts_marketing: null },
            { id: 5 },
          ],
        },
      },
    ]);
    const page = await api.listCustomers({ limit: 50 });
    expect(page.items.map((c) => c.accepts_marketing)).toEqual([
      true,
      false,
      true,
      null,
      undefined,
    ]);
  });

  it('drops processor tokens a customer payload carries', async () => {
    const api = apiOf('2021-01', [
      {
        body: {
          customers: [
            {
              id: 1,
              stripe_customer_token: 'cus_AAAAsecret',
              braintree_customer_token: 'bt_secret',
              paypal_customer_token: 'pp_secret',
              billing_city: 'Reno',
            },
          ],
        },
      },
    ]);
    const page = await api.listCustomers({ limit: 50 });
    expect(JSON.stringify(page.items)).not.toMatch(/secret/);
    expect(page.items[0]).toEqual({ id: 1, billing_city: 'Reno' });
  });
});

describe('API 2021-11 specifics', () => {
  it('maps external ids, dunning and counts, and country codes to names', async () => {
    const api = apiOf('2021-11', [
      {
        body: {
          customers: [
            {
              id: 1,
              external_customer_id: { ecommerce: '8156483977392' },
              has_payment_method_in_dunning: true,
              subscriptions_active_count: 2,
              subscriptions_total_count: 3,
              tax_exempt: false,
            },
          ],
        },
      },
      { body: { addresses: [{ id: 9, customer_id: 1, country_code: 'ca' }] } },
    ]);
    const [customer] = (await api.listCustomers({ limit: 50 })).items;
    expect(customer).toEqual({
      id: 1,
      external_customer_id: '8156483977392',
      in_dunning: true,
      subscriptions_active: 2,
      subscriptions_total: 3,
      tax_exempt: false,
    });
    const [address] = (await api.listAddresses({ limit: 50 })).items;
    expect(address).toMatchObject({ country: 'Canada', country_code: 'CA' });
  });

  it('reads payment methods without their processor tokens, sparse or whole', async () => {
    const api = apiOf('2021-11', [
      {
        body: {
          payment_methods: [
            { id: 1, customer_id: 7 },
            {
              id: 2,
              customer_id: 7,
              default: true,
              payment_type: 'CREDIT_CARD',
              processor_name: 'stripe',
              processor_customer_token: 'cus_TOPSECRET',
              processor_payment_method_token: 'pm_TOPSECRET',
              status: 'invalid',
              status_reason: 'Card expired',
              payment_details: { brand: 'visa', last4: '4242', exp_month: 8, exp_year: '2030' },
              billing_address: { city: 'Reno', country_code: 'US', zip: '89501' },
              updated_at: '2024-01-02T03:04:05+00:00',
            },
            { id: 3, customer_id: 7, processor_name: 'shopify_payments' },
          ],
          next_cursor: 'abc',
        },
      },
    ]);
    const page = await api.listPaymentMethods({ limit: 50 });
    expect(page.next).toBe('abc');
    expect(JSON.stringify(page.items)).not.toContain('TOPSECRET');
    expect(page.items[0]).toMatchObject({
      id: 1,
      is_default: null,
      billing: null,
      read_only: false,
    });
    expect(page.items[1]).toMatchObject({
      is_default: true,
      brand: 'visa',
      last4: '4242',
      exp_month: 8,
      exp_year: 2030,
      status_reason: 'Card expired',
      billing: { city: 'Reno', country: 'United States', country_code: 'US' },
      updated_at: '2024-01-02T03:04:05Z',
    });
    expect(page.items[2]?.read_only).toBe(true);
  });

  it('reads a payment method with every field null, and both timestamp forms', async () => {
    const api = apiOf('2021-11', [
      {
        body: {
          payment_methods: [
            allNull(w11.PaymentMethod.shape, { id: 1, customer_id: 7 }),
            { id: 2, customer_id: 7, payment_details: null, billing_address: null },
            { id: 3, customer_id: 7, updated_at: '2024-11-03T01:30:00', extra: { x: 1 } },
            { id: 4, customer_id: 7, updated_at: '2024-11-03T01:30:00+00:00' },
          ],
        },
      },
    ]);
    const page = await api.listPaymentMethods({ limit: 50 });
    expect(page.items[0]).toMatchObject({ id: 1, is_default: null, brand: null, billing: null });
    expect(page.items.map((m) => m.updated_at)).toEqual([
      null,
      null,
      '2024-11-03T05:30:00Z',
      '2024-11-03T01:30:00Z',
    ]);
  });

  it('refuses a payment method whose customer_id is not an integer, naming the field', async () => {
    const api = apiOf('2021-11', [{ body: { payment_methods: [{ id: 1, customer_id: 'x' }] } }]);
    expect((await rechargeError(api.listPaymentMethods({ limit: 50 }))).message).toContain(
      'payment_methods.0.customer_id',
    );
  });

  it('pages with cursor and limit only, and asks for changes in US Eastern time', async () => {
    const { fetch, calls } = scriptedFetch([
      { body: { customers: [], next_cursor: 'n1' } },
      { body: { customers: [], next_cursor: null } },
    ]);
    const api = createStoreApi2021_11(
      createRechargeClient({
        baseUrl: 'http://127.0.0.1:9',
        token: 't',
        apiVersion: '2021-11',
        fetch,
        limiter: new RateLimiter(),
      }),
    );
    const first = await api.listCustomers({ limit: 250, updatedSince: '2021-07-20T14:00:00Z' });
    expect(first.next).toBe('n1');
    await api.listCustomers({ limit: 250, cursor: 'n1' });
    expect(calls[0]?.url.searchParams.get('updated_at_min')).toBe('2021-07-20T10:00:00');
    expect([...(calls[1]?.url.searchParams.keys() ?? [])].sort()).toEqual(['cursor', 'limit']);
    expect(calls[0]?.headers.get('X-Recharge-Version')).toBe('2021-11');
  });
});
