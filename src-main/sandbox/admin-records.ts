// Remote changes to records, as the customer portal, the processor or ReCharge itself would make
// them behind a client's back. Customers and addresses take 2021-01's field names (and answer in
// that shape); payment methods take and answer 2021-11's.
import { maskToken } from '../../src-shared/recharge/payment-tokens.ts';
import type * as w0101 from '../../src-shared/recharge/wire-2021-01.ts';
import type * as w2111 from '../../src-shared/recharge/wire-2021-11.ts';
import { updateCustomer } from './customer-writes.ts';
import type { FieldErrors } from './paging.ts';
import { createMethod, deleteMethod, updateMethod } from './payment-method-writes.ts';
import { address0101, customer0101 } from './render-2021-01.ts';
import { paymentMethod2111 } from './render-2021-11.ts';
import type { SandboxStore } from './store.ts';
import { validateAddressAdmin } from './validate-addresses.ts';
import { validateCustomer2021_01 } from './validate-customers.ts';
import { validateMethodAdmin, validateMethodUpdate } from './validate-payment-methods.ts';

export type AdminResult<T> =
  { ok: true; value: T } | { ok: false; status: 404 | 422; errors: FieldErrors | string };

export interface RecordControls {
  /** Change a customer as the portal would (also status, dunning, counts); bumps updated_at. */
  patchCustomer(id: number, fields: unknown): AdminResult<w0101.Customer>;
  deleteCustomer(id: number): boolean;
  patchAddress(id: number, fields: unknown): AdminResult<w0101.Address>;
  deleteAddress(id: number): boolean;
  /** The default payment method's processor customer token, masked. */
  paymentTokenHint(id: number): string | null;
  /** A customer's payment methods as 2021-11 sends them; null for an unknown customer. */
  paymentMethodsOf(customerId: number): w2111.PaymentMethod[] | null;
  /** Change a method as the portal or the processor would (Shopify Payments ones too). */
  patchPaymentMethod(id: number, fields: unknown): AdminResult<w2111.PaymentMethod>;
  /** Add a method as the portal would (default: a valid Stripe card, made default if first). */
  createPaymentMethod(customerId: number, fields: unknown): AdminResult<w2111.PaymentMethod>;
  deletePaymentMethod(id: number): boolean;
}

const NOT_FOUND = { ok: false, status: 404, errors: 'Not Found' } as const;
const invalid = (errors: FieldErrors) => ({ ok: false, status: 422, errors }) as const;

export function recordControls(store: SandboxStore): RecordControls {
  const customer = (id: number) => {
    const row = store.customerRow(id);
    return row ? customer0101(row, store.defaultMethodOf(id)?.data) : undefined;
  };
  return {
    patchCustomer(id, fields) {
      if (!store.customerRow(id)) return NOT_FOUND;
      const checked = validateCustomer2021_01(fields, 'update', { admin: true });
      if (!checked.ok) return invalid(checked.errors);
      const email = checked.value.own.email;
      const owner = email === undefined ? undefined : store.emailOwner(email);
      if (owner !== undefined && owner !== id) {
        return invalid({ email: ['email already exists on store'] });
      }
      updateCustomer(store, id, checked.value);
      const value = customer(id);
      return value ? { ok: true, value } : NOT_FOUND;
    },
    deleteCustomer: (id) => store.deleteCustomer(id),
    patchAddress(id, fields) {
      if (!store.addressRow(id)) return NOT_FOUND;
      const checked = validateAddressAdmin(fields);
      if (!checked.ok) return invalid(checked.errors);
      const row = store.writeOwned('address', id, checked.value);
      return row ? { ok: true, value: address0101(row) } : NOT_FOUND;
    },
    deleteAddress: (id) => store.deleteOwned('address', id),
    paymentTokenHint(id) {
      const token = store.defaultMethodOf(id)?.data.processor_customer_token;
      return token ? maskToken(token) : null;
    },
    paymentMethodsOf(customerId) {
      if (!store.customerRow(customerId)) return null;
      return store.methodsOf(customerId).map(paymentMethod2111);
    },
    patchPaymentMethod(id, fields) {
      if (!store.methodRow(id)) return NOT_FOUND;
      const checked = validateMethodUpdate(fields, { admin: true });
      if (!checked.ok) return invalid(checked.errors);
      const row = updateMethod(store, id, checked.value);
      return row ? { ok: true, value: paymentMethod2111(row) } : NOT_FOUND;
    },
    createPaymentMethod(customerId, fields) {
      if (!store.customerRow(customerId)) return NOT_FOUND;
      const checked = validateMethodAdmin(fields);
      if (!checked.ok) return invalid(checked.errors);
      const row = createMethod(store, customerId, checked.value);
      return { ok: true, value: paymentMethod2111(row) };
    },
    deletePaymentMethod: (id) => deleteMethod(store, id),
  };
}
