// API 2021-11 onto the domain model: customers carry neither billing nor status; the billing
// address and the processor's tokens live on payment methods; lists page by cursors in the body
// and nothing can be counted up front.
import type { z } from 'zod';
import { AppError } from '../../src-shared/errors.ts';
import {
  billingFromMethod,
  type AddressFacts,
  type BillingAddress,
  type BillingField,
  type CustomerFacts,
  type PaymentMethod,
} from '../../src-shared/customers/model.ts';
import type { FieldValues } from '../../src-shared/outbox/rules.ts';
import type { Processor } from '../../src-shared/recharge/payment-tokens.ts';
import { traitsOf } from '../../src-shared/recharge/versions.ts';
import { easternNaive, instantSeconds } from '../../src-shared/time/eastern.ts';
import * as wire from '../../src-shared/recharge/wire-2021-11.ts';
import { TokenInformation } from '../../src-shared/recharge/wire-common.ts';
import type { RechargeClient } from './client.ts';
import { isRechargeError } from './errors.ts';
import {
  addressLines,
  countryNameOf,
  defined,
  instant,
  integer,
  requireCountryCode,
  text,
} from './map-common.ts';
import type { CustomerState, ListQuery, StoreApi } from './store-api.ts';

export function customerFacts(w: wire.Customer): CustomerFacts {
  return defined({
    id: w.id,
    hash: w.hash,
    email: w.email,
    first_name: w.first_name,
    last_name: w.last_name,
    phone: w.phone,
    external_customer_id:
      w.external_customer_id === undefined || w.external_customer_id === null
        ? w.external_customer_id
        : text(w.external_customer_id.ecommerce),
    tax_exempt: w.tax_exempt,
    has_valid_payment_method: w.has_valid_payment_method,
    in_dunning: w.has_payment_method_in_dunning,
    subscriptions_active: w.subscriptions_active_count,
    subscriptions_total: w.subscriptions_total_count,
    first_charge_processed_at: instant(w.first_charge_processed_at),
    created_at: instant(w.created_at),
    updated_at: instant(w.updated_at),
  });
}

export function addressFacts(w: wire.Address): AddressFacts {
  return defined({
    ...addressLines(w),
    country: countryNameOf(w.country_code),
    country_code:
      w.country_code === undefined ? undefined : (w.country_code?.toUpperCase() ?? null),
    payment_method_id: w.payment_method_id,
  });
}

function billingAddress(w: wire.BillingAddress | null | undefined): BillingAddress | null {
  if (!w) return null;
  const code = w.country_code?.toUpperCase() ?? null;
  return {
    first_name: w.first_name ?? null,
    last_name: w.last_name ?? null,
    company: w.company ?? null,
    address1: w.address1 ?? null,
    address2: w.address2 ?? null,
    city: w.city ?? null,
    province: w.province ?? null,
    zip: w.zip ?? null,
    country: (countryNameOf(code) ?? w.country ?? null) || null,
    country_code: code,
    phone: w.phone ?? null,
  };
}

/** A payment method without its processor tokens: they are secrets and stop here. */
export function paymentMethod(w: wire.PaymentMethod): PaymentMethod {
  const details = w.payment_details ?? null;
  const processor = w.processor_name ?? null;
  return {
    id: w.id,
    customer_id: w.customer_id,
    is_default: w.default ?? null,
    payment_type: w.payment_type ?? null,
    processor_name: processor,
    status: w.status ?? null,
    status_reason: w.status_reason ?? null,
    brand: details?.brand ?? null,
    last4: details?.last4 ?? null,
    exp_month: integer(details?.exp_month) ?? null,
    exp_year: integer(details?.exp_year) ?? null,
    paypal_email: details?.paypal_email ?? null,
    wallet_type: details?.wallet_type ?? null,
    billing: billingAddress(w.billing_address),
    read_only: processor !== null && wire.READ_ONLY_PROCESSORS.includes(processor),
    created_at: instant(w.created_at) ?? null,
    updated_at: instant(w.updated_at) ?? null,
  };
}

export const defaultMethodOf = (methods: readonly PaymentMethod[]): PaymentMethod | null =>
  methods.find((m) => m.is_default === true) ?? null;

/** The customer's billing facts as its default payment method tells them. */
export function withDefaultMethod(
  customer: CustomerFacts,
  methods: readonly PaymentMethod[],
): CustomerFacts {
  const method = defaultMethodOf(methods);
  return {
    ...customer,
    ...billingFromMethod(method),
    default_payment_method_id: method?.id ?? null,
    processor_type: method?.processor_name ?? null,
  };
}

