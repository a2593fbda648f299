// Real stores send sparse objects: some leave optional fields out, some send them as null. The
// generator draws the same dice whether sparsity is on or off, so turning it off fills in the
// very same records (every documented key present) and nothing else changes.
import type { SbAddress, SbCustomer, SbPaymentMethod } from './model.ts';
import type { Rng } from './prng.ts';

/** Shares of records that omit some optional keys, and (after those) that null some. */
const OMIT_SHARE = 0.25;
const NULL_SHARE = 0.15;

const CUSTOMER_KEYS = [
  'phone',
  'accepts_marketing',
  'tax_exempt',
  'external_customer_id',
  'first_charge_processed_at',
  'apply_credit_to_next_recurring_charge',
  'analytics_data',
  'reason_payment_method_not_valid',
] as const satisfies readonly (keyof SbCustomer)[];

/** Address keys a sparse record may leave out or null (the wire uses the same names). */
export const ADDRESS_KEYS = [
  'cart_attributes',
  'note_attributes',
  'presentment_currency',
  'original_shipping_lines',
  'company',
  'phone',
  'address2',
] as const satisfies readonly (keyof SbAddress)[];

const DETAIL_KEYS = ['funding_type', 'wallet_type', 'exp_month', 'exp_year', 'brand'] as const;
const BILLING_KEYS = ['phone', 'company', 'address2', 'first_name', 'last_name'] as const;

/** One draw per record: which profile, and which keys (bits) it touches. */
export interface SparseDice {
  roll: number;
  bits: number;
}

export const drawSparse = (rng: Rng): SparseDice => ({ roll: rng.next(), bits: rng.u32() });

type Mode = 'omit' | 'null' | null;

function modeOf(dice: SparseDice, sparse: boolean): Mode {
  if (!sparse) return null;
  if (dice.roll < OMIT_SHARE) return 'omit';
  return dice.roll < OMIT_SHARE + NULL_SHARE ? 'null' : null;
}

/** Clears the chosen keys (at least one): undefined is left out of the JSON, null is sent. */
function apply<T extends object>(
  target: T,
  keys: readonly (keyof T)[],
  bits: number,
  mode: 'omit' | 'null',
): void {
  let touched = false;
  keys.forEach((key, i) => {
    if ((bits >>> i) & 1) {
      target[key] = (mode === 'omit' ? undefined : null) as T[keyof T];
      touched = true;
    }
  });
  const first = keys[0];
  if (!touched && first !== undefined) {
    target[first] = (mode === 'omit' ? undefined : null) as T[keyof T];
  }
}

export function sparsifyCustomer(customer: SbCustomer, dice: SparseDice, sparse: boolean): void {
  const mode = modeOf(dice, sparse);
  if (mode) apply(customer, CUSTOMER_KEYS, dice.bits, mode);
}

export function sparsifyAddress(address: SbAddress, dice: SparseDice, sparse: boolean): void {
  const mode = modeOf(dice, sparse);
  if (mode) apply(address, ADDRESS_KEYS, dice.bits, mode);
}

/** Some methods leave out parts of their card details, others parts of the billing address. */
export function sparsifyMethod(method: SbPaymentMethod, dice: SparseDice, sparse: boolean): void {
  const mode = modeOf(dice, sparse);
  if (!mode) return;
  const details = method.payment_details;
  const billing = method.billing_address;
  if (mode === 'omit' && (dice.bits & 1) === 1) method.status_reason = undefined;
  if ((dice.bits & 2) === 2 && details) apply(details, DETAIL_KEYS, dice.bits >>> 2, mode);
  else if (billing) apply(billing, BILLING_KEYS, dice.bits >>> 8, mode);
}
