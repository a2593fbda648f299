import { describe, expect, it } from 'vitest';
import type { PaymentMethod } from '../../../src-shared/customers/model.ts';
import type { EditRow } from '../../../src-main/outbox/edit-rows.ts';
import { baseAtClaim, replacedMethodOf } from '../../../src-main/outbox/replaced-method.ts';
import type { CustomerState } from '../../../src-main/recharge/store-api.ts';

const edit = (over: Partial<EditRow> = {}) =>
  ({
    kind: 'payment_token',
    ambiguous: false,
    base: { processor_type: 'stripe' },
    ...over,
  }) as EditRow;
const state = (defaultId: number | null, methods = true) =>
  ({
    customer: { id: 1 },
    paymentMethods: methods
      ? [
          { id: 5, is_default: defaultId === 5 },
          { id: 6, is_default: defaultId === 6 },
        ].map((m) => m as PaymentMethod)
      : null,
  }) as CustomerState;

describe('the payment method a 2021-11 token change replaces', () => {
  it('is the store’s default when the edit is claimed', () => {
    const base = baseAtClaim(edit(), state(6))!;
    expect(base).toEqual({ processor_type: 'stripe', replaced_payment_method_id: '6' });
    expect(replacedMethodOf(base)).toBe(6);
    expect(replacedMethodOf(baseAtClaim(edit(), state(null))!)).toBeNull();
  });

  it('stays what an earlier, maybe successful try recorded (the new method is default by now)', () => {
    const tried = edit({ ambiguous: true, base: { replaced_payment_method_id: '5' } });
    expect(baseAtClaim(tried, state(6))).toBeUndefined();
    expect(replacedMethodOf(tried.base)).toBe(5);
  });

  it('is not recorded where the version has no payment methods, nor for other edits', () => {
    expect(baseAtClaim(edit(), state(5, false))).toBeUndefined();
    expect(baseAtClaim(edit({ kind: 'billing' }), state(5))).toBeUndefined();
    expect(replacedMethodOf({})).toBeNull();
  });
});
