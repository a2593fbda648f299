import { AppError, type ErrorKind, type FieldErrors } from '../../src-shared/errors.ts';
import type { Scope } from '../../src-shared/scopes.ts';

/** What a failed call leaves for the screen: a kind, a readable message, per-field messages. */
export interface UiError {
  kind: ErrorKind;
  message: string;
  fieldErrors: FieldErrors;
  scope: Scope | null;
}

export function toUiError(error: unknown): UiError {
  if (error instanceof AppError) {
    const scope = error.scope ?? null;
    let message = error.message;
    if (error.kind === 'forbidden' && scope && !message.includes(scope)) {
      message = `${message} (this store's token lacks ${scope})`;
    }
    return { kind: error.kind, message, fieldErrors: error.fieldErrors ?? {}, scope };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message, fieldErrors: {}, scope: null };
}

/** A short heading for an error banner. */
export function errorTitle(error: UiError): string {
  switch (error.kind) {
    case 'unavailable':
      return 'Not available yet';
    case 'network':
      return 'No connection';
    case 'forbidden':
      return 'Not allowed for this store';
    case 'auth':
      return 'The store token was refused';
    case 'validation':
      return 'Please check the form';
    case 'conflict':
      return 'Changed elsewhere';
    case 'rate_limited':
      return 'Slowing down';
    case 'not_found':
      return 'Not found';
    default:
      return 'Something went wrong';
  }
}

/**
 * What the merchant can do about an error, where this app knows: a refused token is fixed in
 * ReCharge and then in Settings, not by trying again.
 */
export function nextStep(error: Pick<UiError, 'kind'>): string | null {
  switch (error.kind) {
    case 'auth':
      return (
        'In ReCharge, open Apps → API tokens and check the token is still there (a deleted or ' +
        'regenerated token stops working), copy it again, then use “Replace token” in Settings.'
      );
    case 'forbidden':
      return 'Add the missing scope to the token in ReCharge, then use “Replace token” in Settings.';
    default:
      return null;
  }
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: UiError };

/** Runs a call and turns a throw into a value, so forms can branch without try/catch. */
export async function attempt<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error: toUiError(error) };
  }
}
