// The API's route table: which handler serves a method and path in which API versions, and
// what scope it needs. A path a version lacks is 404 on that version, as on the real API.
import { API_VERSIONS, type ApiVersion } from '../../src-shared/recharge/versions.ts';
import * as addresses from './addresses-api.ts';
import type { Handler } from './api-types.ts';
import type { Scope } from './auth.ts';
import * as customers from './customers-api.ts';
import * as methods from './payment-methods-api.ts';

export interface Route {
  method: string;
  pattern: RegExp;
  versions: readonly ApiVersion[];
  /** null: any valid token. */
  scope: Scope | null;
  /**
   * 2021-01 customer writes may carry a payment token: that field needs `write_payments`, the
   * others `write_customer`, so a body with only a token needs only `write_payments`.
   */
  acceptsPaymentTokens?: boolean;
  handler: Handler;
}

const BOTH = API_VERSIONS;
const V2021_01: readonly ApiVersion[] = ['2021-01'];
const V2021_11: readonly ApiVersion[] = ['2021-11'];

const route = (
  method: string,
  path: string,
  versions: readonly ApiVersion[],
  scope: Scope | null,
  handler: Handler,
  acceptsPaymentTokens = false,
): Route => ({
  method,
  pattern: new RegExp(`^${path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
  versions,
  scope,
  handler,
  acceptsPaymentTokens,
});

const READ = 'read_customer';
const WRITE = 'write_customer';

// Literal segments first: /customers/count must not be read as a customer id.
export const ROUTES: readonly Route[] = [
  route('GET', '/customers/count', V2021_01, READ, customers.countCustomers),
  route('GET', '/customers', BOTH, READ, customers.listCustomers),
  route('POST', '/customers', BOTH, WRITE, customers.createCustomer, true),
  route('GET', '/customers/:id', BOTH, READ, customers.getCustomer),
  route('PUT', '/customers/:id', BOTH, WRITE, customers.updateCustomer, true),
  route('DELETE', '/customers/:id', BOTH, WRITE, customers.deleteCustomer),
  route('GET', '/customers/:id/addresses', V2021_01, READ, addresses.listCustomerAddresses),
  route('POST', '/customers/:id/addresses', V2021_01, WRITE, addresses.createCustomerAddress),
  route('GET', '/addresses/count', V2021_01, READ, addresses.countAddresses),
  route('GET', '/addresses', BOTH, READ, addresses.listAddresses),
  route('POST', '/addresses', V2021_11, WRITE, addresses.createAddress),
  route('GET', '/addresses/:id', BOTH, READ, addresses.getAddress),
  route('PUT', '/addresses/:id', BOTH, WRITE, addresses.updateAddress),
  route('DELETE', '/addresses/:id', BOTH, WRITE, addresses.deleteAddress),
  route('GET', '/payment_methods', V2021_11, 'read_payment_methods', methods.listPaymentMethods),
  route('POST', '/payment_methods', V2021_11, 'write_payment_methods', methods.createPaymentMethod),
  route('GET', '/payment_methods/:id', V2021_11, 'read_payment_methods', methods.getPaymentMethod),
  route(
    'PUT',
    '/payment_methods/:id',
    V2021_11,
    'write_payment_methods',
    methods.updatePaymentMethod,
  ),
  route(
    'DELETE',
    '/payment_methods/:id',
    V2021_11,
    'write_payment_methods',
    methods.deletePaymentMethod,
  ),
  route('GET', '/token_information', V2021_11, null, customers.tokenInformation),
];

export type RouteMatch = { route: Route; params: Record<string, string> } | { status: 404 | 405 };

export function matchRoute(method: string, path: string, version: ApiVersion): RouteMatch {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  let pathKnown = false;
  for (const candidate of ROUTES) {
    if (!candidate.versions.includes(version)) continue;
    const match = candidate.pattern.exec(normalized);
    if (!match) continue;
    pathKnown = true;
    if (candidate.method === method) return { route: candidate, params: { ...match.groups } };
  }
  return { status: pathKnown ? 405 : 404 };
}
