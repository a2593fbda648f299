// Drains the outbox: per customer in creation order, several customers at once. Each small batch
// of edits is re-read from the store just before it is sent (a list call of a few ids, so a
// change made elsewhere a few seconds earlier is seen) and every touched field is compared, so
// remote changes become conflicts. Every state change is a compare-and-set: an edit discarded or
// resolved meanwhile is never sent.
import { AppError, type ErrorShape } from '../../src-shared/errors.ts';
import { fieldLabel } from '../../src-shared/outbox/field-labels.ts';
import { detectConflict, pick, type FieldValues } from '../../src-shared/outbox/rules.ts';
import { BILLING_FIELDS, type AddressFacts } from '../../src-shared/customers/model.ts';
import {
  PAYMENT_METHOD_TOKEN_FIELD,
  processorOfField,
} from '../../src-shared/recharge/payment-tokens.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import type { Logger } from '../lib/logger.ts';
import { LONGEST_WAIT_MS, type EditRow, type OutboxRepo } from '../db/outbox-repo.ts';
import { isRechargeError } from '../recharge/errors.ts';
import { backoffDelay } from '../recharge/retry-policy.ts';
import type { CustomerState, StoreApi, TokenChange } from '../recharge/store-api.ts';
import type { CacheAccess, TokenSealer } from './outbox-ports.ts';
import { openPatch, withoutSecrets } from './outbox-service.ts';

export interface OutboxPusherDeps {
  repo: OutboxRepo;
  cache: CacheAccess;
  api: StoreApi;
  sealer: TokenSealer;
  logger: Logger;
  now: () => number;
  onChange: () => void;
  /** A 403 tells which scope the token lacks; the vault withdraws it from the profile. */
  onForbidden?: (scope: Scope | undefined) => void;
  /** The store could not be reached: the app should say it is offline. */
  onNetworkLost?: () => void;
  /** A write went through: the scope the merchant ticked is real. */
  onWritten?: (scope: Scope) => void;
  /** Edits sent at once; the client's shared limiter paces the requests. */
  concurrency?: number;
  /**
   * Edits re-read in one list call before they are sent: at 2 calls a second, the last of them
   * goes out about (batch / 2) seconds after its re-read. That is the window in which a change
   * made elsewhere can still be overwritten (docs/outbox.md).
   */
  readBatch?: number;
  retryIntervalMs?: number;
  /**
   * After a create got no clear answer, how long to wait before looking for it on the store: a
   * timed-out request can still be handled later, and looking too soon would create it twice.
   */
  ambiguousSettleMs?: number;
  /** Backoff of an edit after a transient failure (tests shorten it). */
  retryBackoff?: { baseDelayMs: number; maxDelayMs: number };
  /** Unexpected failures of one edit before it is set aside as failed. */
  maxUnexpected?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (timer: unknown) => void;
}

const READ_BATCH = 10;
const RETRY_BACKOFF = { baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };
const MAX_UNEXPECTED = 5;
/** How far past unsendable edits (scope held back) one drain looks for sendable ones. */
const LOOKAHEAD = 500;

/** What became of one edit: settled, to try later, or the whole drain must stop. */
type Outcome = 'settled' | 'later' | 'stop';

function toShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return error.toShape();
  return {
    kind: 'internal',
    message: 'The edit could not be sent because of an unexpected error. It has been logged.',
  };
}

const kindOf = (error: unknown) => (error instanceof AppError ? error.kind : 'internal');

/**
 * Whether a create may exist on the store after this failure: anything but a definite refusal
 * (a 4xx the store answered, or a 429, which it never applies) leaves it possible.
 */
function createMayExist(error: unknown): boolean {
  if (!isRechargeError(error)) return true;
  return !['validation', 'not_found', 'forbidden', 'auth', 'conflict', 'rate_limited'].includes(
    error.kind,
  );
}

function sameFields(address: AddressFacts, wanted: FieldValues): boolean {
  const have = pick(address, Object.keys(wanted));
  return Object.keys(wanted).every((f) => (have[f] ?? '') === (wanted[f] ?? ''));
}

