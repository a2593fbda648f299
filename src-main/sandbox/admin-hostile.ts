// The switches that make the sandbox as awkward as a real store, for tests that must hold up
// against one: the store's clock (set it just before a daylight-saving change and move it on),
// same-second updates, list pages without a next cursor, changes scheduled on the client's own
// requests, and tokens revoked behind the client's back.
import { maskToken } from '../../src-shared/recharge/payment-tokens.ts';
import type { RecordControls } from './admin-records.ts';
import type { AccessToken } from './auth.ts';
import type { DropCursors, Runtime } from './runtime.ts';
import { instantOf, type ClockReading } from './sandbox-clock.ts';
import type { ScheduledAction, ScheduledChange, ScheduleInput } from './schedule.ts';
import { formatOffsetUtc, type TimestampStyle } from './timestamps.ts';

export interface TokenSummary {
  label: string;
  scopes: string[];
  /** Masked: the state endpoint must not hand out secrets to anyone who asks. */
  hint: string;
  /** Answered 401 until restored. */
  revoked: boolean;
}

export interface Switches {
  /** Several writes to one record within a second keep that second (no tidy bump). */
  sameSecondUpdates: boolean;
  /** `always`: list pages come without `Link` / `next_cursor`. */
  dropCursors: DropCursors;
  /** 2021-11 customer timestamps: naive US Eastern or `+00:00`. */
  customerTimestamps: TimestampStyle;
}

/** A control the admin API refuses (422 over HTTP), with why. */
export class AdminRefusal extends Error {}

/** No token has that value or label (404 over HTTP). */
export class UnknownToken extends Error {}

export interface HostileControls {
  /** The store's clock: epoch ms, UTC and naive New York readings, frozen or ticking. */
  clock(): ClockReading;
  /**
   * Sets the store's clock to an instant (epoch ms, or ISO text with an offset); `frozen` keeps
   * it there. Refused before the store's last write: its clock never goes back (start over at an
   * earlier instant with `reset({ clock })`).
   */
  setClock(at: number | string, options?: { frozen?: boolean }): ClockReading;
  /** Moves the store's clock on by `ms` (the same refusal for a move back). */
  advanceClock(ms: number): ClockReading;
  /** The store's clock follows the injected `now` again (the same refusal). */
  followClock(): ClockReading;
  switches(): Switches;
  setSwitches(switches: Partial<Switches>): Switches;
  /** A change made elsewhere when the nth matching API request arrives, before it is handled. */
  schedule(input: ScheduleInput): ScheduledChange;
  scheduled(): ScheduledChange[];
  clearSchedule(): void;
  /** The token (by value or label) is answered 401 until restored or replaced. */
  revokeToken(tokenOrLabel: string): TokenSummary;
  restoreToken(tokenOrLabel: string): TokenSummary;
}

export const tokenSummary = (token: AccessToken): TokenSummary => ({
  label: token.label,
  scopes: token.scopes,
  hint: maskToken(token.token),
  revoked: token.revoked,
});

/**
 * The schedule as the admin API shows it: a token named by its value in a revoke or restore is
 * shown masked (labels as they are), so the state endpoint hands out no secret.
 */
export function publicChange(runtime: Runtime, change: ScheduledChange): ScheduledChange {
  const shown = (ref: string): string => {
    const isLabel = runtime.tokens.list().some((token) => token.label === ref);
    return isLabel && !runtime.tokens.lookup(ref) ? ref : maskToken(ref);
  };
  return {
    ...change,
    actions: change.actions.map((action) =>
      action.kind === 'revokeToken' || action.kind === 'restoreToken'
        ? { ...action, token: shown(action.token) }
        : action,
    ),
  };
}

export function hostileControls(runtime: Runtime): HostileControls {
  const { storeClock } = runtime;
  /** Moves the clock unless that would take it before the store's last write. */
  const move = (apply: () => void): ClockReading => {
    const before = { now: storeClock.now(), frozen: storeClock.frozen };
    apply();
    const last = runtime.clock.lastIssued();
    if (Math.floor(storeClock.now() / 1000) < last) {
      storeClock.set(before.now, before.frozen);
      throw new AdminRefusal(
        `The store's clock never goes back past its last write (${formatOffsetUtc(last)}). ` +
          'To start over at an earlier instant, reset with a clock: reset({ clock }).',
      );
    }
    return storeClock.reading();
  };
  const revoke = (tokenOrLabel: string, revoked: boolean): TokenSummary => {
    const token = runtime.tokens.setRevoked(tokenOrLabel, revoked);
    if (!token) throw new UnknownToken('No token with that value or label');
    return tokenSummary(token);
  };
  const switches = (): Switches => ({
    sameSecondUpdates: runtime.sameSecondUpdates,
    dropCursors: runtime.dropCursors,
    customerTimestamps: runtime.customerTimestamps,
  });
  return {
    clock: () => storeClock.reading(),
    setClock(at, options = {}) {
      const instant = instantOf(at);
      if (instant === null) {
        throw new AdminRefusal('The clock needs epoch ms or ISO text with an offset (or Z)');
      }
      return move(() => storeClock.set(instant, options.frozen ?? false));
    },
    advanceClock: (ms) => move(() => storeClock.advance(ms)),
    followClock: () => move(() => storeClock.follow()),
    switches,
    setSwitches(next) {
      if (next.sameSecondUpdates !== undefined) runtime.sameSecondUpdates = next.sameSecondUpdates;
      if (next.dropCursors !== undefined) runtime.dropCursors = next.dropCursors;
      if (next.customerTimestamps !== undefined)
        runtime.customerTimestamps = next.customerTimestamps;
      return switches();
    },
    schedule: (input) => publicChange(runtime, runtime.schedule.add(input)),
    scheduled: () => runtime.schedule.list().map((change) => publicChange(runtime, change)),
    clearSchedule: () => runtime.schedule.clear(),
    revokeToken: (tokenOrLabel) => revoke(tokenOrLabel, true),
    restoreToken: (tokenOrLabel) => revoke(tokenOrLabel, false),
  };
}

type Applier = RecordControls & HostileControls;

const resultOf = (result: { ok: true } | { ok: false; status: number; errors: unknown }) =>
  result.ok ? 'ok' : `${result.status} ${JSON.stringify(result.errors)}`;
const doneOr404 = (done: boolean) => (done ? 'ok' : '404 Not Found');

/** Applies one scheduled change; `ok`, or why not (it never throws). */
export function applyScheduled(admin: Applier, action: ScheduledAction): string {
  try {
    switch (action.kind) {
      case 'patchCustomer':
        return resultOf(admin.patchCustomer(action.id, action.fields));
      case 'deleteCustomer':
        return doneOr404(admin.deleteCustomer(action.id));
      case 'patchAddress':
        return resultOf(admin.patchAddress(action.id, action.fields));
      case 'deleteAddress':
        return doneOr404(admin.deleteAddress(action.id));
      case 'patchPaymentMethod':
        return resultOf(admin.patchPaymentMethod(action.id, action.fields));
      case 'createPaymentMethod':
        return resultOf(admin.createPaymentMethod(action.customerId, action.fields ?? {}));
      case 'deletePaymentMethod':
        return doneOr404(admin.deletePaymentMethod(action.id));
      case 'revokeToken':
        admin.revokeToken(action.token);
        return 'ok';
      case 'restoreToken':
        admin.restoreToken(action.token);
        return 'ok';
      case 'setClock':
        admin.setClock(action.at, { frozen: action.frozen ?? false });
        return 'ok';
      case 'advanceClock':
        admin.advanceClock(action.ms);
        return 'ok';
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
