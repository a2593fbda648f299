import type { ErrorShape } from '../../src-shared/errors.ts';
import { BILLING_FIELDS } from '../../src-shared/customers/model.ts';
import type { VersionTraits } from '../../src-shared/recharge/versions.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import type { EditRow } from './edit-rows.ts';

/** The scopes the store checks for this edit on this API version. */
export function scopesOf(edit: EditRow, traits: VersionTraits): Scope[] {
  if (edit.kind === 'payment_token') {
    // 2021-11 also moves the addresses charged to the old default onto the new method.
    return traits.paymentMethodToken ? ['write_payments', 'write_customer'] : ['write_payments'];
  }
  if (edit.kind !== 'billing') return ['write_customer'];
  const scopes = new Set<Scope>();
  for (const field of Object.keys(edit.patch)) {
    scopes.add(
      (BILLING_FIELDS as readonly string[]).includes(field)
        ? traits.billingScope
        : 'write_customer',
    );
  }
  return [...scopes];
}

export type PushPauses = ReturnType<typeof createPushPauses>;

/** A refused token (401) holds everything; a missing scope (403) only what needs it. */
export function createPushPauses() {
  let all: ErrorShape | null = null;
  const scopes = new Map<Scope, ErrorShape>();
  return {
    all: () => all,
    pauseAll(reason: ErrorShape) {
      all = reason;
    },
    pauseScope(scope: Scope, reason: ErrorShape) {
      scopes.set(scope, reason);
    },
    held: (edit: EditRow, traits: VersionTraits) =>
      scopesOf(edit, traits).some((scope) => scopes.has(scope)),
    clear() {
      all = null;
      scopes.clear();
    },
    reason: (): ErrorShape | null => all ?? scopes.values().next().value ?? null,
  };
}