export function listParams(query: ListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.cursor) {
    params.set('cursor', query.cursor);
    params.set('limit', String(query.limit));
    return params;
  }
  params.set('limit', String(query.limit));
  params.set('sort_by', 'updated_at-asc');
  if (query.updatedSince) {
    const seconds = instantSeconds(query.updatedSince);
    if (seconds !== null) params.set('updated_at_min', easternNaive(seconds));
  }
  return params;
}

const PROCESSOR_NAMES: Readonly<Record<Processor, string | null>> = {
  stripe: 'stripe',
  braintree: 'braintree',
  authorizedotnet: 'authorize',
  paypal: null,
};

const BILLING_KEYS: Readonly<Record<BillingField, string>> = {
  billing_address1: 'address1',
  billing_address2: 'address2',
  billing_zip: 'zip',
  billing_city: 'city',
  billing_company: 'company',
  billing_province: 'province',
  billing_country: 'country_code',
  billing_phone: 'phone',
};

function wireBilling(billing: BillingAddress | null): Record<string, string | null> {
  if (!billing) return {};
  return defined({
    first_name: billing.first_name,
    last_name: billing.last_name,
    company: billing.company,
    address1: billing.address1,
    address2: billing.address2,
    city: billing.city,
    province: billing.province,
    zip: billing.zip,
    country_code: billing.country_code,
    phone: billing.phone,
  });
}

/** A form's address values with the country as 2021-11 wants it. */
function wireAddress(values: FieldValues): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(values)) {
    if (field === 'country') out['country_code'] = requireCountryCode('country', value ?? null);
    else out[field] = value ?? null;
  }
  return out;
}

function requireDefaultMethod(current: CustomerState): PaymentMethod {
  const method = defaultMethodOf(current.paymentMethods ?? []);
  if (!method) {
    throw new AppError(
      'validation',
      'This customer has no default payment method on ReCharge, so there is no billing address ' +
        'to change. Add a payment method first.',
    );
  }
  if (method.read_only) {
    throw new AppError(
      'validation',
      `The default payment method is managed by ${method.processor_name ?? 'another platform'}; ` +
        'change its billing address there.',
    );
  }
  return method;
}

