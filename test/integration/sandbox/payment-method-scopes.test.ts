// Scopes on 2021-11 payment methods: reads need read_payment_methods, writes
// write_payment_methods; the customer scopes and 2021-01's write_payments grant neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { normalizeErrors } from '../../../src-shared/recharge/wire-errors.ts';
import { call, type CallOptions } from './http.ts';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 17, customers: 100, timeScale: 1e6 });
});
afterAll(async () => {
  await sandbox.close();
});

const api = (path: string, options: CallOptions = {}) =>
  call(sandbox.url, path, { token: sandbox.tokens.full, version: '2021-11', ...options });

const customers = () => [...sandbox.store.customerTable.rows.keys()];

const VALID = {
  payment_type: 'CREDIT_CARD',
  processor_name: 'stripe',
  processor_customer_token: 'cus_Q1w2e3r4t5y6u7',
  processor_payment_method_token: 'pm_1N3T00LkdIwHu7ix',
};

describe('payment-method scopes', () => {
  it('reads need read_payment_methods, writes write_payment_methods (403 otherwise)', async () => {
    const id = customers().find(
      (c) => sandbox.store.defaultMethodOf(c)?.data.processor_name === 'stripe',
    );
    const method = sandbox.store.defaultMethodOf(id ?? 0)?.data.id;
    const customersOnly = sandbox.admin.addToken({
      scopes: ['read_customers', 'write_customers'],
    }).token;
    for (const path of [`/payment_methods?customer_id=${id}`, `/payment_methods/${method}`]) {
      const denied = await api(path, { token: customersOnly });
      expect(denied.status, path).toBe(403);
      expect(normalizeErrors(denied.json).message).toContain('read_payment_methods');
      expect((await api(path, { token: sandbox.tokens.readOnly })).status, path).toBe(200);
    }
    const writes: [string, string, unknown][] = [
      ['POST', '/payment_methods', { ...VALID, customer_id: id }],
      ['PUT', `/payment_methods/${method}`, { billing_address: { city: 'Nope' } }],
      ['DELETE', `/payment_methods/${method}`, undefined],
    ];
    for (const [verb, path, body] of writes) {
      for (const token of [sandbox.tokens.readOnly, sandbox.tokens.readWrite]) {
        const denied = await api(path, {
          method: verb,
          token,
          ...(body === undefined ? {} : { body }),
        });
        expect(denied.status, `${verb} ${path}`).toBe(403);
        expect(normalizeErrors(denied.json).message).toContain('write_payment_methods');
      }
    }
    const legacy = sandbox.admin.addToken({ scopes: ['read_customer', 'write_payments'] }).token;
    expect(
      (
        await api(`/payment_methods/${method}`, {
          method: 'PUT',
          token: legacy,
          body: { default: true },
        })
      ).status,
    ).toBe(403);
  });
});
