import { AppError, type ErrorShape } from '../../src-shared/errors.ts';
import { fieldLabel } from '../../src-shared/outbox/field-labels.ts';
import type { FieldValues } from '../../src-shared/outbox/rules.ts';
import { backoffDelay } from '../recharge/retry-policy.ts';
import type { EditChange, EditRow } from './edit-rows.ts';
import { LONGEST_WAIT_MS } from './outbox-repo.ts';
import type { Outcome, PushContext } from './push-context.ts';
import { withoutSecrets } from './token-codec.ts';

const RETRY_BACKOFF = { baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

export function toShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return error.toShape();
  return {
    kind: 'internal',
    message: 'The edit could not be sent because of an unexpected error. It has been logged.',
  };
}

export type Settlers = ReturnType<typeof createSettlers>;

/** The moves of an edit out of `in_flight`, each a compare-and-set with its audit entry. */
export function createSettlers(ctx: PushContext) {
  const { repo, sealer, logger, now } = ctx.deps;

  /** Moves an edit on from `in_flight`; null when it had already moved (nothing written). */
  const settle = (edit: EditRow, change: EditChange) =>
    repo.changeIf(edit.id, ['in_flight'], change);

  const later = (edit: EditRow, error: unknown, ambiguous = edit.ambiguous): Outcome => {
    const backoff = backoffDelay(
      edit.attempts,
      ctx.deps.retryBackoff ?? RETRY_BACKOFF,
      ctx.deps.random,
    );
    const wait = ambiguous ? Math.max(backoff, ctx.settleMs) : backoff;
    settle(edit, {
      state: 'pending',
      lastError: toShape(error),
      ambiguous,
      nextAttemptAt: now() + Math.min(wait, LONGEST_WAIT_MS),
      event: 'will retry',
      message: toShape(error).message,
    });
    return 'later';
  };

  const fail = (edit: EditRow, error: unknown): Outcome => {
    settle(edit, {
      state: 'failed',
      patch: withoutSecrets(edit.patch, sealer),
      lastError: toShape(error),
      event: 'rejected',
      message: toShape(error).message,
    });
    return 'settled';
  };

  const done = (edit: EditRow, message: string | null, addressId?: number): Outcome => {
    settle(edit, {
      state: 'done',
      patch: withoutSecrets(edit.patch, sealer),
      lastError: null,
      ambiguous: false,
      ...(addressId === undefined ? {} : { addressId }),
      event: 'pushed',
      message,
    });
    return 'settled';
  };

  const conflict = (edit: EditRow, theirs: FieldValues, fields: string[]): Outcome => {
    settle(edit, {
      state: 'conflict',
      theirs,
      // What stands now is the conflict, not an earlier failed try.
      lastError: null,
      event: 'conflict',
      message: `Changed on ReCharge meanwhile: ${fields.map(fieldLabel).join(', ')}`,
    });
    return 'settled';
  };

  /**
   * Stores what the store answered, before the edit is settled; a failure here is only logged: the
   * store took the write, so it must never be sent again for it.
   */
  const remember = async (edit: EditRow, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      logger.error('the cache could not store what the store answered', {
        editId: edit.id,
        error,
      });
    }
  };

  return { settle, later, fail, done, conflict, remember };
}
