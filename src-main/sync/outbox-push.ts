import { AppError, type ErrorShape } from '../../src-shared/errors.ts';
import type { OutboxSummary } from '../../src-shared/outbox/edits.ts';
import { fieldLabel } from '../../src-shared/outbox/field-labels.ts';
import { detectConflict, pick, type FieldValues } from '../../src-shared/outbox/rules.ts';
import type { AddressFacts } from '../../src-shared/customers/model.ts';
import {
  PAYMENT_METHOD_TOKEN_FIELD,
  processorOfField,
} from '../../src-shared/recharge/payment-tokens.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import type { Logger } from '../core/logger.ts';
import type { EditRow, OutboxRepo } from '../db/outbox-repo.ts';
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
  /** Edits handled at once; the client's shared limiter paces the requests. */
  concurrency?: number;
  retryIntervalMs?: number;
  /**
   * After a create got no clear answer, how long to wait before looking for it on the store: a
   * timed-out request can still be handled later, and looking too soon would create it twice.
   */
  ambiguousSettleMs?: number;
  /** Backoff of an edit after a transient failure (tests shorten it). */
  retryBackoff?: { baseDelayMs: number; maxDelayMs: number };
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (timer: unknown) => void;
}

const BATCH = 100;
const RETRY_BACKOFF = { baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

type Outcome = 'done' | 'later' | 'stop';

function toShape(error: unknown): ErrorShape {
  if (error instanceof AppError) return error.toShape();
  return {
    kind: 'internal',
    message: 'The edit could not be sent because of an unexpected error.',
  };
}

function sameFields(address: AddressFacts, wanted: FieldValues): boolean {
  const have = pick(address, Object.keys(wanted));
  return Object.keys(wanted).every((f) => (have[f] ?? '') === (wanted[f] ?? ''));
}

export type OutboxPusher = ReturnType<typeof createOutboxPusher>;

/**
 * Drains the outbox: per customer in creation order, several customers at once, re-reading
 * each batch's customers in one list call before writing so remote changes become conflicts.
 */
export function createOutboxPusher(deps: OutboxPusherDeps) {
  const { repo, cache, api, sealer, logger, now } = deps;
  const concurrency = deps.concurrency ?? 4;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
  let paused: ErrorShape | null = null;
  let running: Promise<OutboxSummary['pausedReason']> | null = null;
  let timer: unknown = null;
  let stopped = false;
  // Closing a store must not wait out a request's retries: stop() aborts what is in flight.
  let controller = new AbortController();

  const later = (edit: EditRow, error: unknown, ambiguous = edit.ambiguous): Outcome => {
    const backoff = backoffDelay(edit.attempts, deps.retryBackoff ?? RETRY_BACKOFF, deps.random);
    const wait = ambiguous ? Math.max(backoff, deps.ambiguousSettleMs ?? 30_000) : backoff;
    repo.change(edit.id, {
      state: 'pending',
      lastError: toShape(error),
      ambiguous,
      nextAttemptAt: now() + wait,
      event: 'will retry',
      message: toShape(error).message,
    });
    return 'later';
  };

  const fail = (edit: EditRow, error: unknown): Outcome => {
    repo.change(edit.id, {
      state: 'failed',
      patch: withoutSecrets(edit.patch, sealer),
      lastError: toShape(error),
      event: 'rejected',
      message: toShape(error).message,
    });
    return 'done';
  };

  const done = (edit: EditRow, message: string | null, addressId?: number): Outcome => {
    repo.change(edit.id, {
      state: 'done',
      patch: withoutSecrets(edit.patch, sealer),
      lastError: null,
      ambiguous: false,
      ...(addressId === undefined ? {} : { addressId }),
      event: 'pushed',
      message,
    });
    return 'done';
  };

  /** Sorts a failure: rejected for good, worth another try later, or stop the queue. */
  const onError = (edit: EditRow, error: unknown, ambiguousCreate = false): Outcome => {
    const kind = error instanceof AppError ? error.kind : 'internal';
    if (kind === 'auth' || kind === 'forbidden') {
      paused = toShape(error);
      repo.change(edit.id, {
        state: 'pending',
        lastError: paused,
        event: 'queue paused',
        message: paused.message,
      });
      if (kind === 'forbidden') deps.onForbidden?.(paused.scope);
      return 'stop';
    }
    if (kind === 'validation' || kind === 'not_found' || kind === 'conflict')
      return fail(edit, error);
    if (kind === 'network') {
      later(edit, error, ambiguousCreate || edit.ambiguous);
      if (!stopped) deps.onNetworkLost?.();
      return 'stop';
    }
    return later(edit, error, ambiguousCreate || edit.ambiguous);
  };

  const checkFields = (
    edit: EditRow,
    serverValues: Record<string, unknown>,
    serverUpdatedAt: string | null | undefined,
  ) => {
    const fields = Object.keys(edit.patch);
    const theirs = pick(serverValues, fields);
    if (edit.baseUpdatedAt !== null && edit.baseUpdatedAt === serverUpdatedAt) {
      return { send: edit.patch, conflicting: [] as string[], theirs };
    }
    const check = detectConflict(edit.base, edit.patch, theirs);
    const send: FieldValues = {};
    for (const field of fields) {
      if (!check.converged.includes(field)) send[field] = edit.patch[field] ?? null;
    }
    return { send, conflicting: check.conflicting, theirs };
  };

  const conflict = (edit: EditRow, theirs: FieldValues, fields: string[]): Outcome => {
    repo.change(edit.id, {
      state: 'conflict',
      theirs,
      event: 'conflict',
      message: `Changed on ReCharge meanwhile: ${fields.map(fieldLabel).join(', ')}`,
    });
    return 'done';
  };

  const pushBilling = async (edit: EditRow, server: CustomerState): Promise<Outcome> => {
    const { customer } = server;
    const { send, conflicting, theirs } = checkFields(edit, customer, customer.updated_at);
    if (conflicting.length > 0) return conflict(edit, theirs, conflicting);
    if (Object.keys(send).length === 0) return done(edit, 'already on the store');
    const result = await api.updateBilling(server, send, controller.signal);
    cache.saveWrite(edit.customerId, result);
    return done(edit, null);
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

  /** No answer (or a 5xx) after sending a create: it may exist now. */
  const mayExist = (error: unknown) => {
    const kind = error instanceof AppError ? error.kind : 'internal';
    return kind === 'network' || kind === 'server' || kind === 'protocol';
  };

  const pushToken = async (edit: EditRow, server: CustomerState): Promise<Outcome> => {
    const token = tokenChange(edit);
    if (edit.ambiguous) {
      // The last try may have created the payment method: look before creating a second.
      const found = await api.findTokenChange(edit.customerId, token, controller.signal);
      if (found) {
        cache.saveWrite(edit.customerId, found);
        return done(edit, 'found on the store after an interrupted send');
      }
    }
    try {
      const result = await api.replacePaymentToken(server, token, controller.signal);
      cache.saveWrite(edit.customerId, result);
      return done(edit, null);
    } catch (error) {
      // Only a create can be half-done; a 2021-01 PUT of the same token is safe to resend.
      const creates = api.traits.paymentMethodToken;
      return onError(edit, error, creates && mayExist(error));
    }
  };

  const pushAddressUpdate = async (edit: EditRow): Promise<Outcome> => {
    const address = await api.getAddress(edit.addressId!, controller.signal);
    const { send, conflicting, theirs } = checkFields(edit, address, address.updated_at);
    if (conflicting.length > 0) return conflict(edit, theirs, conflicting);
    if (Object.keys(send).length === 0) return done(edit, 'already on the store');
    cache.saveAddress(await api.updateAddress(edit.addressId!, send, controller.signal));
    return done(edit, null);
  };

  const pushAddressCreate = async (edit: EditRow): Promise<Outcome> => {
    if (edit.ambiguous) {
      // The last try may have reached the store: look before creating it a second time.
      const existing = await api.customerAddresses(edit.customerId, controller.signal);
      const match = existing.find((a) => sameFields(a, edit.patch));
      if (match) {
        cache.saveAddress(match);
        return done(edit, 'found on the store after an interrupted send', match.id);
      }
    }
    try {
      const address = await api.createAddress(edit.customerId, edit.patch, controller.signal);
      cache.saveAddress(address);
      return done(edit, null, address.id);
    } catch (error) {
      return onError(edit, error, mayExist(error));
    }
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

  const pushOne = async (edit: EditRow, server: CustomerState | undefined): Promise<Outcome> => {
    if (!server) {
      return fail(edit, new AppError('not_found', 'The customer no longer exists on the store.'));
    }
    const current = repo.change(edit.id, {
      state: 'in_flight',
      countAttempt: true,
      event: 'sending',
    });
    try {
      const outcome = await pushByKind(current, server);
      const row = repo.get(edit.id);
      if (row?.state === 'done') {
        deps.onWritten?.(current.kind === 'payment_token' ? 'write_payments' : 'write_customer');
      }
      return outcome;
    } catch (error) {
      return onError(current, error);
    }
  };

  const freshCustomers = async (ids: number[]): Promise<Map<number, CustomerState>> => {
    const states = await api.customersNow(ids, controller.signal);
    states.forEach((state) => cache.saveCustomerState(state));
    return new Map(states.map((state) => [state.customer.id, state]));
  };

  const drain = async (): Promise<ErrorShape | null> => {
    while (!stopped && !paused) {
      const batch = repo.ready(BATCH);
      if (batch.length === 0) break;
      let server: Map<number, CustomerState>;
      try {
        server = await freshCustomers([...new Set(batch.map((e) => e.customerId))]);
      } catch (error) {
        const outcome = onError(batch[0]!, error);
        deps.onChange();
        if (outcome === 'stop') break;
        continue;
      }
      let stop = false;
      let next = 0;
      const lane = async () => {
        while (!stop && next < batch.length) {
          const edit = batch[next++]!;
          const outcome = await pushOne(edit, server.get(edit.customerId));
          deps.onChange();
          if (outcome === 'stop') stop = true;
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
      if (stop) break;
    }
    return paused;
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

  /** Drains now; a second call while one runs joins it. Clears a pause (credentials fixed). */
  const pushNow = (): Promise<ErrorShape | null> => {
    if (running) return running;
    paused = null;
    running = drain()
      .catch((error: unknown) => {
        logger.error('outbox drain failed', { error });
        return paused;
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
      for (const edit of stuck) {
        repo.change(edit.id, {
          state: 'pending',
          ambiguous: edit.kind === 'address_create' ? true : edit.ambiguous,
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
    pausedReason: () => paused,
  };
}
