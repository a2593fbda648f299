// Handlers for /addresses and /customers/{id}/addresses.
import { notFound, pathId, unprocessable, type Handler } from './api-types.ts';
import { ADDRESS_FILTERS, parseAddressFilters } from './filters.ts';
import { listResponse } from './list-response.ts';
import { parseListRequest } from './paging.ts';
import { validateAddressWrite } from './validation.ts';

export const listAddresses: Handler = (request, { store, utcOffsetMinutes }) => {
  const list = parseListRequest('addresses', request.query, ADDRESS_FILTERS);
  if (!list.ok) return unprocessable(list.errors);
  const filters = parseAddressFilters(list.value.filterParams, utcOffsetMinutes);
  if (!filters.ok) return unprocessable(filters.errors);
  return listResponse('addresses', store.addresses, list.value, filters.value, request);
};

export const countAddresses: Handler = (request, { store, utcOffsetMinutes }) => {
  const params: Record<string, string> = {};
  for (const name of ADDRESS_FILTERS) {
    const value = request.query.get(name);
    if (value !== null) params[name] = value;
  }
  const filters = parseAddressFilters(params, utcOffsetMinutes);
  if (!filters.ok) return unprocessable(filters.errors);
  return { status: 200, body: { count: store.addresses.count(filters.value) } };
};

export const listCustomerAddresses: Handler = (request, deps) => {
  const id = pathId(request.params['id']);
  if (id === null || !deps.store.customer(id)) return notFound();
  const list = parseListRequest('addresses', request.query, ADDRESS_FILTERS);
  if (!list.ok) return unprocessable(list.errors);
  // The path names the customer; it wins over any customer_id in the query or a cursor.
  const filterParams = { ...list.value.filterParams, customer_id: String(id) };
  const filters = parseAddressFilters(filterParams, deps.utcOffsetMinutes);
  if (!filters.ok) return unprocessable(filters.errors);
  return listResponse(
    'addresses',
    deps.store.addresses,
    { ...list.value, filterParams },
    filters.value,
    request,
  );
};

export const createAddress: Handler = (request, { store }) => {
  const customerId = pathId(request.params['id']);
  if (customerId === null || !store.customer(customerId)) return notFound();
  const checked = validateAddressWrite(request.body, 'create');
  if (!checked.ok) return unprocessable(checked.errors);
  const address = store.createAddress(customerId, checked.value);
  return address ? { status: 201, body: { address } } : notFound();
};

export const getAddress: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  const address = id === null ? undefined : store.address(id);
  return address ? { status: 200, body: { address } } : notFound();
};

export const updateAddress: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  if (id === null || !store.address(id)) return notFound();
  const checked = validateAddressWrite(request.body, 'update');
  if (!checked.ok) return unprocessable(checked.errors);
  const address = store.updateAddress(id, checked.value);
  return address ? { status: 200, body: { address } } : notFound();
};

export const deleteAddress: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  return id !== null && store.deleteAddress(id) ? { status: 204 } : notFound();
};
