import { describe, expect, it } from 'vitest';
import { generateCustomers } from '../../../src-main/sandbox/generate.ts';
import { Address, Customer } from '../../../src-shared/recharge/wire-2021-01.ts';
import { ErrorBody, normalizeErrors } from '../../../src-shared/recharge/wire-errors.ts';

const { customers, addresses } = generateCustomers(1, 5, { sparse: false });
const customer = customers[0] as Customer;

describe('wire schemas against generated objects', () => {
  it('keep unknown fields and accept timestamps with or without an offset', () => {
    const parsed = Customer.parse({
      ...customer,
      billing_first_name: 'Old',
      updated_at: '2021-01-20T10:15:02+00:00',
    });
    expect(parsed['billing_first_name']).toBe('Old');
    expect(Customer.safeParse({ ...customer, created_at: '2021-01-20T10:15:02' }).success).toBe(
      true,
    );
    expect(Customer.safeParse({ ...customer, created_at: '2021-01-20' }).success).toBe(false);
  });

  it('refuse wrong types of the fields they list', () => {
    expect(Customer.safeParse({ ...customer, id: '1' }).success).toBe(false);
    expect(Customer.safeParse({ ...customer, number_subscriptions: -1 }).success).toBe(false);
    const address = addresses[0];
    expect(Address.safeParse({ ...address, zip: 90404 }).success).toBe(false);
  });
});

describe('normalizeErrors', () => {
  it('handles all four shapes', () => {
    expect(normalizeErrors({ errors: 'Not Found' })).toEqual({
      message: 'Not Found',
      fieldErrors: {},
    });
    expect(normalizeErrors({ error: 'bad authentication' })).toEqual({
      message: 'bad authentication',
      fieldErrors: {},
    });
    expect(normalizeErrors({ errors: { first_name: ['Shorter than minimum length 1.'] } })).toEqual(
      {
        message: 'first_name: Shorter than minimum length 1.',
        fieldErrors: { first_name: ['Shorter than minimum length 1.'] },
      },
    );
    expect(
      normalizeErrors({ errors: { email: 'email already exists on store' } }).fieldErrors,
    ).toEqual({
      email: ['email already exists on store'],
    });
    expect(normalizeErrors({ errors: { _schema: ['Invalid input type.'] } }).message).toBe(
      'Invalid input type.',
    );
    for (const body of [
      { errors: 'x' },
      { error: 'x' },
      { errors: { a: 'x' } },
      { errors: { a: ['x'] } },
    ]) {
      expect(ErrorBody.safeParse(body).success).toBe(true);
    }
  });

  it('never throws on odd bodies', () => {
    expect(normalizeErrors(null).message).toBe('Unknown error');
    expect(normalizeErrors('<html>502</html>').message).toBe('<html>502</html>');
    expect(normalizeErrors({ errors: { nested: { deep: ['x'] } } }).fieldErrors).toEqual({
      nested: ['deep: x'],
    });
    expect(normalizeErrors({ message: 'm' }).message).toBe('m');
  });
});
