// Scopes on 2021-11 payment methods: reads need read_payment_methods, writes
// write_payment_methods; the customer scopes and 2021-01's write_payments grant neither.
import { describe, expect, it } from 'vitest';
import { normalizeErrors } from '../../../src-shared/recharge/wire-errors.ts';
import { VALID_METHOD } from './payment-method-body.ts';
import { useSandbox } from './suite-sandbox.ts';

const env = useSandbox({ seed: 17, customers: 100 }, '2021-11');
const { api } = env;

const customers = () => [...env.sandbox.store.customerTable.rows.keys()];

describe('payment-method scopes', () => {
  it('reads need read_payment_methods, writes write_payment_methods (403 otherwise)', async () => {
    const id = customers().find(
      (c) => env.sandbox.store.defaultMethodOf(c)?.data.processor_name === 'stripe',
    );
    const method = env.sandbox.store.defaultMethodOf(id ?? 0)?.data.id;
    const customersOnly = env.sandbox.admin.addToken({
      scopes: ['read_customers', 'write_customers'],
    }).token;
    for (const path of [`/payment_methods?customer_id=${id}`, `/payment_methods/${method}`]) {
      const denied = await api(path, { token: customersOnly });
      expect(denied.status, path).toBe(403);
      expect(normalizeErrors(denied.json).message).toContain('read_payment_methods');
      expect((await api(path, { token: env.sandbox.tokens.readOnly })).status, path).toBe(200);
    }
    const writes: [string, string, unknown][] = [
      ['POST', '/payment_methods', { ...VALID_METHOD, customer_id: id }],
      ['PUT', `/payment_methods/${method}`, { billing_address: { city: 'Nope' } }],
      ['DELETE', `/payment_methods/${method}`, undefined],
    ];
    for (const [verb, path, body] of writes) {
      for (const token of [env.sandbox.tokens.readOnly, env.sandbox.tokens.readWrite]) {
        const denied = await api(path, {
          method: verb,
          token,
          ...(body === undefined ? {} : { body }),
        });
        expect(denied.status, `${verb} ${path}`).toBe(403);
        expect(normalizeErrors(denied.json).message).toContain('write_payment_methods');
      }
    }
    const legacy = env.sandbox.admin.addToken({
      scopes: ['read_customer', 'write_payments'],
    }).token;
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
