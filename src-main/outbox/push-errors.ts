import { AppError } from '../../src-shared/errors.ts';
import { isRechargeError } from '../recharge/errors.ts';
import type { EditRow } from './edit-rows.ts';
import { scopesOf } from './pauses.ts';
import type { Outcome, PushContext } from './push-context.ts';
import { toShape, type Settlers } from './settle.ts';

const MAX_UNEXPECTED = 5;

export const kindOf = (error: unknown) => (error instanceof AppError ? error.kind : 'internal');

/**
 * Whether a create may exist on the store after this failure: anything but a definite refusal
 * (a 4xx the store answered, or a 429, which it never applies) leaves it possible.
 */
export function createMayExist(error: unknown): boolean {
  if (!isRechargeError(error)) return true;
  return !['validation', 'not_found', 'forbidden', 'auth', 'conflict', 'rate_limited'].includes(
    error.kind,
  );
}

export type ErrorHandling = ReturnType<typeof createErrorHandling>;

/** How a failed send or re-read moves the edit and the queue on. */
export function createErrorHandling(ctx: PushContext, settlers: Settlers) {
  const { deps, pauses } = ctx;
  const { settle, later, fail } = settlers;

  /** Sorts a failure: rejected for good, worth another try later, or stop the drain. */
  const onError = (edit: EditRow, error: unknown, mayExist = false): Outcome => {
    const ambiguous = mayExist || edit.ambiguous;
    const kind = kindOf(error);
    if (ctx.signal().aborted) {
      // Closing: the edit waits for the next start, checked first if it may have gone out, and
      // not before the store has had time to finish a request it may still be handling.
      settle(edit, {
        state: 'pending',
        ambiguous,
        ...(ambiguous ? { nextAttemptAt: deps.now() + ctx.settleMs } : {}),
        event: 'stopped before an answer',
      });
      return 'stop';
    }
    if (kind === 'auth') {
      const reason = toShape(error);
      pauses.pauseAll(reason);
      settle(edit, {
        state: 'pending',
        ambiguous,
        lastError: reason,
        event: 'queue paused',
        message: reason.message,
      });
      return 'stop';
    }
    if (kind === 'forbidden') {
      const shape = toShape(error);
      const scope = shape.scope ?? scopesOf(edit, deps.api.traits)[0]!;
      pauses.pauseScope(scope, { ...shape, scope });
      settle(edit, {
        state: 'pending',
        ambiguous,
        lastError: shape,
        event: 'held: scope missing',
        message: shape.message,
      });
      deps.onForbidden?.(scope);
      return 'later';
    }
    if (kind === 'validation' || kind === 'not_found' || kind === 'conflict') {
      return fail(edit, error);
    }
    if (kind === 'network') {
      later(edit, error, ambiguous);
      deps.onNetworkLost?.();
      return 'stop';
    }
    if (kind === 'internal') {
      deps.logger.error('an edit could not be sent: unexpected error', {
        editId: edit.id,
        kind: edit.kind,
        attempts: edit.attempts,
        error,
      });
      if (edit.attempts >= (deps.maxUnexpected ?? MAX_UNEXPECTED)) return fail(edit, error);
    }
    return later(edit, error, ambiguous);
  };

  /** Why a re-read failed, when it means the whole drain stops (or null to go on later). */
  const onReadError = (error: unknown): 'stop' => {
    const kind = kindOf(error);
    if (kind === 'auth') pauses.pauseAll(toShape(error));
    else if (kind === 'network') deps.onNetworkLost?.();
    else if (!ctx.signal().aborted) {
      // No single edit is to blame: the queue tries again on its timer.
      deps.logger.warn('re-reading customers before a push failed', { kind, error });
    }
    return 'stop';
  };

  return { onError, onReadError };
}