export function createStoreApi2021_11(client: RechargeClient): StoreApi {
  const get = <S extends z.ZodType>(
    path: string,
    schema: S,
    query?: URLSearchParams,
    signal?: AbortSignal,
  ) =>
    client.request({
      method: 'GET',
      path,
      schema,
      scope: path.startsWith('/payment_methods') ? 'read_payments' : 'read_customer',
      signal,
      ...(query ? { query } : {}),
    });

  const methodsOf = async (customerId: number, signal?: AbortSignal) => {
    const query = new URLSearchParams({ customer_id: String(customerId), limit: '250' });
    const answer = await get('/payment_methods', wire.PaymentMethodList, query, signal);
    return answer.data.payment_methods;
  };

  const getCustomer = async (id: number, signal?: AbortSignal): Promise<CustomerState> => {
    const query = new URLSearchParams({ include: 'payment_methods' });
    const answer = await get(`/customers/${id}`, wire.CustomerEnvelope, query, signal);
    const w = answer.data.customer;
    const methods = (w.include?.payment_methods ?? (await methodsOf(id, signal))).map(
      paymentMethod,
    );
    return { customer: withDefaultMethod(customerFacts(w), methods), paymentMethods: methods };
  };

  return {
    version: '2021-11',
    traits: traitsOf('2021-11'),
    limiter: client.limiter,
    onReachability: (listener) => client.onReachability(listener),
    resources: ['customers', 'addresses', 'payment_methods'],
    async listCustomers(query, signal) {
      const answer = await get('/customers', wire.CustomerList, listParams(query), signal);
      return { items: answer.data.customers.map(customerFacts), next: answer.next };
    },
    async listAddresses(query, signal) {
      const answer = await get('/addresses', wire.AddressList, listParams(query), signal);
      return { items: answer.data.addresses.map(addressFacts), next: answer.next };
    },
    async listPaymentMethods(query, signal) {
      const answer = await get(
        '/payment_methods',
        wire.PaymentMethodList,
        listParams(query),
        signal,
      );
      return { items: answer.data.payment_methods.map(paymentMethod), next: answer.next };
    },
    countCustomers: () => Promise.resolve(null),
    countAddresses: () => Promise.resolve(null),
    getCustomer,
    async customersNow(ids, signal) {
      // No list call returns payment methods for several customers: one GET each.
      const found = await Promise.all(
        ids.map((id) =>
          getCustomer(id, signal).catch((error: unknown) => {
            if (isRechargeError(error) && error.kind === 'not_found') return null;
            throw error;
          }),
        ),
      );
      return found.filter((state): state is CustomerState => state !== null);
    },
    async customerAddresses(customerId, signal) {
      const query = new URLSearchParams({ customer_id: String(customerId), limit: '250' });
      const answer = await get('/addresses', wire.AddressList, query, signal);
      return answer.data.addresses.map(addressFacts);
    },
    async getAddress(id, signal) {
      const answer = await get(`/addresses/${id}`, wire.AddressEnvelope, undefined, signal);
      return addressFacts(answer.data.address);
    },
    async updateBilling(current, values, signal) {
      const id = current.customer.id;
      const customerBody: Record<string, string | null> = {};
      const billingBody: Record<string, string | null> = {};
      for (const [field, value] of Object.entries(values)) {
        const key = BILLING_KEYS[field as keyof typeof BILLING_KEYS];
        if (key === undefined) customerBody[field] = value ?? null;
        else if (key === 'country_code')
          billingBody[key] = requireCountryCode(field, value ?? null);
        else billingBody[key] = value ?? null;
      }
      const method = Object.keys(billingBody).length > 0 ? requireDefaultMethod(current) : null;
      const result: { customer?: CustomerFacts; paymentMethods?: PaymentMethod[] } = {};
      if (Object.keys(customerBody).length > 0) {
        const answer = await client.request({
          method: 'PUT',
          path: `/customers/${id}`,
          body: customerBody,
          schema: wire.CustomerEnvelope,
          scope: 'write_customer',
          signal,
        });
        result.customer = customerFacts(answer.data.customer);
      }
      if (method) {
        // The whole billing address goes: a partial one may be taken as clearing the rest.
        const answer = await client.request({
          method: 'PUT',
          path: `/payment_methods/${method.id}`,
          body: { billing_address: { ...wireBilling(method.billing), ...billingBody } },
          schema: wire.PaymentMethodEnvelope,
          scope: 'write_payments',
          signal,
        });
        const updated = paymentMethod(answer.data.payment_method);
        const others = (current.paymentMethods ?? []).filter((m) => m.id !== updated.id);
        result.paymentMethods = [updated, ...others];
      }
      return result;
    },
    async replacePaymentToken(current, token, signal) {
      const processor = PROCESSOR_NAMES[token.processor];
      if (!processor || !token.paymentMethodToken) {
        throw new AppError(
          'validation',
          processor
            ? 'API 2021-11 needs the processor’s payment-method token as well.'
            : 'API 2021-11 adds PayPal through Braintree: choose Braintree.',
        );
      }
      const customerId = current.customer.id;
      const billing = defaultMethodOf(current.paymentMethods ?? [])?.billing ?? null;
      const answer = await client.request({
        method: 'POST',
        path: '/payment_methods',
        body: {
          customer_id: customerId,
          default: true,
          payment_type: 'CREDIT_CARD',
          processor_name: processor,
          processor_customer_token: token.customerToken,
          processor_payment_method_token: token.paymentMethodToken,
          ...(billing ? { billing_address: wireBilling(billing) } : {}),
        },
        schema: wire.PaymentMethodEnvelope,
        scope: 'write_payments',
        signal,
      });
      const created = paymentMethod(answer.data.payment_method);
      // The store un-defaults the previous method; read them back, but a failed read must not
      // make a created method look unsent (it would be created twice).
      try {
        return { paymentMethods: (await methodsOf(customerId, signal)).map(paymentMethod) };
      } catch {
        const rest = (current.paymentMethods ?? [])
          .filter((m) => m.id !== created.id)
          .map((m) => ({ ...m, is_default: false }));
        return { paymentMethods: [created, ...rest] };
      }
    },
    async findTokenChange(customerId, token, signal) {
      const methods = await methodsOf(customerId, signal);
      const match = methods.find(
        (m) =>
          m.processor_customer_token === token.customerToken &&
          m.processor_payment_method_token === token.paymentMethodToken,
      );
      return match ? { paymentMethods: methods.map(paymentMethod) } : null;
    },
    async createAddress(customerId, values, signal) {
      const answer = await client.request({
        method: 'POST',
        path: '/addresses',
        body: { customer_id: customerId, ...wireAddress(values) },
        schema: wire.AddressEnvelope,
        scope: 'write_customer',
        signal,
      });
      return addressFacts(answer.data.address);
    },
    async updateAddress(id, values, signal) {
      const answer = await client.request({
        method: 'PUT',
        path: `/addresses/${id}`,
        body: wireAddress(values),
        schema: wire.AddressEnvelope,
        scope: 'write_customer',
        signal,
      });
      return addressFacts(answer.data.address);
    },
    async tokenInformation(signal) {
      const answer = await client.request({
        method: 'GET',
        path: '/token_information',
        schema: TokenInformation,
        scope: 'read_customer',
        signal,
      });
      const info = answer.data.token_information;
      return { name: info.name ?? null, scopes: info.scopes };
    },
  };
}
