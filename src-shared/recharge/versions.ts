// What differs between the API versions, as data: the renderer hides what a version lacks and
// main picks scopes by it. How each version is spoken lives in src-main/recharge/.
import { z } from 'zod';
import type { Scope } from '../scopes.ts';
import type { Processor } from './payment-tokens.ts';

export const API_VERSIONS = ['2021-01', '2021-11'] as const;
export const ApiVersion = z.enum(API_VERSIONS);
export type ApiVersion = z.infer<typeof ApiVersion>;

/** The version new store profiles and the demo store speak unless told otherwise. */
export const DEFAULT_API_VERSION: ApiVersion = '2021-11';

export interface VersionTraits {
  /** Customers carry ACTIVE/INACTIVE (2021-01 only). */
  customerStatus: boolean;
  /** Where the billing address lives. */
  billingOn: 'customer' | 'payment_method';
  /** Payment methods are objects of their own (listed, with card details). */
  paymentMethods: boolean;
  /** The store can count customers and addresses up front. */
  counts: boolean;
  /** Scope a billing-address change needs (names go with the customer: write_customer). */
  billingScope: Scope;
  /** Processors a payment-token change can name. */
  tokenProcessors: readonly Processor[];
  /** A token change also needs the processor's payment-method token (2021-11). */
  paymentMethodToken: boolean;
}

export const VERSION_TRAITS: Readonly<Record<ApiVersion, VersionTraits>> = {
  '2021-01': {
    customerStatus: true,
    billingOn: 'customer',
    paymentMethods: false,
    counts: true,
    billingScope: 'write_customer',
    tokenProcessors: ['stripe', 'braintree', 'paypal', 'authorizedotnet'],
    paymentMethodToken: false,
  },
  '2021-11': {
    customerStatus: false,
    billingOn: 'payment_method',
    paymentMethods: true,
    counts: false,
    billingScope: 'write_payments',
    tokenProcessors: ['stripe', 'braintree', 'authorizedotnet'],
    paymentMethodToken: true,
  },
};

export const traitsOf = (version: ApiVersion): VersionTraits => VERSION_TRAITS[version];
