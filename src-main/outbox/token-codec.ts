import { AppError } from '../../src-shared/errors.ts';
import type { FieldValues } from '../../src-shared/outbox/rules.ts';
import { isTokenField, maskToken } from '../../src-shared/recharge/payment-tokens.ts';
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
