// Customer creates and updates of either API version, onto the version-neutral rows: the
// customer's own fields, and (2021-01) its billing fields and payment token, which live on the
// default payment method.
import type { Processor } from '../../src-shared/recharge/payment-tokens.ts';
import type { SbBillingAddress, SbCustomer } from './model.ts';
import { methodKindOf, replaceWithToken, setBilling } from './payment-method-writes.ts';
import type { CustomerPatch, NewCustomer, SandboxStore, UpdateById } from './store.ts';
import type { Row } from './table.ts';

export interface StoredPaymentToken {
  processor: Processor;
  token: string;
}

export interface CustomerWrite {
  own: CustomerPatch;
  /** 2021-01 `billing_*`: the default method's billing address. */
  billing?: SbBillingAddress;
  /** 2021-01 payment-token field: replaces the default method. */
  token?: StoredPaymentToken;
  /** Admin: the default method's processor, in 2021-01's naming. */
  processorType?: string | null;
}

const DEFAULTS: Omit<NewCustomer, 'email' | 'first_name' | 'last_name'> = {
  phone: null,
  external_customer_id: null,
  accepts_marketing: null,
  tax_exempt: false,
  apply_credit_to_next_recurring_charge: false,
  analytics_data: { utm_params: [] },
  status: 'ACTIVE',
  has_valid_payment_method: false,
  reason_payment_method_not_valid: null,
  in_dunning: false,
  subscriptions_active: 0,
  subscriptions_total: 0,
  first_charge_processed_at: null,
  sends_token: false,
};

/** The default method's processor set as the portal would; a holder is made if there is none. */
function setProcessorType(store: SandboxStore, customerId: number, type: string | null): void {
  const current = store.defaultMethodOf(customerId);
  if (current) {
    store.writeOwned('method', current.data.id, methodKindOf(type));
    return;
  }
  setBilling(store, customerId, {});
  const holder = store.defaultMethodOf(customerId);
  if (holder) store.writeOwned('method', holder.data.id, methodKindOf(type));
}

/** Method-side effects of a write; returns what the customer row itself must take on. */
function applyMethods(store: SandboxStore, id: number, write: CustomerWrite): CustomerPatch {
  const own: CustomerPatch = { ...write.own };
  if (write.token) Object.assign(own, replaceWithToken(store, id, write.token));
  if (write.billing && Object.keys(write.billing).length > 0) setBilling(store, id, write.billing);
  if (write.processorType !== undefined) setProcessorType(store, id, write.processorType);
  return own;
}

export function createCustomer(
  store: SandboxStore,
  write: CustomerWrite & { own: Pick<SbCustomer, 'email' | 'first_name' | 'last_name'> },
): Row<SbCustomer> {
  const row = store.insertCustomer({ ...DEFAULTS, ...write.own });
  // A create is one change: the validity a token brings goes into the row nobody has seen yet.
  Object.assign(row.data, applyMethods(store, row.data.id, { ...write, own: {} }));
  return row;
}

/** Bumps updated_at even for a billing-only change: 2021-01 shows billing on the customer. */
export const updateCustomer: UpdateById<CustomerWrite, SbCustomer> = (store, id, write) =>
  store.customerRow(id) ? store.writeCustomer(id, applyMethods(store, id, write)) : undefined;
