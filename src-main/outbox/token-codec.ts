import { AppError } from '../../src-shared/errors.ts';
import type { FieldValues } from '../../src-shared/outbox/rules.ts';
import { isTokenField, maskToken } from '../../src-shared/recharge/payment-tokens.ts';
import { RechargeError } from '../recharge/errors.ts';
import type { TokenSealer } from './ports.ts';

const SEALED = 'sealed:';
const MASKED = 'masked:';

/** A token as stored in a live edit's patch: sealed, never plain. */
export const sealValue = (token: string, sealer: TokenSealer): string =>
  SEALED + sealer.seal(token);

/** The tokens inside an edit, shown only masked, whatever state the edit is in. */
export function displayValue(
  field: string,
  value: string | null,
  sealer: TokenSealer,
): string | null {
  // Only token fields are ever sealed: a billing value that merely starts so is a value.
  if (value === null || !isTokenField(field)) return value;
  if (value.startsWith(SEALED)) {
    try {
      return maskToken(sealer.open(value.slice(SEALED.length)));
    } catch {
      return '…';
    }
  }
  if (value.startsWith(MASKED)) return value.slice(MASKED.length);
  return value;
}

/** A settled token edit keeps only the mask: the token is stored no longer than needed. */
export function withoutSecrets(patch: FieldValues, sealer: TokenSealer): FieldValues {
  const out: FieldValues = {};
  for (const [field, value] of Object.entries(patch)) {
    out[field] =
      isTokenField(field) && value?.startsWith(SEALED)
        ? MASKED + displayValue(field, value, sealer)
        : value;
  }
  return out;
}

export function openPatch(patch: FieldValues, sealer: TokenSealer): FieldValues {
  const out: FieldValues = {};
  for (const [field, value] of Object.entries(patch)) {
    if (!isTokenField(field)) {
      out[field] = value;
      continue;
    }
    if (value?.startsWith(MASKED)) {
      throw new AppError('validation', 'Enter the payment token again: it is no longer stored.');
    }
    out[field] = value?.startsWith(SEALED) ? sealer.open(value.slice(SEALED.length)) : value;
  }
  return out;
}

/**
 * A store's refusal with the pushed tokens masked: processors quote the token they could not use
 * ("No such customer: 'cus_…'"), and the error is stored with the edit and shown in the window.
 */
export function maskTokensInError(error: unknown, tokens: readonly (string | null)[]): unknown {
  const secrets = tokens.filter((t): t is string => t !== null && t.length >= 4);
  if (!(error instanceof RechargeError) || secrets.length === 0) return error;
  const mask = (text: string) =>
    secrets.reduce((out, secret) => out.split(secret).join(maskToken(secret)), text);
  const fieldErrors = error.fieldErrors
    ? Object.fromEntries(
        Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages.map(mask)]),
      )
    : undefined;
  return new RechargeError(error.kind, mask(error.message), {
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    requestId: error.requestId,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(error.scope ? { scope: error.scope } : {}),
  });
}
