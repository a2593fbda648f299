import type { SearchFilters } from '../../src-shared/customers/views.ts';
import type { CacheStore } from '../db/cache-store.ts';
import { noAnswer, writeAnswer, type StoreAnswer } from '../db/store-answers.ts';
import type { WriteResult } from '../recharge/store-api.ts';
import type { CacheAccess } from './ports.ts';

/** Writes an answer of the store; the app's goes to the cache writer's thread. */
export type AnswerSaver = (answer: StoreAnswer) => Promise<void>;

/** The outbox's view of the cache, over the repositories; its writes go through `save`. */
export function cacheAccessOn(
  store: CacheStore,
  now: () => number,
  searchIds: (query: string, filters: SearchFilters) => number[],
  save: AnswerSaver = async (answer) => writeAnswer(store, answer),
): CacheAccess {
  /** Customers with their payment methods and the addresses a write moved, where carried. */
  const saveResults = (results: readonly (WriteResult & { customerId: number })[]) => {
    const answer = noAnswer(now());
    for (const { customerId, customer, paymentMethods, addresses } of results) {
      if (customer) answer.customers.push(customer);
      if (paymentMethods) answer.methods.push({ customerId, paymentMethods });
      if (addresses) answer.addresses.push(...addresses);
    }
    return save(answer);
  };
  return {
    customer: (id) => store.customers.get(id),
    customers: (ids) => store.customers.getMany(ids),
    addresses: (customerId) => store.addresses.ofCustomer(customerId),
    address: (customerId, addressId) => {
      const address = store.addresses.get(addressId);
      return address?.customer_id === customerId ? address : null;
    },
    paymentMethods: (customerId) => store.paymentMethods.ofCustomer(customerId),
    searchIds,
    saveCustomerStates: (states) =>
      saveResults(
        states.map((state) => ({
          customerId: state.customer.id,
          customer: state.customer,
          ...(state.paymentMethods ? { paymentMethods: state.paymentMethods } : {}),
        })),
      ),
    saveWrite: (customerId, result) => saveResults([{ customerId, ...result }]),
    saveAddress: (address) => save({ ...noAnswer(now()), addresses: [address] }),
  };
}
