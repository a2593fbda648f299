// Handlers for /addresses (both versions) and 2021-01's /customers/{id}/addresses.
import {
  notFound,
  pathId,
  unprocessable,
  type ApiRequest,
  type ApiResponse,
  type Handler,
} from './api-types.ts';
import { addressFilters } from './filters.ts';
import { countResponse, listResponse } from './list-response.ts';
import { EMPTY_BILLING, type SbAddress } from './model.ts';
import { addressRenderer } from './render.ts';
import type { AddressPatch, SandboxStore } from './store.ts';
import type { Row } from './table.ts';
import { validateAddress2021_01, validateAddress2021_11 } from './validate-addresses.ts';

const EMPTY_ADDRESS: Omit<SbAddress, 'id' | 'customer_id'> = {
  ...EMPTY_BILLING,
  payment_method_id: null,
  cart_attributes: [],
  note_attributes: [],
  cart_note: null,
  discount_id: null,
  shipping_lines_override: null,
  original_shipping_lines: [],
  presentment_currency: 'USD',
};

const answer = (request: ApiRequest, row: Row<SbAddress>, status = 200): ApiResponse => ({
  status,
  body: { address: addressRenderer(request.version)(row) },
});

/** A payment method named for an address must be one of that customer's. */
function methodProblem(store: SandboxStore, customerId: number, patch: AddressPatch) {
  const id = patch.payment_method_id;
  if (id === undefined || id === null) return null;
  return store.methodRow(id)?.data.customer_id === customerId
    ? null
    : { payment_method_id: [`Payment method ${id} does not belong to customer ${customerId}.`] };
}

function insert(store: SandboxStore, customerId: number, patch: AddressPatch): Row<SbAddress> {
  const paidBy = store.defaultMethodOf(customerId)?.data.id ?? null;
  return store.insertOwned('address', {
    ...EMPTY_ADDRESS,
    payment_method_id: paidBy,
    ...patch,
    customer_id: customerId,
  });
}

export const listAddresses: Handler = (request, { store }) =>
  listResponse(
    'addresses',
    store.addressTable,
    addressFilters(),
    request,
    addressRenderer(request.version),
  );

export const countAddresses: Handler = (request, { store }) =>
  countResponse('addresses', store.addressTable, addressFilters(), request);

export const listCustomerAddresses: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  if (id === null || !store.customerRow(id)) return notFound();
  // The path names the customer; it wins over any customer_id in the query or a cursor.
  return listResponse(
    'addresses',
    store.addressTable,
    addressFilters(),
    request,
    addressRenderer(request.version),
    { customer_id: String(id) },
  );
};

/** 2021-01: `POST /customers/{id}/addresses`. */
export const createCustomerAddress: Handler = (request, { store }) => {
  const customerId = pathId(request.params['id']);
  if (customerId === null || !store.customerRow(customerId)) return notFound();
  const checked = validateAddress2021_01(request.body, 'create');
  if (!checked.ok) return unprocessable(checked.errors);
  return answer(request, insert(store, customerId, checked.value), 201);
};

/** 2021-11: `POST /addresses` with the customer in the body. */
export const createAddress: Handler = (request, { store }) => {
  const checked = validateAddress2021_11(request.body, 'create');
  if (!checked.ok) return unprocessable(checked.errors);
  const { customerId, patch } = checked.value;
  if (customerId === null || !store.customerRow(customerId)) {
    return unprocessable({ customer_id: [`Customer ${customerId} does not exist.`] });
  }
  const problem = methodProblem(store, customerId, patch);
  if (problem) return unprocessable(problem);
  return answer(request, insert(store, customerId, patch), 201);
};

export const getAddress: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  const row = id === null ? undefined : store.addressRow(id);
  return row ? answer(request, row) : notFound();
};

export const updateAddress: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  const before = id === null ? undefined : store.addressRow(id);
  if (id === null || !before) return notFound();
  let patch: AddressPatch;
  if (request.version === '2021-11') {
    const checked = validateAddress2021_11(request.body, 'update');
    if (!checked.ok) return unprocessable(checked.errors);
    patch = checked.value.patch;
    const problem = methodProblem(store, before.data.customer_id, patch);
    if (problem) return unprocessable(problem);
  } else {
    const checked = validateAddress2021_01(request.body, 'update');
    if (!checked.ok) return unprocessable(checked.errors);
    patch = checked.value;
  }
  const row = store.writeOwned('address', id, patch);
  return row ? answer(request, row) : notFound();
};

export const deleteAddress: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  return id !== null && store.deleteOwned('address', id) ? { status: 204 } : notFound();
};
