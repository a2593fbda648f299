// A billing edit on 2021-11 is two writes: names on the customer, the rest on the default payment
// method's billing address, under that address's own names and with the country as an ISO code.
import { describe, expect, it } from 'vitest';
import {
  billingAddress,
  billingBodies,
  wireBilling,
} from '../../../src-main/recharge/map-2021-11.ts';
import { billingFromMethod, type PaymentMethod } from '../../../src-shared/customers/model.ts';
import { appErrorOfSync } from '../../helpers/app-error.ts';

describe('2021-11 billing mapping', () => {
  it('splits a billing edit into the customer body and the billing address body', () => {
    expect(
      billingBodies({
        first_name: 'Ann',
        billing_address1: '1 Main St',
        billing_zip: '97201',
        billing_country: 'United States',
        billing_phone: null,
      }),
    ).toEqual({
      customer: { first_name: 'Ann' },
      billing: { address1: '1 Main St', zip: '97201', country_code: 'US', phone: null },
    });
  });

  it('refuses a country it cannot send, naming the form field', () => {
    const error = appErrorOfSync(() => billingBodies({ billing_country: 'Atlantis' }));
    expect(error.kind).toBe('validation');
    expect(error.fieldErrors).toEqual({ billing_country: ['Pick a country from the list.'] });
  });

  it('reads a sparse billing address as nulls and sends it back with the code only', () => {
    const billing = billingAddress({ address1: '1 Main St', country_code: 'us' });
    expect(billing).toEqual({
      first_name: null,
      last_name: null,
      company: null,
      phone: null,
      address1: '1 Main St',
      address2: null,
      city: null,
      province: null,
      zip: null,
      country: 'United States',
      country_code: 'US',
    });
    // Everything but the name of the country, which 2021-11 takes by its code.
    const { country: _name, ...sent } = billing!;
    expect(wireBilling(billing)).toEqual(sent);
  });

  it("gives the customer its default method's billing address, the country by name", () => {
    const method = { billing: billingAddress({ city: 'Portland', country_code: 'US' }) };
    expect(billingFromMethod(method as PaymentMethod)).toEqual({
      billing_address1: null,
      billing_address2: null,
      billing_zip: null,
      billing_city: 'Portland',
      billing_company: null,
      billing_province: null,
      billing_country: 'United States',
      billing_phone: null,
    });
    expect(billingFromMethod(null)).toMatchObject({ billing_city: null, billing_country: null });
  });
});
