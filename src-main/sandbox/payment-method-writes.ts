// Changes to payment methods, and what they do to their customer: the default method carries the
// customer's billing address and validity (2021-01 shows both on the customer), so a change to it
// also bumps the customer's updated_at.
import type { Processor } from '../../src-shared/recharge/payment-tokens.ts';
import {
  EMPTY_BILLING,
  type SbBillingAddress,
  type SbCustomer,
  type SbPaymentDetails,
  type SbPaymentMethod,
} from './model.ts';
import { createRng } from './prng.ts';
import type { MethodPatch, SandboxStore, UpdateById } from './store.ts';
import type { Row } from './table.ts';

export type NewMethod = Omit<SbPaymentMethod, 'id' | 'customer_id' | 'is_default'> & {
  is_default?: boolean;
};

/** Partial changes; the billing address and card details merge into the stored ones. */
export type MethodChange = Omit<MethodPatch, 'billing_address' | 'payment_details'> & {
  billing_address?: SbBillingAddress | null;
  payment_details?: SbPaymentDetails | null;
};

type Validity = Pick<SbCustomer, 'has_valid_payment_method' | 'reason_payment_method_not_valid'>;

export function validityOf(method: SbPaymentMethod | undefined): Validity {
  if (!method) {
    return {
      has_valid_payment_method: false,
      reason_payment_method_not_valid: 'No payment method',
    };
  }
  if (method.status === 'valid') {
    return { has_valid_payment_method: true, reason_payment_method_not_valid: null };
  }
  return {
    has_valid_payment_method: false,
    reason_payment_method_not_valid: method.status_reason ?? `Payment method is ${method.status}`,
  };
}

/** Card details a real store would fetch from the processor; here derived from the token. */
export function detailsFromToken(token: string, paymentType: string | null): SbPaymentDetails {
  let hash = 2166136261;
  for (let i = 0; i < token.length; i += 1) hash = Math.imul(hash ^ token.charCodeAt(i), 16777619);
  const rng = createRng(hash >>> 0);
  if (paymentType === 'PAYPAL') {
    return { brand: null, last4: null, exp_month: null, exp_year: null, paypal_email: null };
  }
  return {
    brand: rng.pick(['visa', 'mastercard', 'american_express', 'discover']),
    last4: String(rng.int(10000)).padStart(4, '0'),
    exp_month: rng.between(1, 12),
    exp_year: 2027 + rng.int(5),
    paypal_email: null,
    wallet_type: null,
    funding_type: 'credit',
  };
}

function undefaultOthers(store: SandboxStore, customerId: number, keep: number): void {
  for (const row of store.methodsOf(customerId)) {
    if (row.data.is_default && row.data.id !== keep) {
      store.writeOwned('method', row.data.id, { is_default: false });
    }
  }
}

/** Addresses paid by one method are paid by another (or none) after it goes away. */
function repointAddresses(
  store: SandboxStore,
  customerId: number,
  from: number,
  to: number | null,
) {
  for (const id of store.addressIdsOf(customerId)) {
    if (store.addressRow(id)?.data.payment_method_id === from) {
      store.writeOwned('address', id, { payment_method_id: to });
    }
  }
}

/** A new method; the first one, or one created with `is_default`, becomes the default. */
export function createMethod(
  store: SandboxStore,
  customerId: number,
  fields: NewMethod,
): Row<SbPaymentMethod> {
  const isDefault = fields.is_default ?? store.defaultMethodOf(customerId) === undefined;
  if (isDefault) undefaultOthers(store, customerId, -1);
  const row = store.insertOwned('method', {
    ...fields,
    customer_id: customerId,
    is_default: isDefault,
  });
  if (isDefault) store.writeCustomer(customerId, validityOf(row.data));
  return row;
}

export const updateMethod: UpdateById<MethodChange, SbPaymentMethod> = (store, id, change) => {
  const before = store.methodRow(id)?.data;
  if (!before) return undefined;
  const patch: MethodPatch = { ...change };
  if (change.billing_address) {
    patch.billing_address = {
      ...(before.billing_address ?? EMPTY_BILLING),
      ...change.billing_address,
    };
  }
  if (change.payment_details) {
    patch.payment_details = { ...before.payment_details, ...change.payment_details };
  }
  if (change.is_default === true && !before.is_default) {
    undefaultOthers(store, before.customer_id, id);
  }
  const row = store.writeOwned('method', id, patch);
  if (row && (before.is_default || row.data.is_default)) {
    const defaultChanged = before.is_default !== row.data.is_default;
    const statusChanged =
      before.status !== row.data.status || before.status_reason !== row.data.status_reason;
    const validity = row.data.is_default ? validityOf(row.data) : validityOf(undefined);
    store.writeCustomer(before.customer_id, defaultChanged || statusChanged ? validity : {});
  }
  return row;
};

export function deleteMethod(store: SandboxStore, id: number): boolean {
  const before = store.methodRow(id)?.data;
  if (!before || !store.deleteOwned('method', id)) return false;
  repointAddresses(store, before.customer_id, id, null);
  if (before.is_default) store.writeCustomer(before.customer_id, validityOf(undefined));
  return true;
}

/**
 * 2021-01 billing fields: they change the default method's billing address, or create a holder
 * for it (no processor yet) when the customer has no method. The caller bumps the customer.
 */
export function setBilling(
  store: SandboxStore,
  customerId: number,
  billing: SbBillingAddress,
): void {
  const current = store.defaultMethodOf(customerId);
  if (current) {
    const merged = { ...(current.data.billing_address ?? EMPTY_BILLING), ...billing };
    store.writeOwned('method', current.data.id, { billing_address: merged });
    return;
  }
  store.insertOwned('method', {
    customer_id: customerId,
    is_default: true,
    payment_type: null,
    processor_name: null,
    processor_customer_token: null,
    processor_payment_method_token: null,
    status: 'empty',
    status_reason: null,
    payment_details: null,
    billing_address: { ...EMPTY_BILLING, ...billing },
  });
}

/** How 2021-01 processor types map onto 2021-11 processors and payment types. */
export function methodKindOf(processorType: string | null): {
  processor_name: string | null;
  payment_type: string | null;
} {
  if (processorType === null) return { processor_name: null, payment_type: null };
  if (processorType === 'paypal') return { processor_name: 'braintree', payment_type: 'PAYPAL' };
  const name = processorType === 'authorizedotnet' ? 'authorize' : processorType;
  return { processor_name: name, payment_type: 'CREDIT_CARD' };
}

/**
 * A 2021-01 payment token replaces the default method with a new, valid one of that processor,
 * keeping the billing address; returns the customer's new validity for the caller to write.
 */
export function replaceWithToken(
  store: SandboxStore,
  customerId: number,
  token: { processor: Processor; token: string },
): Validity {
  const old = store.defaultMethodOf(customerId)?.data;
  if (old) store.deleteOwned('method', old.id);
  const kind = methodKindOf(token.processor);
  const row = store.insertOwned('method', {
    customer_id: customerId,
    is_default: true,
    ...kind,
    processor_customer_token: token.token,
    processor_payment_method_token: null,
    status: 'valid',
    status_reason: null,
    payment_details: detailsFromToken(token.token, kind.payment_type),
    billing_address: old?.billing_address ?? null,
  });
  if (old) repointAddresses(store, customerId, old.id, row.data.id);
  return validityOf(row.data);
}
