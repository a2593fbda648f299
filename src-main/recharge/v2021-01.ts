// API 2021-01 onto the domain model: billing lives on the customer, the payment token is a field
// of `PUT /customers/{id}`, lists page by `Link` headers and the store can count.
import { pick } from '../../src-shared/customers/field-groups.ts';
import {
  BILLING_FIELDS,
  CUSTOMER_STATUSES,
  type AddressFacts,
  type CustomerFacts,
  type CustomerStatus,
} from '../../src-shared/customers/model.ts';
import { tokenFieldOf } from '../../src-shared/recharge/payment-tokens.ts';
import { traitsOf } from '../../src-shared/recharge/versions.ts';
import * as wire from '../../src-shared/recharge/wire-2021-01.ts';
import { CountBody } from '../../src-shared/recharge/wire-common.ts';
import { addressWriter } from './address-write.ts';
import type { RechargeClient } from './client.ts';
import { addressLines, countryCodeOf, customerBasics, defined, flag, text } from './map-common.ts';
import { pageLister } from './list-page.ts';
import { readRequest } from './read-request.ts';
import type { StoreApi } from './store-api.ts';
import { tokenInformation } from './token-information.ts';

const status = (value: string | null | undefined): CustomerStatus | null | undefined => {
  if (value === undefined || value === null) return value;
  const upper = value.toUpperCase();
  return (CUSTOMER_STATUSES as readonly string[]).includes(upper)
    ? (upper as CustomerStatus)
    : null;
};

/** The domain's view of a 2021-01 customer; processor tokens and unknown fields stay behind. */
export function customerFacts(w: wire.Customer): CustomerFacts {
  return defined({
    ...customerBasics(w),
    external_customer_id: text(w.shopify_customer_id),
    accepts_marketing: flag(w.accepts_marketing),
    status: status(w.status),
    has_valid_payment_method: w.has_valid_payment_method,
    reason_payment_method_not_valid: w.reason_payment_method_not_valid,
    in_dunning: w.has_card_error_in_dunning,
    subscriptions_active: w.number_active_subscriptions,
    subscriptions_total: w.number_subscriptions,
    processor_type: w.processor_type,
    ...pick(w, BILLING_FIELDS),
  });
}

export function addressFacts(w: wire.Address): AddressFacts {
  return defined({
    ...addressLines(w),
    country: w.country,
    country_code: countryCodeOf(w.country),
  });
}

export function createStoreApi2021_01(client: RechargeClient): StoreApi {
  const get = readRequest(client);
  const list = pageLister(get, 'page_info');
  const writeAddress = addressWriter(client, wire.AddressEnvelope, addressFacts);

  const putCustomer = async (
    id: number,
    body: Record<string, unknown>,
    scope: 'write_customer' | 'write_payments',
    signal?: AbortSignal,
  ) => {
    const answer = await client.request({
      method: 'PUT',
      path: `/customers/${id}`,
      body,
      schema: wire.CustomerEnvelope,
      scope,
      signal,
    });
    return { customer: customerFacts(answer.data.customer) };
  };

  const customersNow = async (ids: readonly number[], signal?: AbortSignal) => {
    if (ids.length === 0) return [];
    const query = new URLSearchParams({ ids: ids.join(','), limit: '250' });
    const answer = await get('/customers', wire.CustomerList, query, signal);
    return answer.data.customers.map((c) => ({ customer: customerFacts(c), paymentMethods: null }));
  };

  return {
    version: '2021-01',
    traits: traitsOf('2021-01'),
    limiter: client.limiter,
    onReachability: (listener) => client.onReachability(listener),
    resources: ['customers', 'addresses'],
    listCustomers: list('/customers', wire.CustomerList, 'customers', customerFacts),
    listAddresses: list('/addresses', wire.AddressList, 'addresses', addressFacts),
    listPaymentMethods: () => Promise.resolve({ items: [], next: null }),
    async countCustomers(signal) {
      return (await get('/customers/count', CountBody, undefined, signal)).data.count;
    },
    async countAddresses(signal) {
      return (await get('/addresses/count', CountBody, undefined, signal)).data.count;
    },
    async getCustomer(id, signal) {
      const answer = await get(`/customers/${id}`, wire.CustomerEnvelope, undefined, signal);
      return { customer: customerFacts(answer.data.customer), paymentMethods: null };
    },
    customersNow,
    async customerAddresses(customerId, signal) {
      const answer = await get(
        `/customers/${customerId}/addresses`,
        wire.AddressList,
        undefined,
        signal,
      );
      return answer.data.addresses.map(addressFacts);
    },
    async getAddress(id, signal) {
      return addressFacts(
        (await get(`/addresses/${id}`, wire.AddressEnvelope, undefined, signal)).data.address,
      );
    },
    updateBilling: (current, values, signal) =>
      putCustomer(current.customer.id, { ...values }, 'write_customer', signal),
    replacePaymentToken: (current, token, signal) =>
      putCustomer(
        current.customer.id,
        { [tokenFieldOf(token.processor)]: token.customerToken },
        'write_payments',
        signal,
      ),
    // A PUT of the same token twice changes nothing: resending is safe.
    findTokenChange: () => Promise.resolve(null),
    createAddress: (customerId, values, signal) =>
      writeAddress('POST', `/customers/${customerId}/addresses`, { ...values }, signal),
    updateAddress: (id, values, signal) =>
      writeAddress('PUT', `/addresses/${id}`, { ...values }, signal),
    tokenInformation: (signal) => tokenInformation(client, signal),
  };
}
