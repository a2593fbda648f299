// API 2021-11's endpoints (the mapping is in map-2021-11.ts): lists page by cursors in the body
// and nothing can be counted up front; billing and tokens are written on payment methods.
import { AppError } from '../../src-shared/errors.ts';
import type {
  AddressFacts,
  CustomerFacts,
  PaymentMethod,
} from '../../src-shared/customers/model.ts';
import { traitsOf } from '../../src-shared/recharge/versions.ts';
import * as wire from '../../src-shared/recharge/wire-2021-11.ts';
import { addressWriter } from './address-write.ts';
import type { RechargeClient } from './client.ts';
import { isRechargeError } from './errors.ts';
import {
  addressFacts,
  billingBodies,
  customerFacts,
  defaultMethodOf,
  paymentMethod,
  PROCESSOR_NAMES,
  requireDefaultMethod,
  wireAddress,
  wireBilling,
  withDefaultMethod,
} from './map-2021-11.ts';
import { pageLister } from './list-page.ts';
import { readRequest } from './read-request.ts';
import { UnfinishedTokenChange, type CustomerState, type StoreApi } from './store-api.ts';
import { tokenInformation } from './token-information.ts';

export function createStoreApi2021_11(client: RechargeClient): StoreApi {
  const get = readRequest(client);
  const list = pageLister(get, 'cursor');
  const writeAddress = addressWriter(client, wire.AddressEnvelope, addressFacts);

  const methodsOf = async (customerId: number, signal?: AbortSignal) => {
    const query = new URLSearchParams({ customer_id: String(customerId), limit: '250' });
    const answer = await get('/payment_methods', wire.PaymentMethodList, query, signal);
    return answer.data.payment_methods;
  };

  const addressesOf = async (customerId: number, signal?: AbortSignal) => {
    const query = new URLSearchParams({ customer_id: String(customerId), limit: '250' });
    const answer = await get('/addresses', wire.AddressList, query, signal);
    return answer.data.addresses.map(addressFacts);
  };

  /**
   * Each address names the method its subscriptions are charged to, and a new default does not
   * move them: those on the replaced default follow the new one (those on another method stay).
   * Any failure is an UnfinishedTokenChange, so the edit's next try looks before it creates.
   */
  const moveAddresses = async (
    customerId: number,
    from: number | null,
    to: number,
    signal?: AbortSignal,
  ): Promise<AddressFacts[]> => {
    if (from === null || from === to) return [];
    try {
      const moved: AddressFacts[] = [];
      for (const address of await addressesOf(customerId, signal)) {
        if (address.payment_method_id !== from) continue;
        try {
          const body = { payment_method_id: to };
          moved.push(await writeAddress('PUT', `/addresses/${address.id}`, body, signal));
        } catch (error) {
          // Deleted meanwhile: nothing of it is left to charge.
          if (!isRechargeError(error) || error.kind !== 'not_found') throw error;
        }
      }
      return moved;
    } catch (error) {
      throw new UnfinishedTokenChange(error);
    }
  };

  const getCustomer = async (id: number, signal?: AbortSignal): Promise<CustomerState> => {
    const query = new URLSearchParams({ include: 'payment_methods' });
    const answer = await get(`/customers/${id}`, wire.CustomerEnvelope, query, signal);
    const w = answer.data.customer;
    const methods = (w.include?.payment_methods ?? (await methodsOf(id, signal))).map(
      paymentMethod,
    );
    return { customer: withDefaultMethod(customerFacts(w), methods), paymentMethods: methods };
  };

  return {
    version: '2021-11',
    traits: traitsOf('2021-11'),
    limiter: client.limiter,
    onReachability: (listener) => client.onReachability(listener),
    resources: ['customers', 'addresses', 'payment_methods'],
    listCustomers: list('/customers', wire.CustomerList, 'customers', customerFacts),
    listAddresses: list('/addresses', wire.AddressList, 'addresses', addressFacts),
    listPaymentMethods: list(
      '/payment_methods',
      wire.PaymentMethodList,
      'payment_methods',
      paymentMethod,
    ),
    countCustomers: () => Promise.resolve(null),
    countAddresses: () => Promise.resolve(null),
    getCustomer,
    async customersNow(ids, signal) {
      // No list call returns payment methods for several customers: one GET each.
      const found = await Promise.all(
        ids.map((id) =>
          getCustomer(id, signal).catch((error: unknown) => {
            if (isRechargeError(error) && error.kind === 'not_found') return null;
            throw error;
          }),
        ),
      );
      return found.filter((state): state is CustomerState => state !== null);
    },
    customerAddresses: addressesOf,
    async getAddress(id, signal) {
      const answer = await get(`/addresses/${id}`, wire.AddressEnvelope, undefined, signal);
      return addressFacts(answer.data.address);
    },
    async updateBilling(current, values, signal) {
      const id = current.customer.id;
      const { customer: customerBody, billing: billingBody } = billingBodies(values);
      const method = Object.keys(billingBody).length > 0 ? requireDefaultMethod(current) : null;
      const result: { customer?: CustomerFacts; paymentMethods?: PaymentMethod[] } = {};
      if (Object.keys(customerBody).length > 0) {
        const answer = await client.request({
          method: 'PUT',
          path: `/customers/${id}`,
          body: customerBody,
          schema: wire.CustomerEnvelope,
          scope: 'write_customer',
          signal,
        });
        result.customer = customerFacts(answer.data.customer);
      }
      if (method) {
        // The whole billing address goes: a partial one may be taken as clearing the rest.
        const answer = await client.request({
          method: 'PUT',
          path: `/payment_methods/${method.id}`,
          body: { billing_address: { ...wireBilling(method.billing), ...billingBody } },
          schema: wire.PaymentMethodEnvelope,
          scope: 'write_payments',
          signal,
        });
        const updated = paymentMethod(answer.data.payment_method);
        const others = (current.paymentMethods ?? []).filter((m) => m.id !== updated.id);
        result.paymentMethods = [updated, ...others];
      }
      return result;
    },
    async replacePaymentToken(current, token, signal) {
      const processor = PROCESSOR_NAMES[token.processor];
      if (!processor || !token.paymentMethodToken) {
        throw new AppError(
          'validation',
          processor
            ? 'API 2021-11 needs the processor’s payment-method token as well.'
            : 'API 2021-11 adds PayPal through Braintree: choose Braintree.',
        );
      }
      const customerId = current.customer.id;
      const previous = defaultMethodOf(current.paymentMethods ?? []);
      const billing = previous?.billing ?? null;
      const answer = await client.request({
        method: 'POST',
        path: '/payment_methods',
        body: {
          customer_id: customerId,
          default: true,
          payment_type: 'CREDIT_CARD',
          processor_name: processor,
          processor_customer_token: token.customerToken,
          processor_payment_method_token: token.paymentMethodToken,
          ...(billing ? { billing_address: wireBilling(billing) } : {}),
        },
        schema: wire.PaymentMethodEnvelope,
        scope: 'write_payments',
        signal,
      });
      const created = paymentMethod(answer.data.payment_method);
      const addresses = await moveAddresses(customerId, previous?.id ?? null, created.id, signal);
      // The store un-defaults the previous method; read them back, but a failed read must not
      // make a created method look unsent (it would be created twice).
      try {
        return {
          paymentMethods: (await methodsOf(customerId, signal)).map(paymentMethod),
          addresses,
        };
      } catch {
        const rest = (current.paymentMethods ?? [])
          .filter((m) => m.id !== created.id)
          .map((m) => ({ ...m, is_default: false }));
        return { paymentMethods: [created, ...rest], addresses };
      }
    },
    async findTokenChange(customerId, token, signal) {
      const methods = await methodsOf(customerId, signal);
      const match = methods.find(
        (m) =>
          m.processor_customer_token === token.customerToken &&
          m.processor_payment_method_token === token.paymentMethodToken,
      );
      if (!match) return null;
      // The interrupted try may not have moved the addresses: finish that. A method no longer
      // default was replaced again meanwhile, and the addresses are not its to take.
      const addresses =
        match.default === true
          ? await moveAddresses(customerId, token.replacedMethodId ?? null, match.id, signal)
          : [];
      return { paymentMethods: methods.map(paymentMethod), addresses };
    },
    createAddress: (customerId, values, signal) =>
      writeAddress(
        'POST',
        '/addresses',
        { customer_id: customerId, ...wireAddress(values) },
        signal,
      ),
    updateAddress: (id, values, signal) =>
      writeAddress('PUT', `/addresses/${id}`, wireAddress(values), signal),
    tokenInformation: (signal) => tokenInformation(client, signal),
  };
}
