// Handlers for 2021-11's /payment_methods. Methods processed by Shopify Payments are managed by
// Shopify: they are listed and read, never changed here (422).
import { notFound, pathId, unprocessable, type Handler } from './api-types.ts';
import { paymentMethodFilters } from './filters.ts';
import { listResponse } from './list-response.ts';
import { READ_ONLY_PROCESSOR } from './model.ts';
import {
  createMethod,
  deleteMethod,
  detailsFromToken,
  updateMethod,
} from './payment-method-writes.ts';
import { paymentMethod2111 } from './render-2021-11.ts';
import type { SandboxStore } from './store.ts';
import {
  READ_ONLY_MESSAGE,
  validateMethodCreate,
  validateMethodUpdate,
} from './validate-payment-methods.ts';

const readOnly = () => unprocessable({ _schema: [READ_ONLY_MESSAGE] });

const isReadOnly = (store: SandboxStore, id: number): boolean =>
  store.methodRow(id)?.data.processor_name === READ_ONLY_PROCESSOR;

export const listPaymentMethods: Handler = (request, { store }) =>
  listResponse(
    'payment_methods',
    store.methodTable,
    paymentMethodFilters(),
    request,
    paymentMethod2111,
  );

export const getPaymentMethod: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  const row = id === null ? undefined : store.methodRow(id);
  return row ? { status: 200, body: { payment_method: paymentMethod2111(row) } } : notFound();
};

export const createPaymentMethod: Handler = (request, { store }) => {
  const checked = validateMethodCreate(request.body, (id) => store.customerRow(id) !== undefined);
  if (!checked.ok) return unprocessable(checked.errors);
  const { customerId, method } = checked.value;
  const details = detailsFromToken(
    method.processor_payment_method_token ?? '',
    method.payment_type,
  );
  const row = createMethod(store, customerId, { ...method, payment_details: details });
  return { status: 201, body: { payment_method: paymentMethod2111(row) } };
};

export const updatePaymentMethod: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  if (id === null || !store.methodRow(id)) return notFound();
  if (isReadOnly(store, id)) return readOnly();
  const checked = validateMethodUpdate(request.body);
  if (!checked.ok) return unprocessable(checked.errors);
  const row = updateMethod(store, id, checked.value);
  return row ? { status: 200, body: { payment_method: paymentMethod2111(row) } } : notFound();
};

export const deletePaymentMethod: Handler = (request, { store }) => {
  const id = pathId(request.params['id']);
  if (id === null || !store.methodRow(id)) return notFound();
  if (isReadOnly(store, id)) return readOnly();
  return deleteMethod(store, id) ? { status: 204 } : notFound();
};
