// Which payment method a 2021-11 token change replaces as the default. Once the new one exists
// the store no longer says, yet the addresses charged to the old one must follow it (also when a
// later try finds the method an interrupted one created), so the edit keeps it in its base.
import type { FieldValues } from '../../src-shared/outbox/rules.ts';
import type { CustomerState } from '../recharge/store-api.ts';
import type { EditRow } from './edit-rows.ts';

export const REPLACED_METHOD_FIELD = 'replaced_payment_method_id';

/**
 * The base to claim a token edit with: the default method the store has now. A try that may
 * have created the new method recorded the one it replaced: that is kept. Undefined: unchanged.
 */
export function baseAtClaim(
  edit: EditRow,
  server: CustomerState | undefined,
): FieldValues | undefined {
  if (edit.kind !== 'payment_token' || !server?.paymentMethods) return undefined;
  if (edit.ambiguous && REPLACED_METHOD_FIELD in edit.base) return undefined;
  const method = server.paymentMethods.find((m) => m.is_default === true);
  return { ...edit.base, [REPLACED_METHOD_FIELD]: method ? String(method.id) : null };
}

export function replacedMethodOf(base: FieldValues): number | null {
  const value = Number(base[REPLACED_METHOD_FIELD] ?? NaN);
  return Number.isInteger(value) ? value : null;
}
