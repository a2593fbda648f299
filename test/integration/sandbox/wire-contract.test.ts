// Every object the sandbox sends, from every endpoint of each version, parses with that version's
// shared schema and carries no key the schema does not document (sparse data and full data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { COUNTRIES } from '../../../src-shared/geo/countries.ts';
import { TOKEN_FIELDS_2021_01 } from '../../../src-shared/recharge/wire-2021-01.ts';
import * as w0101 from '../../../src-shared/recharge/wire-2021-01.ts';
import * as w2111 from '../../../src-shared/recharge/wire-2021-11.ts';
import { call, type CallOptions } from './http.ts';
import { listAll, undocumented, type Json, type Version } from './wire-helpers.ts';

const NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;
const COUNTRY_NAMES = new Set(COUNTRIES.map((country) => country.name));
const TIMES = ['created_at', 'updated_at', 'first_charge_processed_at'];
/** What each list holds, as the checks name it. */
const KIND_OF = {
  customers: 'customer',
  addresses: 'address',
  payment_methods: 'payment_method',
} as const;

function times(item: Json): string[] {
  return TIMES.flatMap((key) => (typeof item[key] === 'string' ? [item[key]] : []));
}

function check2021_01(kind: 'customer' | 'address', item: Json): void {
  if (kind === 'customer') {
    w0101.Customer.parse(item);
    expect(undocumented(item, w0101.Customer, [...TOKEN_FIELDS_2021_01])).toEqual([]);
  } else {
    w0101.Address.parse(item);
    expect(undocumented(item, w0101.Address)).toEqual([]);
    expect(COUNTRY_NAMES.has(item['country'] as string), String(item['country'])).toBe(true);
  }
  for (const time of times(item)) expect(time).toMatch(NAIVE);
}

function check2021_11(kind: 'customer' | 'address' | 'payment_method', item: Json): void {
  if (kind === 'customer') {
    w2111.Customer.parse(item);
    expect(undocumented(item, w2111.Customer)).toEqual([]);
    const keys = Object.keys(item);
    expect(keys.filter((k) => k.startsWith('billing_') || k.endsWith('_customer_token'))).toEqual(
      [],
    );
    expect(keys).not.toContain('status');
    for (const time of times(item)) expect(time).toMatch(OFFSET);
    const include = item['include'] as { addresses?: Json[]; payment_methods?: Json[] } | undefined;
    for (const address of include?.addresses ?? []) check2021_11('address', address);
    for (const method of include?.payment_methods ?? []) check2021_11('payment_method', method);
    return;
  }
  const schema = kind === 'address' ? w2111.Address : w2111.PaymentMethod;
  schema.parse(item);
  expect(undocumented(item, schema)).toEqual([]);
  for (const time of times(item)) expect(time).toMatch(OFFSET);
  if (kind === 'address') expect(item['country_code']).toMatch(/^[A-Z]{2}$/);
  const billing = item['billing_address'] as Json | null | undefined;
  if (billing) expect(undocumented(billing, w2111.BillingAddress)).toEqual([]);
  const details = item['payment_details'] as Json | null | undefined;
  if (details) expect(undocumented(details, w2111.PaymentDetails)).toEqual([]);
}

