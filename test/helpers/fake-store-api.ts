// An in-memory store behind the StoreApi interface, for tests of the pusher's rules: every call
// is recorded, and a test can hold a call (a gate) or make it fail.
import {
  mergeAddress,
  mergeCustomer,
  type Address,
  type AddressFacts,
  type Customer,
} from '../../src-shared/customers/model.ts';
import { traitsOf, type ApiVersion } from '../../src-shared/recharge/versions.ts';
import { AppError } from '../../src-shared/errors.ts';
import { RateLimiter } from '../../src-main/recharge/rate-limiter.ts';
import type { StoreApi } from '../../src-main/recharge/store-api.ts';

export interface FakeCall {
  name: keyof StoreApi;
  args: unknown[];
}

/** Runs before a call answers: throw to fail it, await to hold it. */
export type Hook = (call: FakeCall) => void | Promise<void>;

export interface FakeStore {
  api: StoreApi;
  customers: Map<number, Customer>;
  addresses: Map<number, Address>;
  calls: FakeCall[];
  /** Calls by name, in order. */
  called(name: keyof StoreApi): FakeCall[];
  hook: Hook | null;
}

let clock = Date.UTC(2026, 0, 1) / 1000;
const stamp = () => `${new Date((clock += 1) * 1000).toISOString().slice(0, 19)}Z`;

export function fakeStore(
  customers: Customer[],
  options: { version?: ApiVersion } = {},
): FakeStore {
  const version = options.version ?? '2021-01';
  const store: FakeStore = {
    customers: new Map(customers.map((c) => [c.id, { ...c }])),
    addresses: new Map(),
    calls: [],
    called: (name) => store.calls.filter((c) => c.name === name),
    hook: null,
    api: undefined as unknown as StoreApi,
  };
  const enter = async (name: keyof StoreApi, args: unknown[]) => {
    const call = { name, args };
    store.calls.push(call);
    await store.hook?.(call);
  };
  const customer = (id: number) => {
    const found = store.customers.get(id);
    if (!found) throw new AppError('not_found', 'That record no longer exists on the store.');
    return found;
  };
  const write = (id: number, values: Record<string, unknown>) => {
    const next = mergeCustomer(customer(id), { id, ...values, updated_at: stamp() });
    store.customers.set(id, next);
    return next;
  };
  let nextAddress = 90_000_000;
  store.api = {
    version,
    traits: traitsOf(version),
    limiter: new RateLimiter(),
    onReachability: () => () => undefined,
    resources: ['customers', 'addresses'],
    async listCustomers() {
      await enter('listCustomers', []);
      return { items: [...store.customers.values()], next: null };
    },
    async listAddresses() {
      await enter('listAddresses', []);
      return { items: [...store.addresses.values()], next: null };
    },
    listPaymentMethods: () => Promise.resolve({ items: [], next: null }),
    countCustomers: () => Promise.resolve(store.customers.size),
    countAddresses: () => Promise.resolve(store.addresses.size),
    async getCustomer(id) {
      await enter('getCustomer', [id]);
      return { customer: customer(id), paymentMethods: null };
    },
    async customersNow(ids) {
      await enter('customersNow', [ids]);
      return ids
        .map((id) => store.customers.get(id))
        .filter((c): c is Customer => c !== undefined)
        .map((c) => ({ customer: { ...c }, paymentMethods: null }));
    },
    async customerAddresses(customerId) {
      await enter('customerAddresses', [customerId]);
      return [...store.addresses.values()].filter((a) => a.customer_id === customerId);
    },
    async getAddress(id) {
      await enter('getAddress', [id]);
      const found = store.addresses.get(id);
      if (!found) throw new AppError('not_found', 'That record no longer exists on the store.');
      return found;
    },
    async updateBilling(current, values) {
      await enter('updateBilling', [current.customer.id, values]);
      return { customer: write(current.customer.id, values) };
    },
    async replacePaymentToken(current, token) {
      await enter('replacePaymentToken', [current.customer.id, token.processor]);
      return { customer: write(current.customer.id, { processor_type: token.processor }) };
    },
    findTokenChange: () => Promise.resolve(null),
    async createAddress(customerId, values, signal) {
      // The store takes it first; a held or aborted answer is one the app never hears.
      const facts: AddressFacts = { ...values, id: (nextAddress += 1), customer_id: customerId };
      const address = mergeAddress(null, { ...facts, updated_at: stamp() });
      store.addresses.set(address.id, address);
      await enter('createAddress', [customerId, values]);
      signal?.throwIfAborted();
      return address;
    },
    async updateAddress(id, values) {
      await enter('updateAddress', [id, values]);
      const address = mergeAddress(store.addresses.get(id) ?? null, {
        ...values,
        id,
        customer_id: store.addresses.get(id)?.customer_id ?? 0,
        updated_at: stamp(),
      });
      store.addresses.set(id, address);
      return address;
    },
    tokenInformation: () => Promise.resolve({ name: null, scopes: [] }),
  };
  return store;
}

/** A promise and its resolver, to hold a fake call until the test lets it go. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}
