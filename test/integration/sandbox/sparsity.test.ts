// Real stores leave optional fields out and send nulls. With sparsity on (the default) the
// sandbox does both, deterministically; with it off every documented key is present.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_KEYS } from '../../../src-main/sandbox/generate-sparse.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import * as w0101 from '../../../src-shared/recharge/wire-2021-01.ts';
import * as w2111 from '../../../src-shared/recharge/wire-2021-11.ts';
import { call } from './http.ts';
import { documentedKeys, listAll, type Json } from './wire-helpers.ts';

let sparse: Sandbox;
let full: Sandbox;

beforeAll(async () => {
  sparse = await startSandbox({ seed: 29, customers: 400, timeScale: 1e6 });
  full = await startSandbox({ seed: 29, customers: 400, timeScale: 1e6, sparse: false });
});
afterAll(async () => {
  await Promise.all([sparse.close(), full.close()]);
});

const absent = (items: Json[], key: string) => items.filter((item) => !(key in item)).length;
const nulls = (items: Json[], key: string) => items.filter((item) => item[key] === null).length;
const part = (items: Json[], outer: string) =>
  items.flatMap((item) => (item[outer] ? [item[outer] as Json] : []));
/** Each key is left out of some items (and, with alsoNull, sent as null in others). */
const expectSparse = (items: Json[], keys: readonly string[], alsoNull = false) => {
  for (const key of keys) {
    expect(absent(items, key), key).toBeGreaterThan(0);
    if (alsoNull) expect(nulls(items, key), key).toBeGreaterThan(0);
  }
};

describe('sparsity on (default)', () => {
  it('customers omit some optional keys entirely and carry nulls in others', async () => {
    const old = await listAll(sparse, '2021-01', 'customers');
    const oldKeys = ['phone', 'accepts_marketing', 'shopify_customer_id', 'billing_phone'];
    expectSparse(old, [...oldKeys, 'first_charge_processed_at'], true);
    const current = await listAll(sparse, '2021-11', 'customers');
    expectSparse(current, ['phone', 'tax_exempt', 'external_customer_id', 'analytics_data']);
    const omitting = old.filter((c) => !('phone' in c) || !('accepts_marketing' in c)).length;
    expect(omitting / old.length).toBeGreaterThan(0.05);
    expect(omitting / old.length).toBeLessThan(0.4);
    expect(old.every((c) => typeof c['id'] === 'number')).toBe(true);
  });

  it('addresses and payment methods do too; ids and customer ids are always there', async () => {
    const addresses = await listAll(sparse, '2021-01', 'addresses');
    expectSparse(addresses, ADDRESS_KEYS);
    expect(nulls(addresses, 'presentment_currency')).toBeGreaterThan(0);
    const methods = await listAll(sparse, '2021-11', 'payment_methods');
    const details = part(methods, 'payment_details');
    const billing = part(methods, 'billing_address');
    expect(absent(details, 'funding_type') + absent(details, 'exp_month')).toBeGreaterThan(0);
    expect(absent(billing, 'phone') + absent(billing, 'company')).toBeGreaterThan(0);
    expect(absent(methods, 'status_reason')).toBeGreaterThan(0);
    for (const item of [...addresses, ...methods]) {
      expect(typeof item['id']).toBe('number');
      expect(typeof item['customer_id']).toBe('number');
    }
  });

  it('is the same every run for a seed', async () => {
    const again = await startSandbox({ seed: 29, customers: 400 });
    try {
      for (const version of ['2021-01', '2021-11']) {
        const get = (s: Sandbox) =>
          call(s.url, '/customers?limit=250&sort_by=id-asc', { token: s.tokens.readOnly, version });
        expect((await get(again)).text).toBe((await get(sparse)).text);
      }
    } finally {
      await again.close();
    }
  });
});

describe('sparsity off', () => {
  const expectAll = (items: Json[], keys: string[], what: string) => {
    for (const item of items) {
      const missing = keys.filter((key) => !(key in item));
      expect(missing, `${what} ${String(item['id'])}`).toEqual([]);
    }
  };

  it('sends every documented key of every object, in both versions', async () => {
    const notSent0101 = ['billing_first_name', 'billing_last_name'];
    const customerKeys = documentedKeys(w0101.Customer).filter((k) => !notSent0101.includes(k));
    expectAll(await listAll(full, '2021-01', 'customers'), customerKeys, 'customer 2021-01');
    expectAll(
      await listAll(full, '2021-01', 'addresses'),
      documentedKeys(w0101.Address),
      'address 2021-01',
    );
    const customers2111 = documentedKeys(w2111.Customer).filter((k) => k !== 'include');
    expectAll(await listAll(full, '2021-11', 'customers'), customers2111, 'customer 2021-11');
    expectAll(
      await listAll(full, '2021-11', 'addresses'),
      documentedKeys(w2111.Address),
      'address 2021-11',
    );
    const methods = await listAll(full, '2021-11', 'payment_methods');
    expectAll(methods, documentedKeys(w2111.PaymentMethod), 'payment method');
    expectAll(part(methods, 'payment_details'), documentedKeys(w2111.PaymentDetails), 'details');
    const billingKeys = documentedKeys(w2111.BillingAddress).filter((k) => k !== 'country');
    expectAll(part(methods, 'billing_address'), billingKeys, 'billing address');
  });

  it('fills in the very records the sparse store sends', () => {
    expect(full.admin.state()).toMatchObject({ sparse: false });
    expect([...full.store.customerTable.rows.keys()]).toEqual([
      ...sparse.store.customerTable.rows.keys(),
    ]);
    expect(full.admin.state().paymentMethods).toBe(sparse.admin.state().paymentMethods);
  });
});
