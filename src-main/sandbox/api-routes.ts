// The API's route table: which handler serves a method and path, and what scope it needs.
import * as addresses from './addresses-api.ts';
import type { Handler } from './api-types.ts';
import * as customers from './customers-api.ts';

/** `write` routes need write_customer, or write_payments for payment-token fields. */
export type RouteScope = 'read' | 'write' | 'none';

export interface Route {
  method: string;
  pattern: RegExp;
  scope: RouteScope;
  /** Bodies of this route may carry payment tokens (customer create/update). */
  acceptsPaymentTokens?: boolean;
  handler: Handler;
}

const route = (
  method: string,
  path: string,
  scope: RouteScope,
  handler: Handler,
  acceptsPaymentTokens = false,
): Route => ({
  method,
  pattern: new RegExp(`^${path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
  scope,
  handler,
  acceptsPaymentTokens,
});

// Literal segments first: /customers/count must not be read as a customer id.
export const ROUTES: readonly Route[] = [
  route('GET', '/customers/count', 'read', customers.countCustomers),
  route('GET', '/customers', 'read', customers.listCustomers),
  route('POST', '/customers', 'write', customers.createCustomer, true),
  route('GET', '/customers/:id', 'read', customers.getCustomer),
  route('PUT', '/customers/:id', 'write', customers.updateCustomer, true),
  route('DELETE', '/customers/:id', 'write', customers.deleteCustomer),
  route('GET', '/customers/:id/addresses', 'read', addresses.listCustomerAddresses),
  route('POST', '/customers/:id/addresses', 'write', addresses.createAddress),
  route('GET', '/addresses/count', 'read', addresses.countAddresses),
  route('GET', '/addresses', 'read', addresses.listAddresses),
  route('GET', '/addresses/:id', 'read', addresses.getAddress),
  route('PUT', '/addresses/:id', 'write', addresses.updateAddress),
  route('DELETE', '/addresses/:id', 'write', addresses.deleteAddress),
  route('GET', '/token_information', 'none', customers.tokenInformation),
];

export type RouteMatch = { route: Route; params: Record<string, string> } | { status: 404 | 405 };

export function matchRoute(method: string, path: string): RouteMatch {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  let pathKnown = false;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(normalized);
    if (!match) continue;
    pathKnown = true;
    if (candidate.method === method) return { route: candidate, params: { ...match.groups } };
  }
  return { status: pathKnown ? 405 : 404 };
}
