// What the active store's token and API version let the merchant change, and why not, in words
// that name the scope as the merchant sees it in ReCharge. Main checks the same rules again.
import type { CustomerView, PaymentMethodView } from '../../src-shared/customers/views.ts';
import type { ApiVersion, ProfileView } from '../../src-shared/ipc/channels/profiles.ts';
import { traitsOf } from '../../src-shared/recharge/versions.ts';
import { SCOPE_LABELS, type Scope } from '../../src-shared/scopes.ts';
import { defaultMethod, processorLabel } from './payment-methods.ts';

/** 2021-11 tokens spell the scopes as ReCharge's token screen does. */
const SPELLINGS_2021_11: Record<Scope, string> = {
  read_customer: 'read_customers',
  write_customer: 'write_customers',
  read_payments: 'read_payment_methods',
  write_payments: 'write_payment_methods',
};

export function scopeName(scope: Scope, version: ApiVersion | null | undefined): string {
  return version === '2021-11' ? SPELLINGS_2021_11[scope] : scope;
}

/** “Update payment tokens” (write_payment_methods) */
export function scopeText(scope: Scope, version: ApiVersion | null | undefined): string {
  return `“${SCOPE_LABELS[scope]}” (${scopeName(scope, version)})`;
}

/** Known to lack: an unknown store (null) lacks nothing, main has the last word. */
function lacks(profile: ProfileView | null, scope: Scope): boolean {
  return profile !== null && !profile.scopes.includes(scope);
}

const ADD_SCOPE = 'Add it to the token in ReCharge, then replace the token in Settings.';

/** Why payment tokens cannot be changed here, or null when they can. */
export function tokenLock(profile: ProfileView | null): string | null {
  if (!lacks(profile, 'write_payments')) return null;
  return (
    `This store's token lacks ${scopeText('write_payments', profile?.version)}, so payment ` +
    `tokens cannot be changed from here. ${ADD_SCOPE}`
  );
}

/**
 * On 2021-11 a new default payment method leaves the customer's addresses (their subscriptions)
 * on the old one until they are moved, which takes write_customers: without it the card is added
 * and the edit waits for the scope. Null when nothing of that applies.
 */
export function movesHeld(profile: ProfileView | null): string | null {
  if (!profile || !traitsOf(profile.version).paymentMethodToken) return null;
  if (lacks(profile, 'write_payments') || !lacks(profile, 'write_customer')) return null;
  return (
    `This store's token lacks ${scopeText('write_customer', profile.version)}: the new card ` +
    `will be added, but the customer's subscriptions stay on the old one, and the edit waits ` +
    `in the outbox until the scope is added. ${ADD_SCOPE}`
  );
}

/** Why payment methods are not listed, where the version has them. */
export function methodsUnreadable(profile: ProfileView | null): string | null {
  if (!profile || !traitsOf(profile.version).paymentMethods) return null;
  if (!lacks(profile, 'read_payments')) return null;
  return (
    `This store's token lacks ${scopeText('read_payments', profile.version)}, so its payment ` +
    `methods are not shown. ${ADD_SCOPE}`
  );
}

export interface BillingLocks {
  /** Why first and last name cannot be changed. */
  names: string | null;
  /** Why the billing address cannot be changed (the same text when one scope locks both). */
  address: string | null;
}

export function billingLocks(
  profile: ProfileView | null,
  customer: CustomerView,
  methods: readonly PaymentMethodView[],
): BillingLocks {
  if (!profile) return { names: null, address: null };
  if (!lacks(profile, 'write_customer')) {
    return { names: null, address: addressLock(profile, customer, methods) };
  }
  const sameScope = traitsOf(profile.version).billingScope === 'write_customer';
  const what = sameScope ? 'names and the billing address' : 'names';
  const names =
    `This store's token lacks ${scopeText('write_customer', profile.version)}, so ${what} ` +
    `cannot be changed from here. ${ADD_SCOPE}`;
  return { names, address: sameScope ? names : addressLock(profile, customer, methods) };
}

function addressLock(
  profile: ProfileView,
  customer: CustomerView,
  methods: readonly PaymentMethodView[],
): string | null {
  const traits = traitsOf(profile.version);
  if (lacks(profile, traits.billingScope)) {
    const where =
      traits.billingOn === 'payment_method'
        ? 'On API 2021-11 the billing address belongs to the default payment method, and this'
        : 'This';
    return (
      `${where} store's token lacks ${scopeText(traits.billingScope, profile.version)}, so the ` +
      `billing address cannot be changed from here. ${ADD_SCOPE}`
    );
  }
  if (traits.billingOn !== 'payment_method') return null;
  if (customer.default_payment_method_id === null) {
    return (
      'This customer has no default payment method on ReCharge, so there is no billing address ' +
      'to change. A new payment token adds one.'
    );
  }
  const method = defaultMethod(methods, customer.default_payment_method_id);
  if (!method) {
    return (
      'The default payment method is not on this computer yet, so its billing address cannot be ' +
      'changed: sync, or check that the token can read payment methods.'
    );
  }
  if (method.read_only) {
    const manager = processorLabel(method.processor_name) ?? 'another platform';
    return `The default payment method is managed by ${manager}: change its billing address there.`;
  }
  return null;
}
