// What the store answered to the outbox (a write's response, a customer re-read just before a
// push), written as the truth now. Plain data in, so it runs on whichever connection writes: the
// cache writer's thread in the app, the caller's own in tests of one step.
import type {
  AddressFacts,
  CustomerFacts,
  PaymentMethod,
} from '../../src-shared/customers/model.ts';
import type { CacheStore } from './cache-store.ts';

export interface StoreAnswer {
  customers: CustomerFacts[];
  /** Each customer's whole list of payment methods, where the answer carried it. */
  methods: { customerId: number; paymentMethods: PaymentMethod[] }[];
  addresses: AddressFacts[];
  savedAt: number;
}

export const noAnswer = (savedAt: number): StoreAnswer => ({
  customers: [],
  methods: [],
  addresses: [],
  savedAt,
});

/** Writes one answer in one transaction. */
export function writeAnswer(store: CacheStore, answer: StoreAnswer): void {
  const options = { syncedAt: answer.savedAt, fresh: true };
  store.transaction(() => {
    store.customers.upsert(answer.customers, options);
    for (const { customerId, paymentMethods } of answer.methods)
      store.paymentMethods.replaceOfCustomer(customerId, paymentMethods, answer.savedAt);
    store.addresses.upsert(answer.addresses, options);
  });
}
