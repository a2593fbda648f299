// Drains the outbox: per customer in creation order, several customers at once. Each small batch
// of edits is re-read from the store just before it is sent (a list call of a few ids, so a
// change made elsewhere a few seconds earlier is seen) and every touched field is compared, so
// remote changes become conflicts. Every state change is a compare-and-set: an edit discarded or
// resolved meanwhile is never sent.
import { AppError, type ErrorShape } from '../../src-shared/errors.ts';
import type { CustomerState } from '../recharge/store-api.ts';
import type { EditRow } from './edit-rows.ts';
import { createPushPauses, scopesOf } from './pauses.ts';
import type { Outcome, OutboxPusherDeps, PushContext } from './push-context.ts';
import { createErrorHandling } from './push-errors.ts';
import { createPushSteps } from './push-steps.ts';
import { createReReader } from './re-read.ts';
import { baseAtClaim } from './replaced-method.ts';
import { createSettlers } from './settle.ts';

export type { OutboxPusherDeps } from './push-context.ts';
export type OutboxPusher = ReturnType<typeof createOutboxPusher>;

export function createOutboxPusher(deps: OutboxPusherDeps) {
  const { repo, api, logger, now } = deps;
  const concurrency = deps.concurrency ?? 4;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
  const pauses = deps.pauses ?? createPushPauses();
  let running: Promise<ErrorShape | null> | null = null;
  let timer: unknown = null;
  let stopped = false;
  // Closing a store must not wait out a request's retries: stop() aborts what is in flight.
  let controller = new AbortController();

  const ctx: PushContext = {
    deps,
    pauses,
    signal: () => controller.signal,
    settleMs: deps.ambiguousSettleMs ?? 30_000,
  };
  const settlers = createSettlers(ctx);
  const errors = createErrorHandling(ctx, settlers);
  const pushByKind = createPushSteps(ctx, settlers, errors);
  const reReader = createReReader(ctx);

  /** One edit from claim to settlement; never throws. */
  const pushOne = async (edit: EditRow, server: CustomerState | undefined): Promise<Outcome> => {
    if (pauses.held(edit, api.traits) || pauses.all() || stopped) return 'later';
    const base = baseAtClaim(edit, server);
    const claimed = repo.changeIf(edit.id, ['pending'], {
      state: 'in_flight',
      countAttempt: true,
      // Committed with the claim, so a crash mid-send still knows which method was replaced.
      ...(base ? { base } : {}),
      event: 'sending',
    });
    // Discarded, resolved or taken meanwhile: not this drain's to send.
    if (!claimed) return 'settled';
    if (!server) {
      return settlers.fail(
        claimed,
        new AppError('not_found', 'The customer no longer exists on the store.'),
      );
    }
    let outcome: Outcome;
    try {
      outcome = await pushByKind(claimed, server);
    } catch (error) {
      outcome = errors.onError(claimed, error);
    }
    try {
      if (repo.get(edit.id)?.state === 'done') deps.onWritten?.(scopesOf(claimed, api.traits)[0]!);
    } catch (error) {
      logger.error('after an edit was pushed', { editId: edit.id, error });
    }
    return outcome;
  };

  const drain = async (): Promise<ErrorShape | null> => {
    const tried = new Set<number>();
    while (!stopped && !pauses.all()) {
      const batch = reReader.nextBatch(tried);
      if (batch.length === 0) break;
      for (const edit of batch) tried.add(edit.id);
      let server: Map<number, CustomerState>;
      try {
        server = await reReader.freshCustomers([...new Set(batch.map((e) => e.customerId))]);
      } catch (error) {
        errors.onReadError(error);
        break;
      }
      let stop = false;
      let next = 0;
      const lane = async () => {
        while (!stop && next < batch.length) {
          const edit = batch[next++]!;
          const outcome = await pushOne(edit, server.get(edit.customerId));
          try {
            deps.onChange();
          } catch (error) {
            logger.error('telling the app about an outbox change failed', { error });
          }
          if (outcome === 'stop') stop = true;
        }
      };
      await Promise.allSettled(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
      if (stop) break;
    }
    return pauses.reason();
  };

  const schedule = () => {
    if (stopped) return;
    if (timer !== null) clearTimer(timer);
    const t = setTimer(() => {
      timer = null;
      void pushNow().finally(schedule);
    }, deps.retryIntervalMs ?? 15_000);
    t.unref?.();
    timer = t;
  };

  /**
   * Drains now; a second call while one runs joins it. `resume` clears pauses (the merchant
   * fixed the token or its scopes); new edits alone do not, so a refused token is not hammered.
   */
  const pushNow = (options: { resume?: boolean } = {}): Promise<ErrorShape | null> => {
    if (options.resume) pauses.clear();
    if (running) return running;
    running = drain()
      .catch((error: unknown) => {
        logger.error('outbox drain failed', { error });
        return pauses.reason();
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  return {
    /** After a crash: sends in flight become pending again; creates are checked before resending. */
    recover(): number {
      const stuck = repo.inState(['in_flight']);
      const creates = (edit: EditRow) =>
        edit.kind === 'address_create' ||
        (edit.kind === 'payment_token' && api.traits.paymentMethodToken);
      for (const edit of stuck) {
        const ambiguous = creates(edit) || edit.ambiguous;
        repo.changeIf(edit.id, ['in_flight'], {
          state: 'pending',
          ambiguous,
          // A request the app died waiting for may still be handled: look for it a bit later.
          ...(ambiguous ? { nextAttemptAt: now() + ctx.settleMs } : {}),
          event: 'recovered after restart',
        });
      }
      if (stuck.length > 0) deps.onChange();
      return stuck.length;
    },
    pushNow,
    start() {
      stopped = false;
      if (controller.signal.aborted) controller = new AbortController();
      schedule();
    },
    async stop() {
      stopped = true;
      controller.abort(new DOMException('The store was closed.', 'AbortError'));
      if (timer !== null) clearTimer(timer);
      timer = null;
      await running;
    },
    pausedReason: pauses.reason,
  };
}
