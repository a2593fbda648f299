// Handlers for /customers.
import { notFound, pathId, unprocessable, type Handler } from './api-types.ts';
import { CUSTOMER_FILTERS, parseCustomerFilters } from './filters.ts';
import { listResponse } from './list-response.ts';
import { parseListRequest } from './paging.ts';
import { validateCustomerWrite } from './validation.ts';

const EMAIL_TAKEN = { email: 'email already exists on store' };

function queryParams(query: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of CUSTOMER_FILTERS) {
    const value = query.get(name);
    if (value !== null) params[name] = value;
  }
  return params;
}

export const listCustomers: Handler = (request, { store, utcOffsetMinutes }) => {
  const list = parseListRequest('customers', request.query, CUSTOMER_FILTERS);
  if (!list.ok) return unprocessable(list.errors);
  const filters = parseCustomerFilters(list.value.filterParams, utcOffsetMinutes);
  if (!filters.ok) return unprocessable(filters.errors);
  return listResponse('customers', store.customers, list.value, filters.value, request);
};

export const countCustomers: Handler = (request, { store, utcOffsetMinutes }) => {
  const filters = parseCustomerFilters(queryParams(request.query), utcOffsetMinutes);
  if (!filters.ok) return unprocessable(filters.errors);
  return { status: 200, body: { count: store.customers.count(filters.value) } };
};

export const getCustomer: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  const customer = id === null ? undefined : store.customer(id);
  return customer ? { status: 200, body: { customer } } : notFound();
};

export const createCustomer: Handler = (request, { store }) => {
  const checked = validateCustomerWrite(request.body, 'create');
  if (!checked.ok) return unprocessable(checked.errors);
  const { fields, token } = checked.value;
  if (fields.email !== undefined && store.emailOwner(fields.email) !== undefined) {
    return unprocessable(EMAIL_TAKEN);
  }
  const customer = store.createCustomer(
    {
      ...fields,
      email: fields.email ?? '',
      first_name: fields.first_name ?? '',
      last_name: fields.last_name ?? '',
    },
    token,
  );
  return { status: 201, body: { customer } };
};

export const updateCustomer: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  if (id === null || !store.customer(id)) return notFound();
  const checked = validateCustomerWrite(request.body, 'update');
  if (!checked.ok) return unprocessable(checked.errors);
  const { fields, token } = checked.value;
  const owner = fields.email === undefined ? undefined : store.emailOwner(fields.email);
  if (owner !== undefined && owner !== id) return unprocessable(EMAIL_TAKEN);
  const customer = store.updateCustomer(id, fields, token);
  return customer ? { status: 200, body: { customer } } : notFound();
};

export const deleteCustomer: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  return id !== null && store.deleteCustomer(id) ? { status: 204 } : notFound();
};

export const tokenInformation: Handler = (request) => {
  // 2021-01 has no such endpoint; scopes there are entered by the merchant or probed.
  if (request.version !== '2021-11') return notFound();
  return {
    status: 200,
    body: {
      token_information: {
        name: request.token.label,
        contact_email: null,
        scopes: request.token.scopes,
      },
    },
  };
};
