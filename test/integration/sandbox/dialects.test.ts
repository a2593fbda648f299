// One store, two dialects: a change made through one API version shows in the other, and both
// versions' timestamps name the same instants (2021-01 in US Eastern wall time, DST included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import * as w0101 from '../../../src-shared/recharge/wire-2021-01.ts';
import * as w2111 from '../../../src-shared/recharge/wire-2021-11.ts';
import { parseRechargeTimestamp } from '../../../src-shared/time/eastern.ts';
import { call, type CallOptions } from './http.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 31, customers: 300, timeScale: 1e6 });
});
afterAll(async () => {
  await sandbox.close();
});

const api = (version: ApiVersion, path: string, options: CallOptions = {}) =>
  call(sandbox.url, path, { token: sandbox.tokens.full, version, ...options });
const methodsOf = async (id: number) =>
  w2111.PaymentMethodList.parse((await api('2021-11', `/payment_methods?customer_id=${id}`)).json)
    .payment_methods;
const ids = () => [...sandbox.store.customerTable.rows.keys()];
/** A 2021-01 customer PUT, answered with the customer it returns. */
const putCustomer0101 = async (id: number, body: Record<string, unknown>) =>
  w0101.CustomerEnvelope.parse(
    (await api('2021-01', `/customers/${id}`, { method: 'PUT', body })).json,
  ).customer;

describe('2021-01 writes seen from 2021-11', () => {
  it('billing fields land on the default method’s billing address (country name → code)', async () => {
    const id =
      ids().find((c) => sandbox.store.defaultMethodOf(c)?.data.processor_name === 'stripe') ?? 0;
    const before = sandbox.store.customerRow(id)?.updated ?? 0;
    const put = await api('2021-01', `/customers/${id}`, {
      method: 'PUT',
      body: { billing_city: 'Montreal', billing_country: 'Canada', billing_province: 'Quebec' },
    });
    expect(put.status).toBe(200);
    const method = (await methodsOf(id)).find((m) => m.default);
    expect(method?.billing_address).toMatchObject({
      city: 'Montreal',
      country_code: 'CA',
      province: 'Quebec',
    });
    expect(sandbox.store.customerRow(id)?.updated ?? 0).toBeGreaterThan(before);
  });

  it('billing for a customer without a method makes a default holder for it', async () => {
    const id = ids().find((c) => sandbox.store.methodIdsOf(c).length === 0) ?? 0;
    expect(await putCustomer0101(id, { billing_zip: '02134' })).toMatchObject({
      billing_zip: '02134',
      billing_city: null,
      processor_type: null,
    });
    expect(await methodsOf(id)).toMatchObject([
      { default: true, status: 'empty', processor_name: null, billing_address: { zip: '02134' } },
    ]);
  });

  it('a payment token replaces the default method, keeping billing and the addresses it pays', async () => {
    const id =
      ids().find(
        (c) =>
          sandbox.store.addressIdsOf(c).length > 0 &&
          sandbox.store.defaultMethodOf(c)?.data.billing_address?.city,
      ) ?? 0;
    const old = (await methodsOf(id)).find((m) => m.default);
    expect(await putCustomer0101(id, { paypal_customer_token: 'B-7HX45821KK' })).toMatchObject({
      processor_type: 'paypal',
      has_valid_payment_method: true,
      billing_city: old?.billing_address?.city,
    });
    const methods = await methodsOf(id);
    const now = methods.find((m) => m.default);
    expect(now).toMatchObject({ payment_type: 'PAYPAL', processor_customer_token: 'B-7HX45821KK' });
    expect(methods.some((m) => m.id === old?.id)).toBe(false);
    const addresses = w2111.AddressList.parse(
      (await api('2021-11', `/addresses?customer_id=${id}`)).json,
    );
    expect(addresses.addresses.some((a) => a.payment_method_id === now?.id)).toBe(true);
    expect(addresses.addresses.some((a) => a.payment_method_id === old?.id)).toBe(false);
  });
});

describe('timestamps of both dialects name the same instants', () => {
  it('2021-01 naive US Eastern (summer and winter) = 2021-11 +00:00', async () => {
    const pick = (month: number) =>
      [...sandbox.store.customerTable.rows.values()].find(
        (row) => new Date(row.updated * 1000).getUTCMonth() === month,
      )?.data.id ?? 0;
    for (const id of [pick(0), pick(6)]) {
      const old = w0101.CustomerEnvelope.parse(
        (await api('2021-01', `/customers/${id}`)).json,
      ).customer;
      const now = w2111.CustomerEnvelope.parse(
        (await api('2021-11', `/customers/${id}`)).json,
      ).customer;
      const instant = sandbox.store.customerRow(id)?.updated;
      expect(parseRechargeTimestamp(old.updated_at ?? '')).toBe(instant);
      expect(parseRechargeTimestamp(now.updated_at ?? '')).toBe(instant);
      const hours = ((instant ?? 0) - Date.parse(`${old.updated_at}Z`) / 1000) / 3600;
      expect(hours).toBe(new Date((instant ?? 0) * 1000).getUTCMonth() === 6 ? 4 : 5);
    }
  });
});