for (const sparse of [true, false]) {
  describe(`wire contract (sparse: ${sparse})`, () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ seed: 23, customers: 300, timeScale: 1e6, sparse });
    });
    afterAll(async () => {
      await sandbox.close();
    });

    const api = async (version: Version, path: string, options: CallOptions = {}) => {
      const response = await call(sandbox.url, path, {
        token: sandbox.tokens.full,
        version,
        ...options,
      });
      expect(response.status, `${version} ${path} ${response.text}`).toBeLessThan(300);
      return response.json as Json;
    };

    it('2021-01: lists, reads and write answers', async () => {
      for (const list of ['customers', 'addresses'] as const) {
        for (const item of await listAll(sandbox, '2021-01', list)) {
          check2021_01(KIND_OF[list], item);
        }
      }
      const id =
        [...sandbox.store.customerTable.rows.keys()].find(
          (c) => sandbox.store.addressIdsOf(c).length > 0,
        ) ?? 0;
      check2021_01('customer', (await api('2021-01', `/customers/${id}`))['customer'] as Json);
      for (const a of (await api('2021-01', `/customers/${id}/addresses`))['addresses'] as Json[]) {
        check2021_01('address', a);
      }
      const addressId = sandbox.store.addressIdsOf(id)[0];
      check2021_01('address', (await api('2021-01', `/addresses/${addressId}`))['address'] as Json);
      const writes: [string, string, unknown, 'customer' | 'address'][] = [
        [
          'POST',
          '/customers',
          {
            email: `c${sparse}@x.com`,
            first_name: 'A',
            last_name: 'B',
            stripe_customer_token: 'cus_Abc123456',
          },
          'customer',
        ],
        [
          'PUT',
          `/customers/${id}`,
          { billing_city: 'Reno', billing_country: 'Canada' },
          'customer',
        ],
        [
          'POST',
          `/customers/${id}/addresses`,
          {
            address1: 'a',
            city: 'b',
            zip: 'c',
            country: 'France',
            first_name: 'd',
            last_name: 'e',
          },
          'address',
        ],
        ['PUT', `/addresses/${addressId}`, { city: 'Lyon' }, 'address'],
      ];
      for (const [method, path, body, kind] of writes) {
        check2021_01(kind, (await api('2021-01', path, { method, body }))[kind] as Json);
      }
    });

    it('2021-11: lists, reads with include, and write answers', async () => {
      for (const list of ['customers', 'addresses', 'payment_methods'] as const) {
        for (const item of await listAll(sandbox, '2021-11', list)) {
          check2021_11(KIND_OF[list], item);
        }
      }
      const id =
        [...sandbox.store.customerTable.rows.keys()].find(
          (c) =>
            sandbox.store.addressIdsOf(c).length > 0 &&
            sandbox.store.defaultMethodOf(c)?.data.processor_name === 'stripe',
        ) ?? 0;
      const customer = (await api('2021-11', `/customers/${id}?include=addresses,payment_methods`))[
        'customer'
      ] as Json;
      expect(customer['include']).toBeDefined();
      check2021_11('customer', customer);
      const addressId = sandbox.store.addressIdsOf(id)[0];
      check2021_11('address', (await api('2021-11', `/addresses/${addressId}`))['address'] as Json);
      const methodId = sandbox.store.defaultMethodOf(id)?.data.id;
      check2021_11(
        'payment_method',
        (await api('2021-11', `/payment_methods/${methodId}`))['payment_method'] as Json,
      );
      const writes: [string, string, unknown, 'customer' | 'address' | 'payment_method'][] = [
        [
          'POST',
          '/customers',
          { email: `d${sparse}@x.com`, first_name: 'A', last_name: 'B' },
          'customer',
        ],
        ['PUT', `/customers/${id}`, { tax_exempt: true }, 'customer'],
        [
          'POST',
          '/addresses',
          {
            customer_id: id,
            address1: 'a',
            city: 'b',
            zip: 'c',
            country_code: 'FR',
            first_name: 'd',
            last_name: 'e',
          },
          'address',
        ],
        ['PUT', `/addresses/${addressId}`, { order_note: 'n' }, 'address'],
        [
          'POST',
          '/payment_methods',
          {
            customer_id: id,
            payment_type: 'PAYPAL',
            processor_name: 'braintree',
            processor_customer_token: '1234',
            processor_payment_method_token: 'abcd',
          },
          'payment_method',
        ],
        [
          'PUT',
          `/payment_methods/${methodId}`,
          { billing_address: { city: 'Nantes', country_code: 'FR' } },
          'payment_method',
        ],
      ];
      for (const [method, path, body, kind] of writes) {
        check2021_11(kind, (await api('2021-11', path, { method, body }))[kind] as Json);
      }
    });

    it('2021-11 customer timestamps follow the switch: naive US Eastern on request', async () => {
      sandbox.admin.setCustomerTimestamps('naive');
      try {
        const customers = await listAll(sandbox, '2021-11', 'customers');
        for (const customer of customers)
          for (const time of times(customer)) expect(time).toMatch(NAIVE);
        const addresses = await listAll(sandbox, '2021-11', 'addresses');
        for (const address of addresses)
          for (const time of times(address)) expect(time).toMatch(OFFSET);
      } finally {
        sandbox.admin.setCustomerTimestamps('offset');
      }
    });
  });
}
