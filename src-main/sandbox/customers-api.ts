// Handlers for /customers in both versions, and 2021-11's /token_information.
import {
  forbidden,
  notFound,
  pathId,
  unprocessable,
  type ApiDeps,
  type ApiRequest,
  type ApiResponse,
  type Handler,
} from './api-types.ts';
import { hasScope } from './auth.ts';
import {
  createCustomer as create,
  updateCustomer as update,
  type CustomerWrite,
} from './customer-writes.ts';
import { customerFilters } from './filters.ts';
import { countResponse, listResponse } from './list-response.ts';
import type { SbCustomer } from './model.ts';
import { address2111, paymentMethod2111 } from './render-2021-11.ts';
import { customerRenderer } from './render.ts';
import type { Row } from './table.ts';
import { validateCustomer2021_01, validateCustomer2021_11 } from './validate-customers.ts';
import type { Validated } from './validation-core.ts';

const EMAIL_TAKEN = { email: 'email already exists on store' };
const INCLUDES = ['addresses', 'payment_methods'];

export const listCustomers: Handler = (request, deps) =>
  listResponse(
    'customers',
    deps.store.customerTable,
    customerFilters(request.version),
    request,
    customerRenderer(deps, request.version),
  );

export const countCustomers: Handler = (request, { store }) =>
  countResponse('customers', store.customerTable, customerFilters(request.version), request);

/** 2021-11 `include=addresses,payment_methods`: related objects under `customer.include`. */
function included(request: ApiRequest, deps: ApiDeps, id: number): ApiResponse | object | null {
  const raw = request.query.get('include');
  if (request.version !== '2021-11' || raw === null) return null;
  const wanted = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const unknown = wanted.filter((part) => !INCLUDES.includes(part));
  if (unknown.length > 0) {
    return unprocessable({ include: [`Must be a comma list of: ${INCLUDES.join(', ')}.`] });
  }
  if (wanted.includes('payment_methods') && !hasScope(request.token, 'read_payment_methods')) {
    return forbidden('read_payment_methods');
  }
  const { store } = deps;
  const out: Record<string, unknown[]> = {};
  if (wanted.includes('addresses')) {
    out['addresses'] = store.addressIdsOf(id).flatMap((a) => {
      const row = store.addressRow(a);
      return row ? [address2111(row)] : [];
    });
  }
  if (wanted.includes('payment_methods')) {
    out['payment_methods'] = store.methodsOf(id).map(paymentMethod2111);
  }
  return out;
}

const isResponse = (value: ApiResponse | object | null): value is ApiResponse =>
  value !== null && 'status' in value;

export const getCustomer: Handler = (request, deps) => {
  const id = pathId(request.params['id']);
  const include = id === null ? null : included(request, deps, id);
  if (isResponse(include)) return include;
  const row = id === null ? undefined : deps.store.customerRow(id);
  if (!row) return notFound();
  const customer = customerRenderer(deps, request.version)(row);
  return { status: 200, body: { customer: include ? { ...customer, include } : customer } };
};

function validated(request: ApiRequest, mode: 'create' | 'update'): Validated<CustomerWrite> {
  if (request.version === '2021-01') return validateCustomer2021_01(request.body, mode);
  const checked = validateCustomer2021_11(request.body, mode);
  return checked.ok ? { ok: true, value: { own: checked.value } } : checked;
}

function answer(request: ApiRequest, deps: ApiDeps, row: Row<SbCustomer>, status: number) {
  return { status, body: { customer: customerRenderer(deps, request.version)(row) } };
}

export const createCustomer: Handler = (request, deps) => {
  const checked = validated(request, 'create');
  if (!checked.ok) return unprocessable(checked.errors);
  const { own } = checked.value;
  // Present: the validator requires them on create.
  const { email = '', first_name = '', last_name = '' } = own;
  if (deps.store.emailOwner(email) !== undefined) return unprocessable(EMAIL_TAKEN);
  const row = create(deps.store, {
    ...checked.value,
    own: { ...own, email, first_name, last_name },
  });
  return answer(request, deps, row, 201);
};

export const updateCustomer: Handler = (request, deps) => {
  const id = pathId(request.params['id']);
  if (id === null || !deps.store.customerRow(id)) return notFound();
  const checked = validated(request, 'update');
  if (!checked.ok) return unprocessable(checked.errors);
  const email = checked.value.own.email;
  const owner = email === undefined ? undefined : deps.store.emailOwner(email);
  if (owner !== undefined && owner !== id) return unprocessable(EMAIL_TAKEN);
  const row = update(deps.store, id, checked.value);
  return row ? answer(request, deps, row, 200) : notFound();
};

export const deleteCustomer: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  return id !== null && store.deleteCustomer(id) ? { status: 204 } : notFound();
};

export const tokenInformation: Handler = (request) => ({
  status: 200,
  body: {
    token_information: {
      name: request.token.label,
      contact_email: null,
      scopes: request.token.scopes,
    },
  },
});
