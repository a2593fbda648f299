// A billing edit on 2021-11 is two writes: names on the customer, the rest on the default payment
// method's billing address, under that address's own names and with the country as an ISO code.
import { describe, expect, it } from 'vitest';
import {
  billingAddress,
  billingBodies,
  wireBilling,
} from '../../../src-main/recharge/map-2021-11.ts';
import {
  BILLING_FIELDS,
  BillingAddress,
  billingFromMethod,
  type PaymentMethod,
} from '../../../src-shared/customers/model.ts';
import { appErrorOfSync } from '../../helpers/app-error.ts';

const nulls = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, null]));

describe('2021-11 billing mapping', () => {
  it.each([
    ['billing_address1', '1 Main St', 'address1', '1 Main St'],
    ['billing_phone', null, 'phone', null],
    ['billing_country', 'United States', 'country_code', 'US'],
  ] as const)('sends %s = %s as the billing address’s %s', (field, value, key, sent) => {
    const bodies = billingBodies({ first_name: 'Ann', [field]: value });
    expect(bodies).toEqual({ customer: { first_name: 'Ann' }, billing: { [key]: sent } });
  });

  it('refuses a country it cannot send, naming the form field', () => {
    const error = appErrorOfSync(() => billingBodies({ billing_country: 'Atlantis' }));
    expect(error.kind).toBe('validation');
    expect(error.fieldErrors).toEqual({ billing_country: ['Pick a country from the list.'] });
  });

  it('reads a sparse billing address with every part, and sends it back by country code', () => {
    const billing = billingAddress({ address1: '1 Main St', country_code: 'us' })!;
    expect(BillingAddress.strict().parse(billing)).toEqual(billing);
    expect(billing).toMatchObject({ address1: '1 Main St', city: null, country_code: 'US' });
    expect(billing.country).toBe('United States');
    // Everything but the name of the country, which 2021-11 takes by its code.
    const { country: _name, ...sent } = billing;
    expect(wireBilling(billing)).toEqual(sent);
  });

  it("gives the customer its default method's billing address, the country by name", () => {
    const method = { billing: billingAddress({ city: 'Portland', country_code: 'US' }) };
    expect(billingFromMethod(method as PaymentMethod)).toEqual({
      ...nulls(BILLING_FIELDS),
      billing_city: 'Portland',
      billing_country: 'United States',
    });
    expect(billingFromMethod(null)).toEqual(nulls(BILLING_FIELDS));
  });
});
