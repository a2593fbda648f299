// What the app asks of a store, in domain terms. One adapter per API version implements it
// (v2021-01.ts, v2021-11.ts); sync and outbox never see a wire object or branch on the version.
import { AppError } from '../../src-shared/errors.ts';
import type {
  AddressFacts,
  CustomerFacts,
  PaymentMethod,
} from '../../src-shared/customers/model.ts';
import type { FieldValues } from '../../src-shared/outbox/rules.ts';
import type { Processor } from '../../src-shared/recharge/payment-tokens.ts';
import type { ApiVersion, VersionTraits } from '../../src-shared/recharge/versions.ts';
import type { RechargeClient } from './client.ts';
import type { RateLimiter } from './rate-limiter.ts';

export type PullResource = 'customers' | 'addresses' | 'payment_methods';

export interface ListQuery {
  limit: number;
  /** A cursor from the previous page; the API then takes nothing else but `limit`. */
  cursor?: string | null;
  /** Only records updated at or after this UTC instant (oldest first). */
  updatedSince?: string | null;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

/** A customer as the store has it now, with its payment methods where the version has them. */
export interface CustomerState {
  customer: CustomerFacts;
  /** null: the version keeps no payment methods (2021-01). */
  paymentMethods: PaymentMethod[] | null;
}

/** What a write changed, to be stored in the cache at once. */
export interface WriteResult {
  customer?: CustomerFacts;
  paymentMethods?: PaymentMethod[];
  /** Addresses the write changed too (2021-11: moved onto a new default payment method). */
  addresses?: AddressFacts[];
}

export interface TokenChange {
  processor: Processor;
  customerToken: string;
  /** The processor's payment-method token (2021-11 creates a payment method with both). */
  paymentMethodToken: string | null;
  /**
   * The default method the new one replaces (2021-11), as it was when the edit was first sent:
   * once the new one exists the store no longer says which it was, and the addresses charged
   * to it must still be moved.
   */
  replacedMethodId?: number | null;
}

/**
 * A token change the store took (the new payment method exists) whose follow-up failed: it keeps
 * the failure's kind, and sending the edit again must look for the method before creating one.
 */
export class UnfinishedTokenChange extends AppError {
  constructor(cause: unknown) {
    const inner = cause instanceof AppError ? cause : null;
    super(
      inner?.kind ?? 'internal',
      'The new payment method is on ReCharge, but moving the customer’s addresses (their ' +
        `subscriptions) onto it failed: ${inner?.message ?? 'an unexpected error.'}`,
      {
        ...(inner?.fieldErrors ? { fieldErrors: inner.fieldErrors } : {}),
        ...(inner?.scope ? { scope: inner.scope } : {}),
        cause,
      },
    );
  }
}

/** A delivery address as a form sets it: `country` is the country's English name. */
export type AddressValues = FieldValues;

export interface StoreApi {
  readonly version: ApiVersion;
  readonly traits: VersionTraits;
  readonly limiter: RateLimiter;
  onReachability(listener: (reachable: boolean) => void): () => void;
  /** What a pull walks, in order. */
  readonly resources: readonly PullResource[];
  listCustomers(query: ListQuery, signal?: AbortSignal): Promise<Page<CustomerFacts>>;
  listAddresses(query: ListQuery, signal?: AbortSignal): Promise<Page<AddressFacts>>;
  listPaymentMethods(query: ListQuery, signal?: AbortSignal): Promise<Page<PaymentMethod>>;
  /** null where the version cannot count (2021-11): deletions are then found by reconciling. */
  countCustomers(signal?: AbortSignal): Promise<number | null>;
  countAddresses(signal?: AbortSignal): Promise<number | null>;
  /** One customer now (with its payment methods); not_found when it is gone. */
  getCustomer(id: number, signal?: AbortSignal): Promise<CustomerState>;
  /** Several customers now, for a push; those missing from the answer are gone. */
  customersNow(ids: readonly number[], signal?: AbortSignal): Promise<CustomerState[]>;
  customerAddresses(customerId: number, signal?: AbortSignal): Promise<AddressFacts[]>;
  getAddress(id: number, signal?: AbortSignal): Promise<AddressFacts>;
  /** Sends billing values (names and billing_* fields) for a customer as it is now. */
  updateBilling(
    current: CustomerState,
    values: FieldValues,
    signal?: AbortSignal,
  ): Promise<WriteResult>;
  /**
   * Sends a token change. On 2021-11 it creates the new default method, then moves the addresses
   * charged to the old default onto it; a failure after the create is an `UnfinishedTokenChange`.
   */
  replacePaymentToken(
    current: CustomerState,
    token: TokenChange,
    signal?: AbortSignal,
  ): Promise<WriteResult>;
  /**
   * The token change, if it already reached the store (a create that got no clear answer),
   * finished (2021-11: the addresses still on `replacedMethodId` moved onto the found method);
   * null when it did not, or when the version's change is idempotent and may simply be resent.
   */
  findTokenChange(
    customerId: number,
    token: TokenChange,
    signal?: AbortSignal,
  ): Promise<WriteResult | null>;
  createAddress(
    customerId: number,
    values: AddressValues,
    signal?: AbortSignal,
  ): Promise<AddressFacts>;
  updateAddress(id: number, values: AddressValues, signal?: AbortSignal): Promise<AddressFacts>;
  /** The token's scopes as the store spells them (2021-11 asks; 2021-01 cannot). */
  tokenInformation(signal?: AbortSignal): Promise<{ name: string | null; scopes: string[] }>;
}

export type StoreApiFactory = (client: RechargeClient) => StoreApi;