export type OutboxPusher = ReturnType<typeof createOutboxPusher>;

export function createOutboxPusher(deps: OutboxPusherDeps) {
  const { repo, cache, api, sealer, logger, now } = deps;
  const concurrency = deps.concurrency ?? 4;
  const readBatch = deps.readBatch ?? READ_BATCH;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
  /** A refused token (401) holds everything; a missing scope (403) only what needs it. */
  let pausedAll: ErrorShape | null = null;
  const pausedScopes = new Map<Scope, ErrorShape>();
  let running: Promise<ErrorShape | null> | null = null;
  let timer: unknown = null;
  let stopped = false;
  // Closing a store must not wait out a request's retries: stop() aborts what is in flight.
  let controller = new AbortController();

  /** The scopes the store checks for this edit on this API version. */
  const scopesOf = (edit: EditRow): Scope[] => {
    if (edit.kind === 'payment_token') return ['write_payments'];
    if (edit.kind !== 'billing') return ['write_customer'];
    const fields = Object.keys(edit.patch);
    const scopes = new Set<Scope>();
    for (const field of fields) {
      scopes.add(
        (BILLING_FIELDS as readonly string[]).includes(field)
          ? api.traits.billingScope
          : 'write_customer',
      );
    }
    return [...scopes];
  };
  const held = (edit: EditRow) => scopesOf(edit).some((scope) => pausedScopes.has(scope));

  const pausedReason = (): ErrorShape | null =>
    pausedAll ?? pausedScopes.values().next().value ?? null;

  /** Moves an edit on from `in_flight`; null when it had already moved (nothing written). */
  const settle = (edit: EditRow, change: Parameters<OutboxRepo['change']>[1]) =>
    repo.changeIf(edit.id, ['in_flight'], change);

  const settleMs = deps.ambiguousSettleMs ?? 30_000;

  const later = (edit: EditRow, error: unknown, ambiguous = edit.ambiguous): Outcome => {
    const backoff = backoffDelay(edit.attempts, deps.retryBackoff ?? RETRY_BACKOFF, deps.random);
    const wait = ambiguous ? Math.max(backoff, settleMs) : backoff;
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

  /** Stores what the store answered; the edit is settled already, so a failure here is logged. */
  const remember = (edit: EditRow, write: () => void) => {
    try {
      write();
    } catch (error) {
      logger.error('the cache could not store what the store answered', {
        editId: edit.id,
        error,
      });
    }
  };

  /** Sorts a failure: rejected for good, worth another try later, or stop the drain. */
  const onError = (edit: EditRow, error: unknown, mayExist = false): Outcome => {
    const ambiguous = mayExist || edit.ambiguous;
    const kind = kindOf(error);
    if (controller.signal.aborted) {
      // Closing: the edit waits for the next start, checked first if it may have gone out, and
      // not before the store has had time to finish a request it may still be handling.
      settle(edit, {
        state: 'pending',
        ambiguous,
        ...(ambiguous ? { nextAttemptAt: now() + settleMs } : {}),
        event: 'stopped before an answer',
      });
      return 'stop';
    }
    if (kind === 'auth') {
      pausedAll = toShape(error);
      settle(edit, {
        state: 'pending',
        ambiguous,
        lastError: pausedAll,
        event: 'queue paused',
        message: pausedAll.message,
      });
      return 'stop';
    }
    if (kind === 'forbidden') {
      const shape = toShape(error);
      const scope = shape.scope ?? scopesOf(edit)[0]!;
      pausedScopes.set(scope, { ...shape, scope });
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
      logger.error('an edit could not be sent: unexpected error', {
        editId: edit.id,
        kind: edit.kind,
        attempts: edit.attempts,
        error,
      });
      if (edit.attempts >= (deps.maxUnexpected ?? MAX_UNEXPECTED)) return fail(edit, error);
    }
    return later(edit, error, ambiguous);
  };

  /** What to send: the touched fields the store does not hold yet, unless one conflicts. */
  const checkFields = (edit: EditRow, serverValues: Record<string, unknown>) => {
    const fields = Object.keys(edit.patch);
    const theirs = pick(serverValues, fields);
    // Always by value: updated_at has whole seconds, so an equal one proves nothing.
    const check = detectConflict(edit.base, edit.patch, theirs);
    const send: FieldValues = {};
    for (const field of fields) {
      if (!check.converged.includes(field)) send[field] = edit.patch[field] ?? null;
    }
    return { send, conflicting: check.conflicting, theirs };
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

  const pushBilling = async (edit: EditRow, server: CustomerState): Promise<Outcome> => {
    const { send, conflicting, theirs } = checkFields(edit, server.customer);
    if (conflicting.length > 0) return conflict(edit, theirs, conflicting);
    if (Object.keys(send).length === 0) return done(edit, 'already on the store');
    const result = await api.updateBilling(server, send, controller.signal);
    const outcome = done(edit, null);
    remember(edit, () => cache.saveWrite(edit.customerId, result));
    return outcome;
  };

  const tokenChange = (edit: EditRow): TokenChange => {
    const open = openPatch(edit.patch, sealer);
    const field = Object.keys(open).find((f) => processorOfField(f) !== null);
    const processor = field ? processorOfField(field) : null;
    if (!field || !processor) throw new AppError('internal', 'A token edit without a token.');
    return {
      processor,
      customerToken: open[field] ?? '',
      paymentMethodToken: open[PAYMENT_METHOD_TOKEN_FIELD] ?? null,
    };
  };

  const pushToken = async (edit: EditRow, server: CustomerState): Promise<Outcome> => {
    const token = tokenChange(edit);
    if (edit.ambiguous) {
      // The last try may have created the payment method: look before creating a second.
      const found = await api.findTokenChange(edit.customerId, token, controller.signal);
      if (found) {
        const outcome = done(edit, 'found on the store after an interrupted send');
        remember(edit, () => cache.saveWrite(edit.customerId, found));
        return outcome;
      }
    }
    let result;
    try {
      result = await api.replacePaymentToken(server, token, controller.signal);
    } catch (error) {
      // Only a create can be half done; a 2021-01 PUT of the same token is safe to resend.
      return onError(edit, error, api.traits.paymentMethodToken && createMayExist(error));
    }
    const outcome = done(edit, null);
    remember(edit, () => cache.saveWrite(edit.customerId, result));
    return outcome;
  };

  const pushAddressUpdate = async (edit: EditRow): Promise<Outcome> => {
    const address = await api.getAddress(edit.addressId!, controller.signal);
    const { send, conflicting, theirs } = checkFields(edit, address);
    if (conflicting.length > 0) return conflict(edit, theirs, conflicting);
    if (Object.keys(send).length === 0) return done(edit, 'already on the store');
    const updated = await api.updateAddress(edit.addressId!, send, controller.signal);
    const outcome = done(edit, null);
    remember(edit, () => cache.saveAddress(updated));
    return outcome;
  };

  const pushAddressCreate = async (edit: EditRow): Promise<Outcome> => {
    if (edit.ambiguous) {
      // The last try may have reached the store: look before creating it a second time.
      const existing = await api.customerAddresses(edit.customerId, controller.signal);
      const match = existing.find((a) => sameFields(a, edit.patch));
      if (match) {
        const outcome = done(edit, 'found on the store after an interrupted send', match.id);
        remember(edit, () => cache.saveAddress(match));
        return outcome;
      }
    }
    let address;
    try {
      address = await api.createAddress(edit.customerId, edit.patch, controller.signal);
    } catch (error) {
      return onError(edit, error, createMayExist(error));
    }
    // Settled before the cache hears of it: a failed local write must not resend the create.
    const outcome = done(edit, null, address.id);
    remember(edit, () => cache.saveAddress(address));
    return outcome;
  };

  const pushByKind = (edit: EditRow, server: CustomerState): Promise<Outcome> => {
    switch (edit.kind) {
      case 'billing':
        return pushBilling(edit, server);
      case 'payment_token':
        return pushToken(edit, server);
      case 'address_update':
        return pushAddressUpdate(edit);
      case 'address_create':
        return pushAddressCreate(edit);
    }
  };

  /** One edit from claim to settlement; never throws. */
  const pushOne = async (edit: EditRow, server: CustomerState | undefined): Promise<Outcome> => {
    if (held(edit) || pausedAll || stopped) return 'later';
    const claimed = repo.changeIf(edit.id, ['pending'], {
      state: 'in_flight',
      countAttempt: true,
      event: 'sending',
    });
    // Discarded, resolved or taken meanwhile: not this drain's to send.
    if (!claimed) return 'settled';
    if (!server) {
      return fail(
        claimed,
        new AppError('not_found', 'The customer no longer exists on the store.'),
      );
    }
    let outcome: Outcome;
    try {
      outcome = await pushByKind(claimed, server);
    } catch (error) {
      outcome = onError(claimed, error);
    }
    try {
      if (repo.get(edit.id)?.state === 'done') deps.onWritten?.(scopesOf(claimed)[0]!);
    } catch (error) {
      logger.error('after an edit was pushed', { editId: edit.id, error });
    }
    return outcome;
  };

  /** The customers of a batch as the store has them now; those it left out are asked for. */
  const freshCustomers = async (ids: number[]): Promise<Map<number, CustomerState>> => {
    const states = await api.customersNow(ids, controller.signal);
    const byId = new Map(states.map((state) => [state.customer.id, state]));
    for (const id of ids) {
      if (byId.has(id)) continue;
      try {
        byId.set(id, await api.getCustomer(id, controller.signal));
      } catch (error) {
        if (!isRechargeError(error) || error.kind !== 'not_found') throw error;
      }
    }
    for (const state of byId.values()) {
      try {
        cache.saveCustomerState(state);
      } catch (error) {
        logger.warn('the cache could not store a re-read customer', { error });
      }
    }
    return byId;
  };

  /**
   * The next edits that can go now: ready, not held back for a missing scope, and not tried
   * already in this drain (one that failed waits for its backoff and the next drain).
   */
  const nextBatch = (tried: Set<number>): EditRow[] => {
    const batch: EditRow[] = [];
    let after = 0;
    for (let seen = 0; batch.length < readBatch && seen < LOOKAHEAD;) {
      const page = repo.ready(readBatch * 2, after);
      if (page.length === 0) break;
      for (const edit of page) {
        if (!held(edit) && !tried.has(edit.id) && batch.length < readBatch) batch.push(edit);
      }
      seen += page.length;
      after = page.at(-1)!.id;
    }
    return batch;
  };

  /** Why a re-read failed, when it means the whole drain stops (or null to go on later). */
  const onReadError = (error: unknown): 'stop' => {
    const kind = kindOf(error);
    if (kind === 'auth') pausedAll = toShape(error);
    else if (kind === 'network') deps.onNetworkLost?.();
    else if (!controller.signal.aborted) {
      // No single edit is to blame: the queue tries again on its timer.
      logger.warn('re-reading customers before a push failed', { kind, error });
    }
    return 'stop';
  };

  const drain = async (): Promise<ErrorShape | null> => {
    const tried = new Set<number>();
    while (!stopped && !pausedAll) {
      const batch = nextBatch(tried);
      if (batch.length === 0) break;
      for (const edit of batch) tried.add(edit.id);
      let server: Map<number, CustomerState>;
      try {
        server = await freshCustomers([...new Set(batch.map((e) => e.customerId))]);
      } catch (error) {
        onReadError(error);
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
    return pausedReason();
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
    if (options.resume) {
      pausedAll = null;
      pausedScopes.clear();
    }
    if (running) return running;
    running = drain()
      .catch((error: unknown) => {
        logger.error('outbox drain failed', { error });
        return pausedReason();
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
          ...(ambiguous ? { nextAttemptAt: now() + settleMs } : {}),
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
    pausedReason,
  };
}
